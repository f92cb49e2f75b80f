CREATE TABLE "screen_contacts" (
	"screen_id" uuid NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	CONSTRAINT "screen_contacts_screen_id_slot_pk" PRIMARY KEY("screen_id","slot")
);
--> statement-breakpoint
ALTER TABLE "delivery_log" ADD COLUMN "occurred_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "screen_contacts" ADD CONSTRAINT "screen_contacts_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "public"."screens"("id") ON DELETE cascade ON UPDATE no action;