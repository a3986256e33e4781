/**
 * Ratings and discussion, the GitOps way (issue 16): each app gets one GitHub Discussion,
 * its number recorded in the stats file; the daily stats run reads its 👍/👎 reactions and
 * comments next to the download counts. Against the GraphQL stand-in on 127.0.0.1.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { discussionMarker } from "../src/github/app-discussions.ts";
import { collectDownloadStats } from "../src/github/collect-download-stats.ts";
import { parseDownloadStats, type AppDiscussion } from "../src/github/download-stats.ts";
import {
  discussedAppsOf,
  ensureAppDiscussions,
  refreshDiscussionCounts,
} from "../src/github/ensure-app-discussions.ts";
import { loadRegistry } from "../src/manifest/load-registry.ts";
import { schemaCheck } from "../src/json/schemas.ts";
import { fakeDiscussions, type FakeDiscussions } from "./fake-discussions.ts";
import { startGitHubStandIn, type GitHubStandIn } from "./github-stand-in.ts";
import { REPO_ROOT, tempRegistry } from "./temp-registry.ts";

const repo = { owner: "appshelf", repo: "registry" };
const APPS = [
  { id: "harbor", name: "Harbor", summary: "Trusted registry" },
  { id: "notes", name: "Notes", summary: "Notes for Nextcloud" },
];

let standIns: GitHubStandIn[] = [];
afterEach(async () => {
  await Promise.all(standIns.map((s) => s.close()));
  standIns = [];
});

async function github(): Promise<{ fake: FakeDiscussions; standIn: GitHubStandIn }> {
  const fake = fakeDiscussions();
  const standIn = await startGitHubStandIn({}, fake.handle);
  standIns.push(standIn);
  return { fake, standIn };
}

describe("ensureAppDiscussions", () => {
  it("creates one discussion per app in the category, with the app's marker, and records number and URL", async () => {
    const { fake, standIn } = await github();
    const result = await ensureAppDiscussions({
      octokit: standIn.octokit,
      repo,
      category: "Apps",
      apps: APPS,
      recorded: {},
      siteUrl: "https://shelf.example/",
    });
    expect(result.created).toEqual(["harbor", "notes"]);
    expect(result.discussions).toEqual({
      harbor: {
        number: 1,
        url: "https://github.com/appshelf/registry/discussions/1",
        upvotes: 0,
        downvotes: 0,
        comments: 0,
      },
      notes: {
        number: 2,
        url: "https://github.com/appshelf/registry/discussions/2",
        upvotes: 0,
        downvotes: 0,
        comments: 0,
      },
    });
    expect(fake.discussions.map((d) => [d.title, d.categoryId])).toEqual([
      ["Harbor (harbor)", "DIC_kwDOApps"],
      ["Notes (notes)", "DIC_kwDOApps"],
    ]);
    expect(fake.discussions[0]?.body).toContain("Catalog page: https://shelf.example/apps/harbor/");
    expect(fake.discussions[0]?.body).toContain(discussionMarker("harbor"));
  });

  it("an app with a recorded discussion is left alone: no GitHub request at all", async () => {
    const { fake, standIn } = await github();
    const recorded: Record<string, AppDiscussion> = Object.fromEntries(
      APPS.map((a, i) => [
        a.id,
        {
          number: i + 7,
          url: `https://github.com/appshelf/registry/discussions/${i + 7}`,
          upvotes: 3,
          downvotes: 1,
          comments: 2,
        },
      ]),
    );
    const result = await ensureAppDiscussions({
      octokit: standIn.octokit,
      repo,
      category: "Apps",
      apps: APPS,
      recorded,
    });
    expect(result).toEqual({ discussions: recorded, created: [], found: [] });
    expect(fake.operations).toEqual([]);
  });

  it("a discussion created by an earlier run that could not record it is found by its marker (across pages), not created twice", async () => {
    const { fake, standIn } = await github();
    fake.pageSize = 1;
    for (const [i, body] of ["unrelated", "also unrelated", `Notes\n\n${discussionMarker("notes")}\n`].entries())
      fake.discussions.push({
        number: i + 1,
        categoryId: "DIC_kwDOApps",
        title: "t",
        body,
        upvotes: 0,
        downvotes: 0,
        comments: 0,
      });
    const result = await ensureAppDiscussions({
      octokit: standIn.octokit,
      repo,
      category: "apps",
      apps: APPS,
      recorded: {},
    });
    expect(result.found).toEqual(["notes"]);
    expect(result.created).toEqual(["harbor"]);
    expect(result.discussions.notes?.number).toBe(3);
    expect(fake.discussions).toHaveLength(4);
    expect(fake.operations.filter((o) => o === "AppshelfDiscussions")).toHaveLength(3);
  });

  it("refuses to guess when the category does not exist", async () => {
    const { fake, standIn } = await github();
    await expect(
      ensureAppDiscussions({ octokit: standIn.octokit, repo, category: "Ratings", apps: APPS, recorded: {} }),
    ).rejects.toThrow(
      "appshelf/registry has no discussion category 'Ratings'; create it (Settings > Discussions), or pass --category",
    );
    expect(fake.discussions).toEqual([]);
  });

  it("discussedAppsOf: the sample registry's apps, each with its English name", async () => {
    const apps = discussedAppsOf(await loadRegistry(REPO_ROOT));
    expect(apps.map((a) => a.id).sort()).toEqual([
      "emqx",
      "gitea",
      "harbor",
      "mysql",
      "nextcloud",
      "notes",
      "redis",
      "tasks",
      "wordpress",
    ]);
    expect(apps.find((a) => a.id === "harbor")?.name).toBe("Harbor");
  });
});

describe("counting reactions and comments", () => {
  it("reads 👍, 👎 and comments; a deleted discussion is dropped with a warning", async () => {
    const { fake, standIn } = await github();
    fake.discussions.push({
      number: 4,
      categoryId: "DIC_kwDOApps",
      title: "Harbor (harbor)",
      body: "",
      upvotes: 12,
      downvotes: 2,
      comments: 5,
    });
    const recorded = {
      harbor: {
        number: 4,
        url: "https://github.com/appshelf/registry/discussions/4",
        upvotes: 0,
        downvotes: 0,
        comments: 0,
      },
      notes: {
        number: 9,
        url: "https://github.com/appshelf/registry/discussions/9",
        upvotes: 1,
        downvotes: 0,
        comments: 0,
      },
    };
    const { discussions, diagnostics } = await refreshDiscussionCounts(
      standIn.octokit,
      repo,
      recorded,
      ".github/appshelf/downloads.json",
    );
    expect(discussions).toEqual({
      harbor: {
        number: 4,
        url: "https://github.com/appshelf/registry/discussions/4",
        upvotes: 12,
        downvotes: 2,
        comments: 5,
      },
    });
    expect(diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([
      "stats/discussion-missing: discussion #9 of notes no longer exists; dropped (the discussions workflow creates a new one)",
    ]);
  });

  it("collectDownloadStats keeps discussions it does not count, and counts them with discussionsRepo; the file matches schema/stats.schema.json", async () => {
    const { fake, standIn } = await github();
    const r = await tempRegistry(["harbor"]);
    const previous = {
      formatVersion: 1,
      generated: "2026-11-01T00:00:00Z",
      downloads: {},
      discussions: {
        harbor: {
          number: 1,
          url: "https://github.com/appshelf/registry/discussions/1",
          upvotes: 0,
          downvotes: 0,
          comments: 0,
        },
      },
    };
    await r.write(".github/appshelf/downloads.json", JSON.stringify(previous));
    fake.discussions.push({
      number: 1,
      categoryId: "DIC_kwDOApps",
      title: "Harbor (harbor)",
      body: "",
      upvotes: 3,
      downvotes: 1,
      comments: 2,
    });
    const now = new Date("2026-12-06T04:17:00Z");
    const previousFile = path.join(r.root, ".github/appshelf/downloads.json");
    const kept = await collectDownloadStats({ root: r.root, previousFile, octokit: standIn.octokit, now });
    expect(kept.changed).toBe(false);
    expect(kept.stats.discussions).toEqual(previous.discussions);
    const counted = await collectDownloadStats({
      root: r.root,
      previousFile,
      octokit: standIn.octokit,
      now,
      discussionsRepo: repo,
    });
    expect(counted.changed).toBe(true);
    expect(counted.stats).toEqual({
      formatVersion: 1,
      generated: "2026-12-06T04:17:00Z",
      downloads: {},
      discussions: {
        harbor: {
          number: 1,
          url: "https://github.com/appshelf/registry/discussions/1",
          upvotes: 3,
          downvotes: 1,
          comments: 2,
        },
      },
    });
    expect(schemaCheck("stats")(counted.stats)).toEqual([]);
  });

  it("the stats file refuses a discussion that is not a GitHub discussion page or has a negative count", () => {
    const base = { formatVersion: 1, generated: "2026-11-01T00:00:00Z", downloads: {} };
    const bad = (d: object) => ({
      ...base,
      discussions: {
        harbor: { number: 1, url: "https://github.com/a/b/discussions/1", upvotes: 0, downvotes: 0, comments: 0, ...d },
      },
    });
    expect(() => parseDownloadStats(bad({ url: "https://evil.example/discussions/1" }), "stats.json")).toThrow(
      'discussions["harbor"].url must be https://github.com/<owner>/<repo>/discussions/<number>',
    );
    expect(() => parseDownloadStats(bad({ upvotes: -1 }), "stats.json")).toThrow('discussions["harbor"].upvotes is -1');
    expect(schemaCheck("stats")(bad({ url: "https://evil.example/discussions/1" }))).not.toEqual([]);
    expect(schemaCheck("stats")(bad({}))).toEqual([]);
  });
});

describe("the scripts the workflows run", () => {
  const run = promisify(execFile);
  const script = (name: string, args: string[], env: NodeJS.ProcessEnv) =>
    run(process.execPath, [path.join(REPO_ROOT, "scripts", name), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    });

  it("create-app-discussions.ts records a discussion per app; read-download-stats.ts then counts its reactions next to the downloads", async () => {
    const { fake, standIn } = await github();
    const r = await tempRegistry(["harbor", "notes"]);
    const env = {
      GITHUB_API_URL: standIn.url,
      GITHUB_REPOSITORY: "appshelf/registry",
      GITHUB_TOKEN: "test-token",
      APPSHELF_SITE_URL: "https://shelf.example/",
    };
    const created = await script("create-app-discussions.ts", ["--root", r.root], env);
    expect(created.stdout).toContain(
      "Discussions: 2 created (harbor, notes), 0 found by marker, 2 recorded in .github/appshelf/downloads.json.",
    );
    const again = await script("create-app-discussions.ts", ["--root", r.root], env);
    expect(again.stdout).toContain("Discussions: 0 created (none), 0 found by marker, 2 recorded");
    expect(fake.discussions).toHaveLength(2);
    const harbor = fake.discussions.find((d) => d.title === "Harbor (harbor)");
    if (harbor) Object.assign(harbor, { upvotes: 7, downvotes: 1, comments: 3 });
    const counted = await script("read-download-stats.ts", ["--root", r.root], env);
    expect(counted.stdout).toContain("2 app discussions counted; .github/appshelf/downloads.json written.");
    const stats = parseDownloadStats(
      JSON.parse(await readFile(path.join(r.root, ".github/appshelf/downloads.json"), "utf8")),
      "downloads.json",
    );
    expect(stats.discussions?.harbor).toEqual({
      number: harbor?.number,
      url: `https://github.com/appshelf/registry/discussions/${harbor?.number}`,
      upvotes: 7,
      downvotes: 1,
      comments: 3,
    });
  });
});
