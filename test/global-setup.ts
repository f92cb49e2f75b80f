// Tells, once per run, which back ends the integration suites use and which they skip.
export default () => {
  const database = process.env.DATABASE_URL;
  const redis = process.env.REDIS_URL;
  if (database && redis) {
    console.log(`[bantin tests] back ends: PGlite + in-process queue, and PostgreSQL (${redisless(database)}) + BullMQ (${redisless(redis)})`);
  } else {
    const missing = [!database && "DATABASE_URL", !redis && "REDIS_URL"].filter(Boolean).join(" and ");
    console.log(
      `[bantin tests] back ends: PGlite + in-process queue only. SKIPPED: PostgreSQL + BullMQ suites, because ${missing} is not set (.ci/run sets both).`,
    );
  }
};

const redisless = (url: string) => url.replace(/\/\/[^@/]*@/, "//***@");
