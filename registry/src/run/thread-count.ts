import type { CpuInfo } from "node:os";

/** Fewest apps worth a thread of their own: below it, starting a thread (loading the engine, compiling the schemas) costs more than it saves. */
export const MIN_APPS_PER_THREAD = 250;

/** What {@link chooseThreadCount} decides from. */
export interface ThreadCountInput {
  /** Threads the caller asked for (`--threads`); undefined to choose. */
  asked: number | undefined;
  /** Apps to validate. */
  apps: number;
  /** Cores this process may use (`os.availableParallelism()`). */
  cores: number;
  /**
   * Cores busy with other work just before the run (0 to `cores`): the share of CPU time
   * not idle over a short sample of `os.cpus()` times, times the core count
   * (see `busyCores` in `validate-registry.ts`). Not the load average: that is a minute's
   * history and counts the work this run's own caller just did.
   */
  load: number;
}

/**
 * Share of a core the sample of busy cores may read as busy on a machine where nothing else
 * runs. Measured on the bench machine (2 cores): the sample taken in a run (while it lists
 * the registry) read 0.26-0.55 busy cores on an idle machine, where a sampler doing nothing
 * read 0-0.3; rounding `cores - load` then chose one thread in about one warm 10,000-app
 * build in six (4.4 s instead of 3.2-3.5 s). So a thread is left out only when another job
 * keeps at least {@link IDLE_MARGIN} of its core busy.
 */
const IDLE_MARGIN = 0.75;

/**
 * How many threads validate a registry (this one included). Asked for: that many, at most
 * one per app. Otherwise one per idle core — `floor(cores - load + IDLE_MARGIN)`: the
 * cores minus those other jobs keep busy for more than {@link IDLE_MARGIN} of their time —
 * at least one, at most one per {@link MIN_APPS_PER_THREAD} apps: on a machine other jobs
 * already keep busy, a second thread does not run beside the first, it only adds its
 * start-up (engine modules, schemas) to the run. Pure; the result never changes what a
 * run reports (threads give one thread's result, tested), only how long it takes.
 */
export function chooseThreadCount({ asked, apps, cores, load }: ThreadCountInput): number {
  if (asked !== undefined) return Math.max(1, Math.min(asked, apps));
  const idle = Math.floor(cores - Math.max(0, load) + IDLE_MARGIN);
  return Math.max(1, Math.min(idle, Math.floor(apps / MIN_APPS_PER_THREAD)));
}

/** CPU times of one core as `os.cpus()` gives them (ms): user, nice, sys, idle, irq. */
export type CoreTimes = CpuInfo["times"];

/**
 * Cores other work kept busy over a sample (0 to the core count): the share of each core's
 * time not idle between `before` and `after` (`os.cpus()` times, ms), summed, less what this
 * process itself used meanwhile (`ownMs`: `process.cpuUsage()` over the sample, every thread
 * of the process, V8's own background threads included, in ms) spread over `elapsedMs`.
 * Without that, a large registry's listing looked like another job: at 50,000 apps, V8's
 * background threads after the listing counted 0.7 of a core, and the run took one thread.
 * Pure.
 */
export function busyOthers(
  before: readonly CoreTimes[],
  after: readonly CoreTimes[],
  ownMs: number,
  elapsedMs: number,
): number {
  const total = (t: CoreTimes) => t.user + t.nice + t.sys + t.idle + t.irq;
  let busy = 0;
  after.forEach((now, i) => {
    const earlier = before[i];
    if (!earlier) return;
    const elapsed = total(now) - total(earlier);
    if (elapsed > 0) busy += 1 - (now.idle - earlier.idle) / elapsed;
  });
  const own = elapsedMs > 0 ? ownMs / elapsedMs : 0;
  return Math.max(0, busy - own);
}
