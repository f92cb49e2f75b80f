-- The delivery log and the audit log are append-only: no row is ever changed or removed.
CREATE OR REPLACE FUNCTION bantin_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER delivery_log_append_only BEFORE UPDATE OR DELETE ON delivery_log
  FOR EACH ROW EXECUTE FUNCTION bantin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION bantin_refuse_change();
