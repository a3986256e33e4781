import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { packZip } from "../inspect/nextcloud-archives.ts";
import type { PrResult } from "../../src/check-pr/pr-result.ts";
import { POLICY_PATH } from "../../src/review/review-policy.ts";
import { REPO_ROOT } from "../temp-registry.ts";
import { FakeGitHub, type FakePull } from "./fake-github.ts";

let examples: { name: string; examples: Record<string, unknown>[] }[] | undefined;

/** A real webhook payload from `@octokit/webhooks-examples` (api.github.com), by event and action. */
export function webhookExample(
  event: "pull_request" | "pull_request_review" | "workflow_run",
  action: string,
): Record<string, unknown> {
  examples ??= JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve("@octokit/webhooks-examples"), "utf8"),
  ) as { name: string; examples: Record<string, unknown>[] }[];
  const group = examples.find((e) => e.name === event);
  const payload = group?.examples.find((e) => e.action === action);
  if (!payload) throw new Error(`no ${event}.${action} example`);
  return structuredClone(payload);
}

/** The payload's pull request, as the fields the fake and the tests use. */
export interface PayloadPull {
  number: number;
  node_id: string;
  html_url: string;
  head: { sha: string; ref: string; label: string; repo: { full_name: string } };
  base: { ref: string; sha: string };
  user: { login: string };
}

/** Team members the fake serves for the repository's policy teams. */
export const TEAMS = {
  "appshelf/business-reviewers": ["biz-ann"],
  "appshelf/technical-reviewers": ["tech-cy"],
  "appshelf/admins": ["adm-ed", "adm-flo"],
};

/**
 * A fake GitHub holding the pull request of a real `pull_request.opened` payload
 * (Codertocat/Hello-World #2) turned into an Appshelf submission: it adds the app
 * `wordpress` (maintainers: the author Codertocat and wp-lead), the base branch holds the
 * repository's real review policy, the pull-request check passed and uploaded its result.
 */
export function aFakeGitHub(
  opened: Record<string, unknown>,
  policyText?: string,
): { fake: FakeGitHub; pr: PayloadPull } {
  const pr = opened.pull_request as PayloadPull & Record<string, unknown>;
  const repo = (opened.repository as { full_name: string }).full_name;
  const fake = new FakeGitHub(repo);
  const data = {
    ...structuredClone(pr),
    state: "open",
    draft: false,
    labels: [],
    requested_reviewers: [],
    requested_teams: [],
    auto_merge: null,
    changed_files: 2,
  } as FakePull["data"];
  fake.state.pulls.set(pr.number, {
    data,
    files: [
      { filename: "apps/wordpress/app.yaml", status: "added" },
      { filename: "apps/wordpress/versions/helm/27.0.0.yaml", status: "added" },
    ],
    commits: [{ sha: pr.head.sha, author: { login: pr.user.login } }],
    reviews: [],
    events: [],
    comments: [],
  });
  fake.state.contents.set(
    `${POLICY_PATH}@${pr.base.ref}`,
    policyText ?? readFileSync(path.join(REPO_ROOT, POLICY_PATH), "utf8"),
  );
  const appYaml = readFileSync(path.join(REPO_ROOT, "apps/wordpress/app.yaml"), "utf8").replace(
    "maintainers: [bitnami]",
    `maintainers: [${pr.user.login}, wp-lead]`,
  );
  fake.state.contents.set(`apps/wordpress/app.yaml@${pr.head.sha}`, appYaml);
  for (const [team, members] of Object.entries(TEAMS)) fake.state.teams.set(team, members);
  fake.state.runs.push({
    id: 77,
    head_sha: pr.head.sha,
    head_branch: pr.head.ref,
    head_repository: { full_name: pr.head.repo.full_name },
    pull_requests: [{ number: pr.number, base: { ref: pr.base.ref }, head: { sha: pr.head.sha } }],
    path: ".github/workflows/pull-request.yml",
    status: "completed",
    conclusion: "success",
    html_url: `https://github.com/${repo}/actions/runs/77`,
  });
  fake.state.artifacts.set(77, [
    {
      id: 88,
      name: "pr-check",
      expired: false,
      zip: packZip(new Map([["pr-check.json", Buffer.from(JSON.stringify(aPrResult(pr)))]])),
    },
  ]);
  return { fake, pr };
}

/** The `pr-check` result `appshelf check-pr` would write for the submission. */
export function aPrResult(pr: PayloadPull): PrResult {
  const version = {
    app: "wordpress",
    delivery: "helm",
    version: "27.0.0",
    file: "apps/wordpress/versions/helm/27.0.0.yaml",
    kinds: ["new-app" as const],
  };
  return {
    version: 1,
    ok: true,
    base: { ref: pr.base.sha, sha: pr.base.sha },
    head: { ref: "HEAD", sha: pr.head.sha },
    mergeBase: pr.base.sha,
    author: pr.user.login,
    kinds: ["new-app"],
    apps: [{ id: "wordpress", kinds: ["new-app"], versions: [version] }],
    versions: [version],
    registryFiles: [],
    counts: { errors: 0, warnings: 0 },
    validated: { apps: 1, versions: 1 },
    diagnostics: [],
  };
}
