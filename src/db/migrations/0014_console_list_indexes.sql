CREATE INDEX "bulletins_valid_until_idx" ON "bulletins" USING btree ("valid_until");--> statement-breakpoint
-- The console's list cache: a version of what the bulletin list shows, bumped once per statement that changes
-- bulletins or bulletin_texts (in any process: the API, the console, the worker). A sequence, so writers never wait
-- on each other; it moves before their commit, which the cache bounds with a short lifetime (docs/performance.md).
CREATE SEQUENCE "console_list_version";--> statement-breakpoint
CREATE FUNCTION "bump_console_list_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('console_list_version');
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "bulletins_console_list_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "bulletins" FOR EACH STATEMENT EXECUTE FUNCTION "bump_console_list_version"();--> statement-breakpoint
CREATE TRIGGER "bulletin_texts_console_list_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "bulletin_texts" FOR EACH STATEMENT EXECUTE FUNCTION "bump_console_list_version"();
