import type { Octokit } from "octokit";
import { openRegistry } from "../client/open-registry.ts";
import type { RepoRef } from "./create-octokit.ts";
import { latestWorkflowRun, upsertExpiryIssue } from "./upsert-expiry-issue.ts";
import type { TrustedKeys } from "../signing/trusted-keys.ts";
import { decideExpiryAlert, type ExpiryDecision } from "../expiry/decide-expiry-alert.ts";

/** What the watch reads and where it reports. */
export interface WatchInputs {
  /** The live registry: base URL or folder holding index.json. */
  location: string;
  trustedKeys: TrustedKeys;
  now: Date;
  /** Where to open or update the issue, and read the publish workflow's runs; none: report only. */
  github?: { octokit: Octokit; repo: RepoRef; publishWorkflow: string };
}

/** The decision, and the issue written when it alerted. */
export interface WatchOutcome extends ExpiryDecision {
  issue?: { number: number; created: boolean };
}

/**
 * Checks the live index's expiry: opens index.json as a client does (signature against
 * `trustedKeys`; an expired index is read, not refused, since reporting it is the point),
 * asks GitHub how the latest publish run ended, decides ({@link decideExpiryAlert}) and,
 * on an alert, opens or updates the one expiry issue.
 *
 * @throws ClientError when the live index cannot be read or is not signed by a trusted key (itself an alert)
 */
export async function watchExpiry(inputs: WatchInputs): Promise<WatchOutcome> {
  const registry = await openRegistry({
    location: inputs.location,
    trustedKeys: inputs.trustedKeys,
    allowExpired: true,
    now: inputs.now,
  });
  const gh = inputs.github;
  const lastPublish = gh ? await latestWorkflowRun(gh.octokit, gh.repo, gh.publishWorkflow) : undefined;
  const decision = decideExpiryAlert({
    expires: registry.index.expires,
    serial: registry.index.serial,
    now: inputs.now,
    ...(lastPublish ? { lastPublish } : {}),
  });
  if (!decision.alert || !gh) return decision;
  return { ...decision, issue: await upsertExpiryIssue(gh.octokit, gh.repo, decision.title, decision.body) };
}
