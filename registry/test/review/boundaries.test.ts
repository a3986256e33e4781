import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, sources, SRC } from "../module-imports.ts";
import { REPO_ROOT } from "../temp-registry.ts";

// In place of ESLint no-restricted-imports: the review core is pure, and only github/ talks to GitHub.

describe("review module boundaries", () => {
  it("review/ is a pure core: no file system, processes, network, Git, octokit, or the shells", async () => {
    for (const file of (await sources(path.join(SRC, "review"))).filter((f) => !f.endsWith(".test.ts"))) {
      const bad = importsOf(await readFile(file, "utf8")).filter((m) => /^(node:)?(fs|child_process|net|http|https|os)(\/|$)|^simple-git$|^octokit$|^@octokit\/|\/(git|github|cli|artifact)\//.test(m));
      expect(bad, path.relative(REPO_ROOT, file)).toEqual([]);
    }
  });

  it("only github/ imports octokit", async () => {
    for (const file of await sources(SRC)) {
      if (file.startsWith(path.join(SRC, "github") + path.sep)) continue;
      const octokit = importsOf(await readFile(file, "utf8")).filter((m) => m === "octokit" || m.startsWith("@octokit/"));
      expect(octokit, path.relative(REPO_ROOT, file)).toEqual([]);
    }
  });
});
