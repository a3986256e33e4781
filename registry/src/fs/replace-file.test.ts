import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { replaceFile, replaceFileSync } from "./replace-file.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "appshelf-replace-"));
  dirs.push(dir);
  return dir;
}

describe.each([
  ["replaceFile", (file: string, bytes: Uint8Array | string) => replaceFile(file, bytes)],
  ["replaceFileSync", async (file: string, bytes: Uint8Array | string) => replaceFileSync(file, bytes)],
])("%s", (_name, replace) => {
  it("writes a new file and replaces an old one, leaving no temporary file", async () => {
    const dir = folder();
    const file = path.join(dir, "index.json.sig");
    await replace(file, "first");
    await replace(file, Buffer.from("second"));
    expect(readFileSync(file, "utf8")).toBe("second");
    expect(readdirSync(dir)).toEqual(["index.json.sig"]);
  });

  it("keeps the old file and removes its temporary file when the rename fails", async () => {
    const dir = folder();
    // A folder where the file should go: the write of the temporary file works, the rename over a non-empty folder does not.
    const target = path.join(dir, "record.json");
    mkdirSync(target);
    writeFileSync(path.join(target, "inside"), "kept");
    await expect(replace(target, "new")).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["record.json"]);
    expect(readFileSync(path.join(target, "inside"), "utf8")).toBe("kept");
  });

  it("gives concurrent writers of one file their own temporary files", async () => {
    const dir = folder();
    const file = path.join(dir, "cached");
    const texts = Array.from({ length: 20 }, (_, i) => `writer ${i} `.repeat(1000));
    await Promise.all(texts.map((text) => replace(file, text)));
    expect(texts).toContain(readFileSync(file, "utf8"));
    expect(readdirSync(dir)).toEqual(["cached"]);
  });
});
