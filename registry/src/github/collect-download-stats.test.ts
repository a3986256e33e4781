import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseWith, startGitHubStandIn, type GitHubStandIn } from "../../test/github-stand-in.ts";
import { tempDir, tempRegistry } from "../../test/temp-registry.ts";
import { collectDownloadStats } from "./collect-download-stats.ts";

const NOTES = "https://github.com/nextcloud-releases/notes/releases/download/v6.0.2/notes-v6.0.2.tar.gz";
const TASKS = "https://github.com/nextcloud/tasks/releases/download/v0.18.1/tasks.tar.gz";
const NOW = new Date("2026-11-21T06:00:00Z");

let github: GitHubStandIn;

beforeAll(async () => {
  github = await startGitHubStandIn({
    "/repos/nextcloud-releases/notes/releases/tags/v6.0.2": releaseWith("v6.0.2", { "notes-v6.0.2.tar.gz": 48213 }),
    "/repos/nextcloud/tasks/releases/tags/v0.18.1": releaseWith("v0.18.1", { "tasks.tar.gz": 7 }),
  });
});

afterAll(() => github.close());

/**
 * The sample registry with notes and tasks published as GitHub Releases assets (their
 * upstream URLs as download URLs, as if those served the corpus bytes): the sample apps
 * themselves host re-packed copies, which have no GitHub asset to count.
 */
async function registryWithReleaseAssets(): Promise<string> {
  const registry = await tempRegistry();
  for (const [file, url] of [
    ["apps/notes/versions/nextcloud/6.0.2.yaml", NOTES],
    ["apps/tasks/versions/nextcloud/0.18.1.yaml", TASKS],
  ] as const) {
    await registry.edit(file, `  hosted: true\n  source: ${url}\n`, `  url: ${url}\n`);
  }
  return registry.root;
}

describe("collectDownloadStats on the sample registry", () => {
  it("counts the GitHub Releases artifacts of the sample apps", async () => {
    const previousFile = path.join(await tempDir(), "downloads.json");
    const result = await collectDownloadStats({
      root: await registryWithReleaseAssets(),
      previousFile,
      octokit: github.octokit,
      now: NOW,
    });
    expect(result).toEqual({
      stats: { formatVersion: 1, generated: "2026-11-21T06:00:00Z", downloads: { [NOTES]: 48213, [TASKS]: 7 } },
      changed: true,
      artifacts: 2,
      diagnostics: [],
    });
  });

  it("keeps the previous file when the counts did not change", async () => {
    const previousFile = path.join(await tempDir(), "downloads.json");
    const previous = { formatVersion: 1, generated: "2026-11-20T06:00:00Z", downloads: { [NOTES]: 48213, [TASKS]: 7 } };
    await writeFile(previousFile, JSON.stringify(previous));
    const result = await collectDownloadStats({
      root: await registryWithReleaseAssets(),
      previousFile,
      octokit: github.octokit,
      now: NOW,
    });
    expect(result.changed).toBe(false);
    expect(result.stats).toEqual(previous);
  });
});
