CREATE TABLE "audio" (
	"file" text PRIMARY KEY NOT NULL,
	"mime_type" text NOT NULL,
	"sample_rate" integer NOT NULL,
	"duration_sec" real NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "radio_scripts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"tx" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"bulletin_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"language" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "radio_scripts_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "sms_messages" ALTER COLUMN "encoding" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "audio" text;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "audio_mp3" text;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "duration_sec" real;--> statement-breakpoint
ALTER TABLE "radio_scripts" ADD CONSTRAINT "radio_scripts_bulletin_id_bulletins_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "radio_scripts" ADD CONSTRAINT "radio_scripts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "radio_scripts_key_idx" ON "radio_scripts" USING btree ("bulletin_id","station_id","language");--> statement-breakpoint
CREATE INDEX "radio_scripts_station_idx" ON "radio_scripts" USING btree ("station_id","seq");