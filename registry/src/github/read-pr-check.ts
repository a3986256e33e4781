import type { Octokit } from "octokit";
import { DEFAULT_ARCHIVE_LIMITS } from "../artifact/archive/archive-types.ts";
import { readZip } from "../artifact/archive/read-zip.ts";
import { CHANGE_KINDS, type ChangeKind } from "../pr/change-kind.ts";
import { FLAG_TEXT } from "../check-pr/render-report-html.ts";
import type { CheckRender, CheckResultFacts, SnapshotCheck, SourceChange } from "../review/review-snapshot.ts";
import type { RepoRef } from "./create-octokit.ts";

/** The workflow whose result the gate reads, and the artifact and file it uploads. */
export const PR_CHECK = {
  workflow: ".github/workflows/pull-request.yml",
  artifact: "pr-check",
  file: "pr-check.json",
} as const;

/** Caps for the downloaded result zip: it is produced by the pull request's code. */
const RESULT_LIMITS = {
  maxEntries: 10,
  maxUnpackedBytes: Math.min(DEFAULT_ARCHIVE_LIMITS.maxUnpackedBytes, 5 * 1024 * 1024),
};

/** The pull request a check must belong to. */
export interface CheckedPull {
  number: number;
  headSha: string;
  /** Base branch name, e.g. `main`. */
  baseRef: string;
  /** Head repository (`owner/name`) and branch: a fork's run lists no pull requests, and is bound by them. */
  headRepo: string;
  headRef: string;
}

/** The fields of a workflow run the binding reads (`GET /repos/{o}/{r}/actions/runs`). */
export interface WorkflowRunFacts {
  id: number;
  path: string;
  head_sha: string;
  head_branch?: string | null;
  head_repository?: { full_name?: string } | null;
  pull_requests?: { number: number; base: { ref: string }; head: { sha: string } }[] | null;
}

/**
 * The newest run of `pull-request.yml` that belongs to `pull` (issue 13, class 13): for
 * `pull.headSha`, and either listing `pull.number` with base branch `pull.baseRef` among its
 * pull requests, or, for a run that lists none (GitHub lists none for a fork's pull
 * request), from the same head repository and branch when that repository is not `repo`.
 * A run of the same commit for another pull request or another base branch never counts.
 * Undefined when none belongs. Pure.
 */
export function selectPrCheckRun<R extends WorkflowRunFacts>(
  runs: readonly R[],
  pull: CheckedPull,
  repo: string,
): R | undefined {
  const belongs = (r: R): boolean => {
    if (r.head_sha !== pull.headSha || !(r.path === PR_CHECK.workflow || r.path.startsWith(`${PR_CHECK.workflow}@`)))
      return false;
    const listed = r.pull_requests ?? [];
    if (listed.length > 0)
      return listed.some((p) => p.number === pull.number && p.base.ref === pull.baseRef && p.head.sha === pull.headSha);
    return pull.headRepo !== repo && r.head_repository?.full_name === pull.headRepo && r.head_branch === pull.headRef;
  };
  return runs.filter(belongs).sort((a, b) => b.id - a.id)[0];
}

/**
 * The pull-request check of a pull request: the newest run of `pull-request.yml` on a
 * `pull_request` event for its head commit that belongs to it ({@link selectPrCheckRun}:
 * its number and base branch), from `GET /repos/{o}/{r}/actions/runs?head_sha=&event=`,
 * and, once it completed, its `pr-check` artifact (`GET .../runs/{id}/artifacts`,
 * `GET .../artifacts/{id}/zip`). The result is untrusted data (the pull request's code
 * wrote it): it is read within caps and checked field by field; anything malformed is
 * dropped (result null), never trusted in part. `review/review-facts.ts` decides how far
 * it counts.
 */
export async function readPrCheck(octokit: Octokit, repo: RepoRef, pull: CheckedPull): Promise<SnapshotCheck> {
  const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({
    ...repo,
    head_sha: pull.headSha,
    event: "pull_request",
    per_page: 100,
  });
  const run = selectPrCheckRun(data.workflow_runs, pull, `${repo.owner}/${repo.repo}`);
  if (!run) return { conclusion: "missing", result: null };
  const url = run.html_url;
  if (run.status !== "completed") return { conclusion: "pending", result: null, url };
  const conclusion =
    run.conclusion === "success"
      ? "success"
      : run.conclusion === "skipped" || run.conclusion === "neutral"
        ? "missing"
        : "failure";
  return { conclusion, result: await readResult(octokit, repo, run.id), url };
}

async function readResult(octokit: Octokit, repo: RepoRef, runId: number): Promise<CheckResultFacts | null> {
  const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({
    ...repo,
    run_id: runId,
    name: PR_CHECK.artifact,
  });
  const artifact = data.artifacts.find((a) => a.name === PR_CHECK.artifact && !a.expired);
  if (!artifact) return null;
  const zip = await octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: artifact.id, archive_format: "zip" });
  const entries = await readZip(Buffer.from(zip.data as ArrayBuffer), RESULT_LIMITS).catch(() => []);
  const file = entries.find((e) => e.path === PR_CHECK.file && e.kind === "file");
  if (!file?.data) return null;
  try {
    return toCheckFacts(JSON.parse(file.data.toString("utf8")));
  } catch {
    return null;
  }
}

/** Reads the fields the gate uses from a `PrResult` (`report/pr-result.ts`); null when any is missing or malformed. */
export function toCheckFacts(value: unknown): CheckResultFacts | null {
  const r = value as {
    version?: unknown;
    ok?: unknown;
    head?: { sha?: unknown };
    counts?: { errors?: unknown };
    kinds?: unknown;
    apps?: unknown;
  } | null;
  if (
    !r ||
    r.version !== 1 ||
    typeof r.ok !== "boolean" ||
    typeof r.head?.sha !== "string" ||
    !/^[0-9a-f]{40}$/.test(r.head.sha)
  )
    return null;
  const errors = r.counts?.errors;
  if (typeof errors !== "number" || !Number.isSafeInteger(errors) || errors < 0) return null;
  const kinds = kindList(r.kinds);
  if (!kinds || !Array.isArray(r.apps)) return null;
  const apps: CheckResultFacts["apps"] = [];
  for (const a of r.apps as unknown[]) {
    const id = (a as { id?: unknown } | null)?.id;
    const appKinds = kindList((a as { kinds?: unknown } | null)?.kinds);
    if (typeof id !== "string" || !appKinds) return null;
    const sources = sourceChanges((a as { sourceChanges?: unknown } | null)?.sourceChanges);
    if (sources === null) return null;
    apps.push({ id, kinds: appKinds, ...(sources.length > 0 ? { sourceChanges: sources } : {}) });
  }
  const facts: CheckResultFacts = { headSha: r.head.sha, ok: r.ok, errors, kinds, apps };
  const renders = (value as { renders?: unknown }).renders;
  if (renders !== undefined) {
    const read = readRenders(renders);
    if (!read) return null;
    if (read.length > 0) facts.renders = read;
  }
  return facts;
}

/** Most render reports, and lines of each list, kept from a result; longer text is cut. */
const RENDER_CAPS = { reports: 50, lines: 100, chars: 300 } as const;

/**
 * Reads the result's `renders` (`VersionRender[]`, report/pr-result.ts) into display text;
 * null when malformed (the whole result is then dropped: never trusted in part).
 */
function readRenders(value: unknown): CheckRender[] | null {
  if (!Array.isArray(value)) return null;
  const text = (v: unknown) => (typeof v === "string" ? v.slice(0, RENDER_CAPS.chars) : null);
  const out: CheckRender[] = [];
  for (const item of value.slice(0, RENDER_CAPS.reports) as unknown[]) {
    const r = item as {
      app?: unknown;
      delivery?: unknown;
      version?: unknown;
      render?: { tool?: unknown; objects?: unknown; images?: unknown; flags?: unknown };
    } | null;
    const [app, delivery, version, tool] = [text(r?.app), text(r?.delivery), text(r?.version), text(r?.render?.tool)];
    const { objects, images, flags } = r?.render ?? {};
    if (
      app === null ||
      delivery === null ||
      version === null ||
      tool === null ||
      !Array.isArray(objects) ||
      !Array.isArray(images) ||
      !Array.isArray(flags)
    )
      return null;
    const lines = (list: unknown[], line: (x: Record<string, unknown>) => string | null) => {
      const read = list
        .slice(0, RENDER_CAPS.lines)
        .map((x) => (x && typeof x === "object" ? line(x as Record<string, unknown>) : null));
      return read.every((l): l is string => l !== null) ? read : null;
    };
    const objectLines = lines(objects, (o) =>
      typeof o.count === "number" && text(o.kind) !== null ? `${o.count} × ${text(o.kind)}` : null,
    );
    const imageLines = lines(images, (i) => text(i.ref));
    const flagLines = lines(flags, (f) => {
      const [name, object] = [text(f.flag), text(f.object)];
      const detail = f.detail === undefined ? "" : text(f.detail);
      if (name === null || object === null || detail === null || !(name in FLAG_TEXT)) return null;
      return `${FLAG_TEXT[name as keyof typeof FLAG_TEXT]}: ${object}${detail ? ` (${detail})` : ""}`;
    });
    if (!objectLines || !imageLines || !flagLines) return null;
    out.push({ app, delivery, version, tool, objects: objectLines, images: imageLines, flags: flagLines });
  }
  return out;
}

function kindList(value: unknown): ChangeKind[] | null {
  if (!Array.isArray(value) || !value.every((k) => CHANGE_KINDS.includes(k as ChangeKind))) return null;
  return value as ChangeKind[];
}

/** `apps[].sourceChanges` of a result (absent: none); null when malformed. */
function sourceChanges(value: unknown): SourceChange[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const list: SourceChange[] = [];
  for (const item of value as unknown[]) {
    const c = item as { version?: unknown; host?: unknown; previousHosts?: unknown } | null;
    if (
      typeof c?.version !== "string" ||
      typeof c.host !== "string" ||
      !Array.isArray(c.previousHosts) ||
      !c.previousHosts.every((h) => typeof h === "string")
    )
      return null;
    list.push({ version: c.version, host: c.host, previousHosts: c.previousHosts as string[] });
  }
  return list;
}
