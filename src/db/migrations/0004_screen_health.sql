ALTER TABLE "screens" ADD COLUMN "last_heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "screens" ADD COLUMN "player_version" text;--> statement-breakpoint
ALTER TABLE "screens" ADD COLUMN "shown_feed_etag" text;--> statement-breakpoint
ALTER TABLE "screens" ADD COLUMN "cached_items" integer;--> statement-breakpoint
ALTER TABLE "screens" ADD COLUMN "last_fault" text;--> statement-breakpoint
ALTER TABLE "screens" ADD COLUMN "last_fault_at" timestamp with time zone;