CREATE INDEX "bulletins_approved_at_idx" ON "bulletins" USING btree ("approved_at");--> statement-breakpoint
CREATE INDEX "bulletins_withdrawn_at_idx" ON "bulletins" USING btree ("withdrawn_at");--> statement-breakpoint
CREATE INDEX "delivery_log_event_happened_idx" ON "delivery_log" USING btree ("event",coalesce("occurred_at", "at"));