import type { RegistryRunOptions } from "../run/run-options.ts";
import type { CheckPrInputs } from "./check-pull-request.ts";
import type { PreviousPublish } from "./read-previous-names.ts";
import { UsageError } from "../errors/appshelf-error.ts";

/** A GitHub login (`octocat`, `dependabot[bot]`). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/** What a caller asks check-pr for, as given (a command line, an event payload). */
export interface CheckPrRequest {
  /** Base branch or commit (`--base`). */
  base: string;
  /** Head commit (`--head`); default `HEAD`. */
  head?: string;
  /** The author's GitHub login (`--author`). */
  author?: string;
  /** Admins besides the base policy's (`--admin`). */
  admins?: readonly string[];
  /** The pull request's number (`--pr`), as text or a number. */
  pullRequest?: string | number;
  /** How to validate; `root` is the top of the Git work tree. */
  validate: Omit<RegistryRunOptions, "apps">;
  /** The last publish and its trusted keys (`--previous`, `--trusted-keys`): where the base side's names are read from. */
  previous?: PreviousPublish;
}

/**
 * Checks a request's logins and number and makes the inputs of `checkPullRequest`.
 *
 * @throws UsageError naming the option (`--author`, `--admin`, `--pr`) whose value is not a GitHub login or a pull request number
 */
export function checkPrInputs(request: CheckPrRequest): CheckPrInputs {
  const admins = request.admins ?? [];
  if (request.author !== undefined && !LOGIN.test(request.author))
    throw new UsageError(`--author '${request.author}' is not a GitHub login`);
  for (const login of admins) if (!LOGIN.test(login)) throw new UsageError(`--admin '${login}' is not a GitHub login`);
  const pr = request.pullRequest === undefined ? undefined : String(request.pullRequest);
  if (pr !== undefined && !/^[1-9]\d{0,9}$/.test(pr))
    throw new UsageError(`--pr must be a pull request number, not '${pr}'`);
  return {
    base: request.base,
    head: request.head ?? "HEAD",
    author: request.author,
    admins,
    ...(pr !== undefined ? { pullRequest: Number(pr) } : {}),
    validate: request.validate,
    ...(request.previous ? { previous: request.previous } : {}),
  };
}
