import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUZZ_TARGETS } from "./fuzz-targets.ts";
import { REPO_ROOT } from "./hostile-archives.ts";

/**
 * Property-based tests (issues 9 and 13, "Guarantees"): every registered fuzz target
 * (`fuzz-targets.ts`) with a fixed seed and its CI number of cases; `npm run fuzz` runs
 * the same targets longer with a fresh seed (`scripts/fuzz.ts`). A failure prints the seed
 * and the shrunk input.
 */
const SEED = 9;

describe("fuzz: hostile inputs never crash a reader, and always give a result or errors", () => {
  it.each(FUZZ_TARGETS.map((t) => [t.name, t.ciRuns, t] as const))("%s, %i cases", async (_name, numRuns, target) => {
    const details = await target.check({ seed: SEED, numRuns });
    if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? "the property failed");
    expect(details.numRuns).toBe(numRuns);
  });

  it("target names are unique, and `npm run fuzz` lists (so reaches) every one", async () => {
    const names = FUZZ_TARGETS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, "scripts/fuzz.ts"), "--list"],
      { cwd: REPO_ROOT },
    );
    expect(
      stdout
        .trim()
        .split("\n")
        .map((line) => line.split("\t")[0]),
    ).toEqual(names);
  });
});
