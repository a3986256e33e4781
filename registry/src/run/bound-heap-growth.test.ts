import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cachedWholeResults, WHOLE_RESULT_BYTES_PER_APP } from "./bound-heap-growth.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cacheFolder(packs: Record<string, number>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "appshelf-heap-"));
  dirs.push(dir);
  for (const [name, size] of Object.entries(packs)) writeFileSync(path.join(dir, name), Buffer.alloc(size));
  return dir;
}

describe("cachedWholeResults: whether a run will be answered from whole-app results (heap growth then left unbounded)", () => {
  it("counts only whole-app packs, against the apps of the run", () => {
    const per = WHOLE_RESULT_BYTES_PER_APP;
    const dir = cacheFolder({ "apps-0.bin": 60 * per, "apps-1.bin": 40 * per, "0.bin": 1000 * per });
    expect(cachedWholeResults(dir, 100)).toBe(true);
    // Manifest packs do not count: a registry grown to 101 apps parses the new ones.
    expect(cachedWholeResults(dir, 101)).toBe(false);
  });

  it("a cold run (no folder, or no whole-app packs) is one that parses", () => {
    expect(cachedWholeResults(path.join(os.tmpdir(), "appshelf-no-such-cache-folder"), 10)).toBe(false);
    expect(cachedWholeResults(cacheFolder({ "0.bin": 10 * WHOLE_RESULT_BYTES_PER_APP }), 10)).toBe(false);
  });
});
