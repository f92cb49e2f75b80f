CREATE TABLE "translation_memory" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_language" text NOT NULL,
	"target_language" text NOT NULL,
	"source_key" text NOT NULL,
	"source" text NOT NULL,
	"target" text NOT NULL,
	"bulletin_id" uuid,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulletin_texts" ALTER COLUMN "updated_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "counterpart_code" text;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "gate_type" text;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "template" text;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "template_fields" jsonb;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "dropped_languages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "waiting_notes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "bulletin_texts" ADD COLUMN "origin" text DEFAULT 'translator' NOT NULL;--> statement-breakpoint
ALTER TABLE "bulletin_texts" ADD COLUMN "origin_detail" jsonb;--> statement-breakpoint
ALTER TABLE "translation_memory" ADD CONSTRAINT "translation_memory_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "translation_memory_pair_key_idx" ON "translation_memory" USING btree ("source_language","target_language","source_key");--> statement-breakpoint
CREATE INDEX "translation_memory_pair_idx" ON "translation_memory" USING btree ("source_language","target_language");