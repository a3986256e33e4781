import { describe, expect, it } from "vitest";
import { busyOthers, chooseThreadCount, type CoreTimes } from "./thread-count.ts";

describe("chooseThreadCount", () => {
  it("uses every idle core when the machine is idle, one per 250 apps at most", () => {
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 0.1 })).toBe(2);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 8, load: 0 })).toBe(8);
    expect(chooseThreadCount({ asked: undefined, apps: 600, cores: 8, load: 0 })).toBe(2);
    expect(chooseThreadCount({ asked: undefined, apps: 100, cores: 8, load: 0 })).toBe(1);
  });
  it("leaves out the cores other jobs keep busy, never fewer than one thread", () => {
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 1.2 })).toBe(1);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 0.8 })).toBe(1);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 0.4 })).toBe(2);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 25 })).toBe(1);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 8, load: 3 })).toBe(5);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 8, load: 3.3 })).toBe(5);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 8, load: 2.7 })).toBe(6);
  });
  it("does not take the sample's noise on an idle machine for another job (up to 0.75 of a core)", () => {
    // Read on an idle 2-core machine by the sample in a run: 0.26-0.55.
    for (const load of [0.26, 0.55, 0.7])
      expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load })).toBe(2);
  });
  it("gives what was asked, at most one thread per app", () => {
    expect(chooseThreadCount({ asked: 4, apps: 10_000, cores: 2, load: 30 })).toBe(4);
    expect(chooseThreadCount({ asked: 4, apps: 3, cores: 2, load: 0 })).toBe(3);
    expect(chooseThreadCount({ asked: 0, apps: 3, cores: 2, load: 0 })).toBe(1);
  });
});

describe("busyOthers", () => {
  const core = (busy: number, idle: number): CoreTimes => ({ user: busy, nice: 0, sys: 0, idle, irq: 0 });
  const before = [core(1000, 5000), core(2000, 7000)];
  it("sums each core's share of time not idle", () => {
    // Core 0: 50 of 100 ms busy; core 1: 100 of 100 ms busy.
    expect(busyOthers(before, [core(1050, 5050), core(2100, 7000)], 0, 100)).toBeCloseTo(1.5);
    expect(busyOthers(before, [core(1000, 5100), core(2000, 7100)], 0, 100)).toBe(0);
  });
  it("leaves out this process's own CPU time (all its threads), never below 0", () => {
    // The same 1.5 busy cores, of which this process used 120 ms over 100 ms: 0.3 left for others.
    expect(busyOthers(before, [core(1050, 5050), core(2100, 7000)], 120, 100)).toBeCloseTo(0.3);
    expect(busyOthers(before, [core(1050, 5050), core(2100, 7000)], 400, 100)).toBe(0);
  });
  it("skips cores it has no earlier times for, and a sample with no time", () => {
    expect(busyOthers([], [core(1050, 5050)], 0, 100)).toBe(0);
    expect(busyOthers(before, before, 0, 0)).toBe(0);
  });
});
