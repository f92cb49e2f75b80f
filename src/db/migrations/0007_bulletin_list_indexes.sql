CREATE INDEX "bulletins_created_id_idx" ON "bulletins" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "bulletins_published_at_idx" ON "bulletins" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "bulletins_areas_idx" ON "bulletins" USING gin ("areas");--> statement-breakpoint
CREATE INDEX "bulletins_target_languages_idx" ON "bulletins" USING gin ("target_languages");--> statement-breakpoint
CREATE INDEX "bulletins_channels_idx" ON "bulletins" USING gin ("channels");--> statement-breakpoint
CREATE INDEX "bulletins_supersedes_idx" ON "bulletins" USING btree ("supersedes_id");