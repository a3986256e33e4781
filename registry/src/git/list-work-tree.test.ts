import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listWorkTree } from "./list-blob-ids.ts";

// listWorkTree's folder digests (what the whole-app results of the manifest cache are keyed
// by) held to a plain reading of `git ls-files -s` per folder: a folder whose every entry Git
// vouches for gets the digest of its entries; any other folder gets none.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(root: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: root, encoding: "utf8" });
}

const APPS = ["a", "a-b", "a.c", "a0", "b", "c", "d", "e", "f", "g"];

/** A repository with the apps of {@link APPS} committed (names that sort around each other: `a-b`, `a.c` and `a0` beside `a/`). */
function repo(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "appshelf-work-tree-"));
  dirs.push(root);
  git(root, "init", "-q", "--initial-branch=main");
  git(root, "config", "user.email", "t@example.org");
  git(root, "config", "user.name", "t");
  for (const app of APPS) {
    mkdirSync(path.join(root, "apps", app, "versions", "helm"), { recursive: true });
    writeFileSync(path.join(root, "apps", app, "app.yaml"), `id: ${app}\n`);
    for (const v of ["1.0.0", "1.1.0"])
      writeFileSync(path.join(root, "apps", app, "versions", "helm", `${v}.yaml`), `version: ${v}\n`);
  }
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "init");
  return root;
}

/** The digest of a folder from `git ls-files -s` of it alone: every entry's path, mode and blob id. */
function expectedDigest(root: string, app: string): string {
  const hash = createHash("sha256");
  for (const line of git(root, "ls-files", "-s", "-z", "--", `apps/${app}`).split("\0")) {
    if (line === "") continue;
    const [meta = "", file = ""] = line.split("\t");
    const [mode, object] = meta.split(" ");
    hash.update(`${file}\0${mode}\0${object}\0`);
  }
  return hash.digest("hex");
}

describe("listWorkTree's folder digests", () => {
  it("give each clean folder the digest of its entries, and none to a folder Git does not vouch for", async () => {
    const root = repo();
    const clean = await listWorkTree(root, ["apps"], "apps");
    expect([...clean.folders.keys()].sort()).toEqual([...APPS].sort());
    for (const app of APPS) expect(clean.folders.get(app), app).toBe(expectedDigest(root, app));
    expect(new Set(clean.folders.values()).size).toBe(APPS.length);
    expect(clean.clean).toBe(true);

    // One change per folder (f and g stay clean).
    writeFileSync(path.join(root, "apps", "a", "app.yaml"), "id: a\nname: changed\n");
    writeFileSync(path.join(root, "apps", "a-b", "versions", "helm", "2.0.0.yaml"), "version: 2.0.0\n");
    mkdirSync(path.join(root, "apps", "a.c", "empty"));
    rmSync(path.join(root, "apps", "a0", "versions", "helm", "1.0.0.yaml"));
    git(root, "update-index", "--assume-unchanged", "apps/b/app.yaml");
    rmSync(path.join(root, "apps", "c", "app.yaml"));
    symlinkSync("versions", path.join(root, "apps", "c", "app.yaml"));
    git(root, "add", "apps/c/app.yaml");
    writeFileSync(path.join(root, "apps", "d", "versions", "helm", "1.0.0.yaml"), "version: 1.0.0\nstaged: yes\n");
    git(root, "add", "apps/d");
    writeFileSync(path.join(root, "apps", "d", "versions", "helm", "1.0.0.yaml"), "version: 1.0.0\n");
    writeFileSync(path.join(root, "apps", "e", ".gitignore-me"), "ignored or not, it is on disk\n");
    writeFileSync(path.join(root, "apps", "README.md"), "a file directly in apps/\n");
    git(root, "add", "apps/README.md");

    const changed = await listWorkTree(root, ["apps"], "apps");
    expect(changed.clean).toBe(false);
    // d: staged, then put back on disk as committed: Git's index holds another blob, which the work tree does not match.
    expect([...changed.folders.keys()].sort()).toEqual(["f", "g"]);
    for (const app of ["f", "g"]) expect(changed.folders.get(app), app).toBe(expectedDigest(root, app));
    // Blob ids are only given for files whose content is Git's, and not for those of a folder
    // with a digest (the digest names them).
    expect(changed.blobIds.has("apps/a/app.yaml")).toBe(false);
    expect(changed.blobIds.has("apps/b/app.yaml")).toBe(false);
    expect(changed.blobIds.get("apps/a-b/app.yaml")).toBe(git(root, "rev-parse", ":apps/a-b/app.yaml").trim());
    expect(changed.blobIds.has("apps/f/app.yaml")).toBe(false);
    expect(changed.blobIds.get("apps/README.md")).toBe(git(root, "rev-parse", ":apps/README.md").trim());
    // Differential: what `git diff-files` reports as changed (the one listing's `--modified`) has no blob id.
    const diffFiles = git(root, "diff-files", "--name-only", "-z").split("\0").filter(Boolean);
    expect(diffFiles.length).toBe(3);
    const all = await listWorkTree(root, ["apps"]);
    for (const file of diffFiles) {
      expect(changed.blobIds.has(file), file).toBe(false);
      expect(all.blobIds.has(file), file).toBe(false);
    }
    expect(all.blobIds.get("apps/f/app.yaml")).toBe(git(root, "rev-parse", ":apps/f/app.yaml").trim());
  });
});
