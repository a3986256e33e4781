import type { Octokit } from "octokit";
import type { RepoRef } from "./create-octokit.ts";

/** Hidden marker that identifies the expiry watch's issue, so a re-run edits it instead of opening another. */
export const EXPIRY_ISSUE_MARKER = "<!-- appshelf:index-expiry -->";

/**
 * Opens the expiry watch's issue, or updates it when an open one carries the marker: at
 * most one open issue however many times the watch fires.
 *
 * @returns the issue number and whether it was created
 * @throws RequestError from octokit when GitHub refuses
 */
export async function upsertExpiryIssue(
  octokit: Octokit,
  repo: RepoRef,
  title: string,
  body: string,
): Promise<{ number: number; created: boolean }> {
  const text = `${EXPIRY_ISSUE_MARKER}\n${body}`;
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 });
  const mine = open.find((issue) => !issue.pull_request && (issue.body ?? "").includes(EXPIRY_ISSUE_MARKER));
  if (mine) {
    await octokit.rest.issues.update({ ...repo, issue_number: mine.number, title, body: text });
    return { number: mine.number, created: false };
  }
  const created = await octokit.rest.issues.create({ ...repo, title, body: text });
  return { number: created.data.number, created: true };
}

/**
 * The latest run of a workflow (by file name), for the expiry watch's verdict; undefined
 * when it has none or GitHub cannot say.
 */
export async function latestWorkflowRun(
  octokit: Octokit,
  repo: RepoRef,
  workflow: string,
): Promise<{ conclusion: string; url: string; createdAt: string } | undefined> {
  const runs = await octokit.rest.actions.listWorkflowRuns({
    ...repo,
    workflow_id: workflow,
    status: "completed",
    per_page: 1,
  });
  const run = runs.data.workflow_runs[0];
  return run ? { conclusion: run.conclusion ?? "unknown", url: run.html_url, createdAt: run.created_at } : undefined;
}
