-- The console list's version is also announced: the triggers that move it NOTIFY `console_list_version` (once per
-- transaction, whatever the statements; sent at commit). Embedded PGlite delivers the notification in this process
-- before the writing call returns, so there the console keeps the version from the notifications and a repeat view
-- of the list reads nothing (src/db/queries/console-list-version.ts).
CREATE OR REPLACE FUNCTION "bump_console_list_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('console_list_version');
  PERFORM pg_notify('console_list_version', '');
  RETURN NULL;
END;
$$;
