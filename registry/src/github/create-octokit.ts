import { Octokit } from "octokit";
import { UsageError } from "../errors/appshelf-error.ts";

/** How to reach GitHub. */
export interface GitHubConnection {
  /** A token; without one, only public reads work (and at a low rate limit). */
  token?: string;
  /** REST API root: `https://api.github.com` by default; the Actions runner sets `GITHUB_API_URL`; tests point it at a fake on 127.0.0.1. */
  baseUrl?: string;
  /**
   * Retry on server errors and wait out rate limits (octokit's retry and throttling
   * plugins). On by default; tests against a fake turn it off so a failure shows at once.
   */
  patient?: boolean;
}

/** An octokit client for the review gate and the queue. */
export function createOctokit(connection: GitHubConnection): Octokit {
  const patient = connection.patient ?? true;
  return new Octokit({
    ...(connection.token ? { auth: connection.token } : {}),
    baseUrl: connection.baseUrl ?? "https://api.github.com",
    userAgent: "appshelf-review-gate",
    ...(patient ? {} : { throttle: { enabled: false }, retry: { enabled: false } }),
  });
}

/** `owner/name` split. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * Parses `owner/name`.
 *
 * @throws UsageError when it is not of that form
 */
export function parseRepoRef(fullName: string): RepoRef {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(fullName);
  if (!match?.[1] || !match[2]) throw new UsageError(`'${fullName}' is not a repository name like owner/name`);
  return { owner: match[1], repo: match[2] };
}

/** The HTTP status of an octokit error, if it has one. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}
