import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { flushHelmSpill, helmSpillIn, spilledTextReader, spillHelmEntries } from "./helm-spill.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const entry = (name: string, version: string, text: string) => ({
  name,
  version,
  created: "2026-01-01T00:00:00Z",
  text,
});

describe("spillHelmEntries", () => {
  it("holds texts until flushed, refuses to read them before, and reads every one back after", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "appshelf-spill-"));
    dirs.push(dir);
    const spill = helmSpillIn(dir);
    const first = spillHelmEntries([entry("a", "1.0.0", "  - name: a\n    version: 1.0.0\n")], spill);
    const second = spillHelmEntries(
      [entry("b", "2.0.0", "  - name: b\n    version: 2.0.0 # ü\n"), entry("b", "2.1.0", "  - name: b\n")],
      spill,
    );
    expect([...first, ...second].every((e) => e.text === "" && e.spilled !== undefined)).toBe(true);
    const reader = spilledTextReader();
    const into = Buffer.alloc(256);
    // Not written yet: reading is refused (the file does not hold them).
    expect(() => reader.read(first[0] as never, into, 0)).toThrow();
    reader.close();
    flushHelmSpill(spill);
    const texts = [...first, ...second].map((e) => {
      const length = e.spilled?.length ?? 0;
      const out = Buffer.alloc(length);
      reader.read(e as never, out, 0);
      return out.toString("utf8");
    });
    reader.close();
    expect(texts).toEqual([
      "  - name: a\n    version: 1.0.0\n",
      "  - name: b\n    version: 2.0.0 # ü\n",
      "  - name: b\n",
    ]);
    expect(statSync(spill.file).size).toBe(spill.size);
    // A second flush with nothing pending writes nothing.
    flushHelmSpill(spill);
    expect(statSync(spill.file).size).toBe(spill.size);
  });

  it("writes on its own once a mebibyte is pending", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "appshelf-spill-"));
    dirs.push(dir);
    const spill = helmSpillIn(dir);
    const big = "x".repeat(600_000);
    spillHelmEntries([entry("a", "1.0.0", big)], spill);
    expect(() => statSync(spill.file)).toThrow();
    spillHelmEntries([entry("a", "1.0.1", big)], spill);
    expect(statSync(spill.file).size).toBe(1_200_000);
    expect(spill.pending).toEqual([]);
  });
});
