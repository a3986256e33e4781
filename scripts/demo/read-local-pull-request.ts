/**
 * The facts of a pull request on a local Git repository, gathered like the GitHub shell
 * gathers them, for the lifecycle demo: `appshelf check-pr` (the real check, on the
 * checked-out head) gives the result; Git gives the changed files; `app.yaml` on the base
 * branch gives the maintainers (the pull request's own for a new app).
 */
import { parse } from "yaml";
import { checkPullRequest } from "../../registry/src/check-pr/check-pull-request.ts";
import { listChanges } from "../../registry/src/git/list-changes.ts";
import { readFilesAt } from "../../registry/src/git/read-at-commit.ts";
import type { PrResult } from "../../registry/src/check-pr/pr-result.ts";
import type {
  CheckResultFacts,
  ReviewSnapshot,
  SnapshotApp,
  SnapshotFile,
} from "../../registry/src/review/review-snapshot.ts";

/** Who opens it and when. */
export interface LocalPullRequestInfo {
  number: number;
  title: string;
  author: string;
  /** ISO time it was opened. */
  at: string;
  draft: boolean;
  roles: ReviewSnapshot["roles"];
  /** Artifact mirror folder for the check. */
  mirror: string;
}

/** A snapshot of the checked-out branch as a pull request into `main`, with the check still running, and the check's result kept aside. */
export async function readLocalPullRequest(
  root: string,
  info: LocalPullRequestInfo,
): Promise<{ snapshot: ReviewSnapshot; result: PrResult; facts: CheckResultFacts }> {
  // Admins as the workflow passes them (the admin role's holders), and the pull request's number (a suspension records it).
  const result = await checkPullRequest({
    base: "main",
    head: "HEAD",
    author: info.author,
    admins: info.roles.admin,
    pullRequest: info.number,
    validate: { root, mirrors: [info.mirror], offline: true, requireArtifacts: false },
  });
  const changes = await listChanges(root, result.mergeBase, result.head.sha);
  const files: SnapshotFile[] = changes.map((c) => ({
    path: c.path,
    status: c.status === "deleted" ? "removed" : c.status,
    ...(c.from ? { previousPath: c.from } : {}),
  }));
  const ids = result.apps.map((a) => a.id);
  const base = await readFilesAt(
    root,
    "main",
    ids.map((id) => `apps/${id}/app.yaml`),
  );
  const apps: SnapshotApp[] = [];
  for (const id of ids) {
    const baseText = base.get(`apps/${id}/app.yaml`);
    const text = baseText ?? (await readFilesAt(root, "HEAD", [`apps/${id}/app.yaml`])).get(`apps/${id}/app.yaml`);
    const data = (text ? parse(text) : {}) as { maintainers?: string[]; status?: string };
    apps.push({
      id,
      maintainers: data.maintainers ?? [],
      onBase: baseText !== undefined,
      active: baseText !== undefined && data.status === "active",
    });
  }
  const snapshot: ReviewSnapshot = {
    formatVersion: 1,
    repository: "appshelf/registry",
    now: info.at,
    pullRequest: {
      number: info.number,
      title: info.title,
      url: `https://github.com/appshelf/registry/pull/${info.number}`,
      nodeId: `PR_local_${info.number}`,
      author: info.author,
      headSha: result.head.sha,
      baseRef: "main",
      draft: info.draft,
      createdAt: info.at,
      readyAt: info.at,
      labels: [],
      requestedUsers: [],
      requestedTeams: [],
      autoMerge: false,
    },
    commitAuthors: [info.author],
    files,
    check: { conclusion: "pending", result: null },
    reviews: [],
    roles: info.roles,
    apps,
    comment: null,
    status: null,
  };
  const facts: CheckResultFacts = {
    headSha: result.head.sha,
    ok: result.ok,
    errors: result.counts.errors,
    kinds: result.kinds,
    apps: result.apps.map((a) => ({
      id: a.id,
      kinds: a.kinds,
      ...(a.sourceChanges ? { sourceChanges: a.sourceChanges } : {}),
    })),
  };
  return { snapshot, result, facts };
}
