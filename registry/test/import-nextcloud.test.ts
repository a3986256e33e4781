import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { runAppshelf } from "./run-appshelf.ts";
import { CORPUS, errorsOf, tempRegistry } from "./temp-registry.ts";

const RELEASES = [
  { id: "notes", version: "6.0.2", archive: "notes-6.0.2.tar.gz", maintainer: "korelstar" },
  { id: "tasks", version: "0.18.1", archive: "tasks-0.18.1.tar.gz", maintainer: "raimund-schluessler" },
] as const;

/** Imports a corpus archive into `root` with the real command; the download URL is where these exact bytes are published. */
function importArchive(root: string, r: (typeof RELEASES)[number], extra: string[] = []) {
  const archive = path.join(CORPUS, "nextcloud/archives", r.archive);
  const url = `https://shelf.example.org/artifacts/${r.id}/nextcloud/${r.version}/${r.archive}`;
  return runAppshelf([
    "import",
    "nextcloud",
    archive,
    "--root",
    root,
    "--url",
    url,
    "--maintainer",
    r.maintainer,
    "--publisher",
    "nextcloud",
    "--today",
    "2026-12-01",
    "--no-cache",
    ...extra,
  ]);
}

describe("appshelf import nextcloud", () => {
  it("writes manifests for the corpus Notes and Tasks archives that validate with no hand edits", async () => {
    const registry = await tempRegistry([]);
    for (const r of RELEASES) {
      const run = await importArchive(registry.root, r);
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe(
        `wrote apps/${r.id}/app.yaml\nwrote apps/${r.id}/versions/nextcloud/${r.version}.yaml\nImported ${r.id} ${r.version}.\n`,
      );
    }
    const result = await validateRegistry({
      root: registry.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    expect(errorsOf(result.diagnostics)).toEqual([]);
    expect(result.counts.artifactsVerified).toBe(2);
    // Only the unsigned warnings: the corpus archives carry no signature.
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["nextcloud/unsigned", "nextcloud/unsigned"]);

    const tasks = parse(await registry.read("apps/tasks/app.yaml")) as Record<string, unknown>;
    expect(tasks).toMatchObject({
      id: "tasks",
      name: { en: "Tasks" },
      summary: { en: "The Tasks app for Nextcloud" },
      categories: ["collaboration", "organization"],
      license: "AGPL-3.0-or-later",
      publisher: "nextcloud",
      maintainers: ["raimund-schluessler"],
      links: {
        website: "https://github.com/nextcloud/tasks/",
        documentation: "https://github.com/nextcloud/tasks#installation",
      },
      screenshots: [{ url: "https://raw.githubusercontent.com/nextcloud/tasks/master/screenshots/tasks-1.png" }],
      status: "active",
    });
    expect((tasks.description as { en: string }).en).toMatch(/^Once enabled, a new Tasks menu/);
    const version = parse(await registry.read("apps/tasks/versions/nextcloud/0.18.1.yaml")) as Record<string, unknown>;
    const bytes = await readFile(path.join(CORPUS, "nextcloud/archives/tasks-0.18.1.tar.gz"));
    expect(version).toMatchObject({
      version: "0.18.1",
      delivery: "nextcloud",
      artifact: { sha256: "7f30224620bf7d2207aa1b2fd3e36de45c966a2bedee29f49adf2db7c3899f49", size: bytes.length },
      compatibility: { nextcloud: ">=31 <=35", php: ">=8.2 <=8.6" },
      status: "released",
      released: "2026-06-29",
    });
    expect((version.changelog as { en: string }).en).toContain("show due date instead of start date");
    // notes' CHANGELOG.md heading has no date: the release date is the day of the import.
    expect(
      (parse(await registry.read("apps/notes/versions/nextcloud/6.0.2.yaml")) as { released: string }).released,
    ).toBe("2026-12-01");
  });

  it("re-running adds only new versions and leaves app.yaml as it is", async () => {
    const registry = await tempRegistry(["notes"]);
    const before = await registry.read("apps/notes/app.yaml");
    const run = await importArchive(registry.root, RELEASES[0]);
    expect(run.stdout).toBe("notes 6.0.2 is already in the registry: nothing new.\n");
    expect(await registry.read("apps/notes/app.yaml")).toBe(before);
    expect(await readdir(path.join(registry.root, "apps/notes/versions/nextcloud"))).toEqual(["6.0.2.yaml"]);
  });

  it("refuses a new app without a maintainer, and a file without a download URL; nothing is written", async () => {
    const registry = await tempRegistry([]);
    const archive = path.join(CORPUS, "nextcloud/archives/notes-6.0.2.tar.gz");
    const noUrl = await runAppshelf([
      "import",
      "nextcloud",
      archive,
      "--root",
      registry.root,
      "--maintainer",
      "korelstar",
      "--no-cache",
    ]);
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toContain("pass --url <https URL>");
    const noMaintainer = await runAppshelf([
      "import",
      "nextcloud",
      archive,
      "--root",
      registry.root,
      "--url",
      "https://shelf.example.org/notes.tar.gz",
      "--no-cache",
    ]);
    expect(noMaintainer.code).toBe(1);
    expect(noMaintainer.stderr).toContain("pass --maintainer <github-login>");
    expect(await readdir(path.join(registry.root, "apps"))).toEqual([]);
  });
});
