import type { Octokit } from "octokit";
import { parse } from "yaml";
import type { SnapshotApp } from "../review/review-snapshot.ts";
import type { RepoRef } from "./create-octokit.ts";
import { readRepoFile } from "./read-repo-file.ts";

/**
 * Owners and release state of the touched apps, from `apps/<id>/app.yaml` on the BASE
 * branch (`baseRef`), never from the pull request: a pull request cannot make its author
 * an owner. A new app (no `app.yaml` on the base branch) takes the maintainers the pull
 * request proposes (read at `headSha` as data), as its isv stage is its own provider's.
 * `headMaintainers` are read at `headSha` too (so nobody the pull request adds as a
 * maintainer counts for business or technical). An unreadable or malformed file gives no
 * maintainers (nobody can approve as isv).
 */
export async function readAppFacts(
  octokit: Octokit,
  repo: RepoRef,
  ids: readonly string[],
  baseRef: string,
  headSha: string,
): Promise<SnapshotApp[]> {
  const apps: SnapshotApp[] = [];
  for (const id of [...ids].sort()) {
    const path = `apps/${id}/app.yaml`;
    const base = await readRepoFile(octokit, repo, path, baseRef);
    const head = await readRepoFile(octokit, repo, path, headSha);
    const data = readYaml(base ?? head);
    apps.push({
      id,
      maintainers: logins(data?.maintainers),
      headMaintainers: logins(readYaml(head)?.maintainers),
      onBase: base !== undefined,
      active: base !== undefined && data?.status === "active",
    });
  }
  return apps;
}

function readYaml(text: string | undefined): { maintainers?: unknown; status?: unknown } | undefined {
  if (text === undefined) return undefined;
  try {
    const data: unknown = parse(text, { schema: "core", maxAliasCount: 50 });
    return typeof data === "object" && data !== null
      ? (data as { maintainers?: unknown; status?: unknown })
      : undefined;
  } catch {
    return undefined;
  }
}

function logins(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string" && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(v))
    : [];
}
