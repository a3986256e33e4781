import { describe, expect, it } from "vitest";
import { chooseThreadCount } from "./thread-count.ts";

describe("chooseThreadCount", () => {
  it("uses every idle core when the machine is idle, one per 250 apps at most", () => {
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 0.1 })).toBe(2);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 8, load: 0 })).toBe(8);
    expect(chooseThreadCount({ asked: undefined, apps: 600, cores: 8, load: 0 })).toBe(2);
    expect(chooseThreadCount({ asked: undefined, apps: 100, cores: 8, load: 0 })).toBe(1);
  });
  it("leaves out the cores other jobs keep busy, never fewer than one thread", () => {
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 1.2 })).toBe(1);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 0.6 })).toBe(1);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 0.4 })).toBe(2);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 2, load: 25 })).toBe(1);
    expect(chooseThreadCount({ asked: undefined, apps: 10_000, cores: 8, load: 3 })).toBe(5);
  });
  it("gives what was asked, at most one thread per app", () => {
    expect(chooseThreadCount({ asked: 4, apps: 10_000, cores: 2, load: 30 })).toBe(4);
    expect(chooseThreadCount({ asked: 4, apps: 3, cores: 2, load: 0 })).toBe(3);
    expect(chooseThreadCount({ asked: 0, apps: 3, cores: 2, load: 0 })).toBe(1);
  });
});
