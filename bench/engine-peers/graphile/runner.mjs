// graphile-worker 0.18.0 as a peer of our engine in bench/engine-peers.sh (docs/performance.md, "Peers"):
//   node runner.mjs migrate                 installs its schema (graphile_worker) into DATABASE_URL
//   node runner.mjs work                    one worker pool of CONCURRENCY jobs at once on the task `noop`, until SIGTERM
// Configured as graphile-worker's documentation recommends for throughput (https://worker.graphile.org/docs/performance):
// concurrency = the shape's workers, a pool of concurrency + 2 connections, a local queue (batched fetch) of
// LOCAL_QUEUE_SIZE jobs, completions batched (completeJobBatchDelay 0: those finished in the same tick, one statement),
// prepared statements (the default) and a 100 ms poll, the idle poll every system in the benchmark gets. It logs
// warnings and errors only: at its default level it writes a line per completed job, which our workers (logging at
// Warning) do not.
import { Logger, run, runMigrations } from "graphile-worker";

const command = process.argv[2];
const connectionString = process.env.DATABASE_URL;
const concurrency = Number(process.env.CONCURRENCY ?? "10");
const localQueueSize = Number(process.env.LOCAL_QUEUE_SIZE ?? String(concurrency));
const logger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") {
    console.error(`[graphile-worker ${level}] ${message}`);
  }
});

if (command === "migrate") {
  await runMigrations({ connectionString, logger });
} else if (command === "work") {
  const runner = await run({
    connectionString,
    concurrency,
    maxPoolSize: concurrency + 2,
    pollInterval: 100,
    logger,
    taskList: { noop: async () => {} },
    preset: {
      worker: {
        localQueue: { size: localQueueSize },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
  });
  console.log("ready");
  await runner.promise;
} else {
  console.error("usage: node runner.mjs migrate|work (DATABASE_URL, CONCURRENCY, LOCAL_QUEUE_SIZE)");
  process.exit(2);
}
