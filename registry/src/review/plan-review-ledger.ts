import { reviewKeyOfPath } from "./version-review.ts";

/** One commit on the base branch's first-parent history, with the version files it added or changed. */
export interface LedgerCommit {
  sha: string;
  /** Version files (`apps/<id>/versions/<delivery>/<version>.yaml`) with what happened to them. */
  changes: { path: string; status: "added" | "modified" | "deleted" }[];
}

/** For each version key: the commit that last added its file, and the commits that changed it since, oldest first. */
export interface LedgerPlan {
  versions: Map<string, { added: string; changed: string[] }>;
}

/**
 * Which commit released each version and which changed it later, from the base branch's
 * first-parent history oldest first (so a merge commit stands for its whole pull request).
 * A file deleted and added again starts over at the new addition. Pure.
 *
 * @param commits oldest first
 */
export function planReviewLedger(commits: readonly LedgerCommit[]): LedgerPlan {
  const versions = new Map<string, { added: string; changed: string[] }>();
  for (const commit of commits) {
    for (const change of commit.changes) {
      const key = reviewKeyOfPath(change.path);
      if (!key) continue;
      if (change.status === "deleted") versions.delete(key);
      else if (change.status === "added" || !versions.has(key)) versions.set(key, { added: commit.sha, changed: [] });
      else {
        const entry = versions.get(key);
        if (entry && !entry.changed.includes(commit.sha)) entry.changed.push(commit.sha);
      }
    }
  }
  return { versions };
}
