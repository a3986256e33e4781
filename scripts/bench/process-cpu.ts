import { readFileSync } from "node:fs";

/** CPU time (user + system, ms) this process used so far, split by where it ran. */
export interface ProcessCpu {
  /** The main thread (the one running the event loop). */
  mainMs: number;
  /** Every other thread of this process, ended ones included: worker threads, libuv's pool, V8's GC helpers. */
  otherThreadsMs: number;
  /** Child processes that ended and were waited for (e.g. Pagefind's). */
  childrenMs: number;
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** utime + stime (+ cutime + cstime when `children`) of a /proc stat line, in ms. */
function statMs(file: string, children: boolean): number {
  // Fields after the command name (which may hold spaces, inside parentheses): state is field 3.
  const line = readFileSync(file, "utf8");
  const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
  const at = (field: number) => Number(fields[field - 3]);
  const ticks = children ? at(16) + at(17) : at(14) + at(15);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * This process's CPU time from /proc (Linux only; undefined elsewhere), for the bench: on
 * a machine shared with others, CPU time is the figure that does not depend on their load.
 */
export function processCpu(): ProcessCpu | undefined {
  try {
    const total = statMs("/proc/self/stat", false);
    const mainMs = statMs(`/proc/self/task/${process.pid}/stat`, false);
    return { mainMs, otherThreadsMs: total - mainMs, childrenMs: statMs("/proc/self/stat", true) };
  } catch {
    return undefined;
  }
}

/** "CPU 95.1 s: main thread 70.2 s, other threads 10.1 s, child processes 15.0 s" (empty without /proc). */
export function describeCpu(cpu: ProcessCpu | undefined): string {
  if (!cpu) return "";
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `CPU ${s(cpu.mainMs + cpu.otherThreadsMs + cpu.childrenMs)}: main thread ${s(cpu.mainMs)}, other threads ${s(cpu.otherThreadsMs)}, child processes ${s(cpu.childrenMs)}`;
}
