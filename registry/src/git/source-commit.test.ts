import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listWorkTree } from "./list-blob-ids.ts";
import { sourceCommitOf } from "./source-commit.ts";

// sourceCommitOf answers from the validation's listing of apps/ (listWorkTree's `clean`) in
// place of its own `git status`: held here to `git status`'s reading of the same work tree.
// The listing may say "changed" where status says "clean" (it is stricter), never the reverse.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(root: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: root, encoding: "utf8" });
}

/** A repository with two committed apps and a file outside apps/. */
function repo(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "appshelf-source-commit-"));
  dirs.push(root);
  git(root, "init", "-q", "--initial-branch=main");
  git(root, "config", "user.email", "t@example.org");
  git(root, "config", "user.name", "t");
  for (const app of ["one", "two"]) {
    mkdirSync(path.join(root, "apps", app, "versions"), { recursive: true });
    writeFileSync(path.join(root, "apps", app, "app.yaml"), `id: ${app}\n`);
    writeFileSync(path.join(root, "apps", app, "versions", "1.0.0.yaml"), "version: 1.0.0\n");
  }
  writeFileSync(path.join(root, "README.md"), "registry\n");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "init");
  return root;
}

/** The answer from `git status` and the one from the listing, for the work tree as it is now. */
async function answers(root: string): Promise<{ status: string | undefined; listed: string | undefined }> {
  const tree = await listWorkTree(root, ["apps"], "apps");
  return {
    status: await sourceCommitOf(root),
    listed: await sourceCommitOf(root, Promise.resolve(tree.clean)),
  };
}

const changes: [string, (root: string) => void, "same" | "stricter"][] = [
  ["nothing changed", () => {}, "same"],
  ["a change outside apps/", (r) => writeFileSync(path.join(r, "README.md"), "changed\n"), "same"],
  ["a tracked file edited", (r) => writeFileSync(path.join(r, "apps/one/app.yaml"), "id: one\nname: x\n"), "same"],
  ["a tracked file deleted", (r) => rmSync(path.join(r, "apps/two/versions/1.0.0.yaml")), "same"],
  ["an untracked file", (r) => writeFileSync(path.join(r, "apps/two/versions/2.0.0.yaml"), "version: 2.0.0\n"), "same"],
  [
    "a staged change, then undone on disk",
    (r) => {
      writeFileSync(path.join(r, "apps/one/app.yaml"), "id: one\nname: x\n");
      git(r, "add", "apps/one/app.yaml");
      writeFileSync(path.join(r, "apps/one/app.yaml"), "id: one\n");
    },
    "same",
  ],
  [
    "a staged new file",
    (r) => {
      writeFileSync(path.join(r, "apps/one/extra.yaml"), "x: 1\n");
      git(r, "add", "apps/one/extra.yaml");
    },
    "same",
  ],
  [
    "an edit Git is told not to look at (assume-unchanged)",
    (r) => {
      git(r, "update-index", "--assume-unchanged", "apps/one/app.yaml");
      writeFileSync(path.join(r, "apps/one/app.yaml"), "id: one\nname: hidden\n");
    },
    "stricter",
  ],
  [
    "an ignored file",
    (r) => {
      writeFileSync(path.join(r, ".gitignore"), "*.bak\n");
      writeFileSync(path.join(r, "apps/one/app.yaml.bak"), "old\n");
    },
    "stricter",
  ],
];

describe("sourceCommitOf from the validation's listing of apps/", () => {
  it.each(changes)("%s: agrees with git status, or is stricter", async (_name, change, expected) => {
    const root = repo();
    const head = git(root, "rev-parse", "HEAD").trim();
    change(root);
    const { status, listed } = await answers(root);
    if (expected === "same") expect(listed).toBe(status);
    else {
      expect(status).toBe(head);
      expect(listed).toBeUndefined();
    }
  });

  it("is undefined when the index differs from HEAD under apps/, whatever the listing says", async () => {
    const root = repo();
    writeFileSync(path.join(root, "apps/one/app.yaml"), "id: one\nname: staged\n");
    git(root, "add", "apps/one/app.yaml");
    // The work tree matches the index: only diff-index --cached sees the change.
    expect((await listWorkTree(root, ["apps"], "apps")).clean).toBe(true);
    expect(await sourceCommitOf(root, Promise.resolve(true))).toBeUndefined();
    expect(await sourceCommitOf(root)).toBeUndefined();
  });

  it("falls back to git status when the validation has no answer, and a failed validation gives no commit", async () => {
    const root = repo();
    const head = git(root, "rev-parse", "HEAD").trim();
    expect(await sourceCommitOf(root, Promise.resolve(undefined))).toBe(head);
    expect(await sourceCommitOf(root, Promise.reject(new Error("validation failed")))).toBeUndefined();
  });
});
