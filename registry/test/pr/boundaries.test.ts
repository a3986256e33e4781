import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../temp-registry.ts";

const SRC = path.join(REPO_ROOT, "registry/src");

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => path.join(e.parentPath, e.name));
}

const importsOf = (text: string) => [...text.matchAll(/^\s*import\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");

describe("module boundaries (in place of ESLint no-restricted-imports)", () => {
  it("pr/ is a pure core: no file system, Git, processes, network or octokit", async () => {
    for (const file of await sources(path.join(SRC, "pr"))) {
      const bad = importsOf(await readFile(file, "utf8")).filter((m) => /^(node:)?(fs|child_process|net|http|https)(\/|$)|^simple-git$|^@octokit\/|\/(git|cli|artifact|validate)\//.test(m));
      expect(bad, path.relative(REPO_ROOT, file)).toEqual([]);
    }
  });

  it("only git/ imports simple-git", async () => {
    for (const file of await sources(SRC)) {
      if (file.startsWith(path.join(SRC, "git") + path.sep)) continue;
      expect(importsOf(await readFile(file, "utf8")), path.relative(REPO_ROOT, file)).not.toContain("simple-git");
    }
  });
});
