CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "lease_seconds" integer DEFAULT 300 NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_lease_seconds_range" CHECK ("partners"."lease_seconds" between 30 and 3600);