ALTER TABLE "stations" ADD COLUMN "names" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "names_reviewed" boolean DEFAULT true NOT NULL;