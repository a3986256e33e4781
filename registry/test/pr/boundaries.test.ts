import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, sources, SRC } from "../module-imports.ts";
import { REPO_ROOT } from "../temp-registry.ts";


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
