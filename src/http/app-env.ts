import type { ConsoleContext } from "./console/console-context.ts";
import type { PostedForm } from "./console/admin-forms.tsx";
import type { FeedBodies } from "./screen/feed-bodies.ts";
import type { FeedEvents } from "./screen/feed-events.ts";
import type { DeliveryEvents } from "./console/delivery-events.ts";
import type { Screen } from "../delivery/display-renditions.ts";
import type { Station } from "../delivery/radio-scripts.ts";
import type { Actor } from "../access/actor.ts";
import type { LoginThrottle } from "../access/login-throttle.ts";
import type { Db } from "../db/client.ts";
import type { Partner } from "../db/queries/partners.ts";
import type { ReportCutoff } from "../domain/reports.ts";
import type { Logger } from "../logger.ts";
import type { MachineTranslator } from "../localize/machine-translation.ts";
import type { JobQueue } from "../queue/job-queue.ts";

/** Everything a request handler may use; `createApp(deps)` reads no globals. */
export type AppDeps = {
  db: Db;
  queue: JobQueue;
  clock: () => Date;
  logger: Logger;
  publicUrl: string;
  /** server-sent feed events for screens; absent where the app runs without them (some tests) */
  feedEvents?: FeedEvents;
  /** server-sent delivery updates for the console's bulletin pages; absent where the app runs without them */
  deliveryEvents?: DeliveryEvents;
  /** the screen feeds' serialized (and compressed) bodies by ETag; createApp makes one in this process's memory when absent */
  feedBodies?: FeedBodies;
  /** the bearer token /metrics answers to; absent: /metrics is off (404) */
  metricsToken?: string;
  /** sign-in throttling; createApp uses one in this process's memory with default settings when absent */
  loginThrottle?: LoginThrottle;
  /** how many reverse proxies of ours stand in front (X-Forwarded-For is read only then); 0 when absent */
  trustProxy?: number;
  /** the reporting cut-off days (REPORT_CUTOFFS); the decree's 15/6 and 15/12 when absent */
  reportCutoffs?: readonly ReportCutoff[];
  /** who issues, signs and receives report documents (REPORT_SETTINGS_FILE); infra/report-settings.json when absent */
  reportSettingsFile?: string;
  /** the machine-translation provider (or the offline demo phrasebook): its proposals go beside the memory's for translators, and into compose previews; none when absent */
  machineTranslator?: MachineTranslator;
  /** the console's bulletin list and waiting-banner caches (src/http/console/list-cache.ts); false: every view works them out afresh */
  consoleListCache?: boolean;
  /** the console list's version kept from notifications (embedded PGlite: db/queries/console-list-version.ts
   *  pushedConsoleListVersion); absent: read from the database once a request */
  consoleListVersion?: () => string;
  /** readiness checks: each throws when its dependency is down */
  checks: { database: () => Promise<void>; queue: () => Promise<void> };
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    actor: Actor;
    /** the id of the session token a user signed in with (for logout) */
    sessionTokenId: string;
    partner: Partner;
    screen: Screen;
    station: Station;
    /** a console page: who is looking, in which language, the CSRF token of its forms */
    console: ConsoleContext;
    /** the console list's version, read once a request (console/session.ts listVersionOf) */
    consoleListVersion: Promise<string>;
    /** a console form's fields, parsed once a request (console/session.ts consoleFormBody) */
    consoleForm: Promise<PostedForm>;
  };
};
