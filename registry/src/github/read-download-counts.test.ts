/**
 * readDownloadCounts with the real Octokit against a local GitHub API stand-in on 127.0.0.1
 * (registry/test/github-stand-in.ts), the releases' assets set to the sample apps' files.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseWith, startGitHubStandIn, type GitHubStandIn } from "../../test/github-stand-in.ts";
import { readDownloadCounts } from "./read-download-counts.ts";

const NOTES = "https://github.com/nextcloud-releases/notes/releases/download/v6.0.2/notes-v6.0.2.tar.gz";
const TASKS = "https://github.com/nextcloud/tasks/releases/download/v0.18.1/tasks.tar.gz";

let github: GitHubStandIn;

beforeAll(async () => {
  github = await startGitHubStandIn({
    "/repos/nextcloud-releases/notes/releases/tags/v6.0.2": releaseWith("v6.0.2", {
      "notes-v6.0.2.tar.gz": 48213,
      "notes-v6.0.2.tar.gz.sig": 12,
    }),
    "/repos/nextcloud/tasks/releases/tags/v0.18.1": releaseWith("v0.18.1", { "tasks-renamed.tar.gz": 9 }),
  });
});

afterAll(() => github.close());

describe("readDownloadCounts", () => {
  it("reads counts of GitHub Releases assets, one request per release, and skips other hosts", async () => {
    const result = await readDownloadCounts(github.octokit, [
      { url: NOTES, file: "apps/notes/versions/nextcloud/6.0.2.yaml" },
      { url: "https://charts.bitnami.com/bitnami/redis-23.1.1.tgz", file: "apps/redis/versions/helm/23.1.1.yaml" },
    ]);
    expect(result).toEqual({ downloads: { [NOTES]: 48213 }, diagnostics: [] });
    expect(github.seen).toEqual(["/repos/nextcloud-releases/notes/releases/tags/v6.0.2"]);
  });

  it("warns, without a made-up count, when the asset or the release is missing", async () => {
    const gone = "https://github.com/nextcloud/tasks/releases/download/v9.9.9/tasks.tar.gz";
    const result = await readDownloadCounts(github.octokit, [
      { url: TASKS, file: "apps/tasks/versions/nextcloud/0.18.1.yaml" },
      { url: gone, file: "apps/tasks/versions/nextcloud/9.9.9.yaml" },
    ]);
    expect(result.downloads).toEqual({});
    expect(result.diagnostics).toEqual([
      {
        ruleId: "stats/asset-missing",
        severity: "warning",
        file: "apps/tasks/versions/nextcloud/0.18.1.yaml",
        message: 'release nextcloud/tasks@v0.18.1 has no asset named "tasks.tar.gz"',
        hint: "check the artifact URL against the release page",
      },
      {
        ruleId: "stats/release-unreadable",
        severity: "warning",
        file: "apps/tasks/versions/nextcloud/9.9.9.yaml",
        message: "cannot read release nextcloud/tasks@v9.9.9: no such release (HTTP 404)",
      },
    ]);
  });
});
