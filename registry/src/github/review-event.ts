/**
 * Which pull requests a GitHub Actions event asks the gate to judge. Pure: the payload is
 * data (`GITHUB_EVENT_PATH`).
 * - `pull_request_target`, `pull_request_review` (and `pull_request`): that pull request,
 *   unless closed. A review event on a pull request from a fork runs with a read-only
 *   token, so it is `readOnly` (judged, not applied); the scheduled sweep applies it.
 * - `workflow_run` (the pull-request check finished): the run's pull request, or, for a
 *   fork (GitHub leaves `pull_requests` empty), the open pull request from its head.
 * - `schedule`, `workflow_dispatch`: every open pull request (the sweep).
 */
export type ReviewTarget =
  | { kind: "pull-request"; number: number; readOnly: boolean }
  | { kind: "head"; owner: string; branch: string; sha: string }
  | { kind: "all-open" }
  | { kind: "skip"; reason: string };

interface PayloadShape {
  repository?: { full_name?: string };
  pull_request?: { number?: number; state?: string; head?: { repo?: { full_name?: string } | null } };
  workflow_run?: {
    head_sha?: string;
    head_branch?: string;
    pull_requests?: { number?: number }[];
    head_repository?: { owner?: { login?: string } };
  };
}

/** The target of an event; see {@link ReviewTarget}. */
export function targetOfEvent(eventName: string, payload: unknown): ReviewTarget {
  const p = (payload ?? {}) as PayloadShape;
  switch (eventName) {
    case "pull_request":
    case "pull_request_target":
    case "pull_request_review": {
      const pr = p.pull_request;
      if (typeof pr?.number !== "number")
        return { kind: "skip", reason: `${eventName} payload has no pull_request.number` };
      if (pr.state === "closed") return { kind: "skip", reason: `pull request #${pr.number} is closed` };
      const fork = pr.head?.repo?.full_name !== undefined && pr.head.repo.full_name !== p.repository?.full_name;
      return { kind: "pull-request", number: pr.number, readOnly: eventName === "pull_request_review" && fork };
    }
    case "workflow_run": {
      const run = p.workflow_run;
      const number = run?.pull_requests?.[0]?.number;
      if (typeof number === "number") return { kind: "pull-request", number, readOnly: false };
      const owner = run?.head_repository?.owner?.login;
      if (!run?.head_sha || !run.head_branch || !owner)
        return { kind: "skip", reason: "workflow_run payload names no pull request or head" };
      return { kind: "head", owner, branch: run.head_branch, sha: run.head_sha };
    }
    case "schedule":
    case "workflow_dispatch":
      return { kind: "all-open" };
    default:
      return { kind: "skip", reason: `the review gate does not handle ${eventName} events` };
  }
}
