import { cp, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { checkPullRequest } from "../../src/check-pr/check-pull-request.ts";
import type { PrResult } from "../../src/check-pr/pr-result.ts";
import { CORPUS, REPO_ROOT, tempRegistry, type TempRegistry } from "../temp-registry.ts";

/**
 * A temp Git repository holding a copy of real apps, `schema/` and `.github/workflows/`,
 * committed on `main` (the base), with branch `pr` checked out for the test to change.
 * Removed after the test (through `tempRegistry`).
 */
export interface PrRepo extends TempRegistry {
  git: SimpleGit;
  /** Deletes a repo-relative file or folder. */
  remove(file: string): Promise<void>;
  /** Moves a repo-relative file or folder. */
  move(from: string, to: string): Promise<void>;
  /** Copies a repo-relative file or folder. */
  copy(from: string, to: string): Promise<void>;
  /** Stages everything and commits on the current branch. */
  commit(message: string): Promise<void>;
  /** Commits the changes as the pull request's head and runs the check against `main`. */
  check(author: string | undefined): Promise<PrResult>;
}

/**
 * Builds a {@link PrRepo} with the real apps `apps` (from the repository's apps/);
 * `prepare` may change the files before the base commit.
 */
export async function aPrRepo(
  apps: readonly string[],
  prepare?: (base: TempRegistry) => Promise<void>,
): Promise<PrRepo> {
  const registry = await tempRegistry(apps);
  const full = (file: string) => path.join(registry.root, file);
  await cp(path.join(REPO_ROOT, ".github/workflows"), full(".github/workflows"), { recursive: true });
  await prepare?.(registry);
  const git = simpleGit({ baseDir: registry.root });
  await git.init(["--initial-branch=main"]);
  // Everything the commits need is set here, in the temp repository: no global config is assumed.
  await git.addConfig("user.name", "Appshelf Test");
  await git.addConfig("user.email", "test@appshelf.invalid");
  await git.addConfig("commit.gpgsign", "false");
  await git.addConfig("core.autocrlf", "false");
  const commit = async (message: string) => {
    await git.add(["--all", "."]);
    await git.commit(message, undefined, { "--allow-empty": null, "--no-verify": null });
  };
  await commit("base");
  await git.checkoutLocalBranch("pr");
  return {
    ...registry,
    git,
    remove: (file) => rm(full(file), { recursive: true }),
    async move(from, to) {
      await mkdir(path.dirname(full(to)), { recursive: true });
      await rename(full(from), full(to));
    },
    copy: (from, to) => cp(full(from), full(to), { recursive: true }),
    commit,
    async check(author) {
      await commit("head");
      return checkPullRequest({
        base: "main",
        head: "HEAD",
        author,
        validate: { root: registry.root, mirrors: [CORPUS], offline: true, requireArtifacts: true },
      });
    },
  };
}

/**
 * `ruleId severity file:line` of each `pr/*` diagnostic, for compact assertions. Validation
 * findings are left out (other rules may add to them); tests that expect one look for it.
 */
export function findings(result: PrResult): string[] {
  return result.diagnostics
    .filter((d) => d.ruleId.startsWith("pr/"))
    .map((d) => `${d.ruleId} ${d.severity} ${d.file}${d.line ? `:${d.line}` : ""}`);
}

/** Rule ids of the validation (non-`pr/*`) errors. */
export function validationErrors(result: PrResult): string[] {
  return result.diagnostics
    .filter((d) => !d.ruleId.startsWith("pr/") && d.severity === "error")
    .map((d) => `${d.ruleId} ${d.file}`);
}
