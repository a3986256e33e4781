/** Fewer days than this left on the live index, with no successful re-sign since, is an alert (issue 19). */
export const EXPIRY_ALERT_DAYS = 4;

/** What the watch knows: the live index's expiry and how the last publish run ended. */
export interface ExpiryFacts {
  /** The live index.json's `expires` (RFC 3339 UTC). */
  expires: string;
  serial: number;
  /** The clock of the check. */
  now: Date;
  /**
   * Conclusion of the latest run of the publish workflow (push or weekly re-sign), e.g.
   * `success`, `failure`; undefined when unknown (no token, no run yet).
   */
  lastPublish?: { conclusion: string; url: string; createdAt: string };
}

/** The watch's verdict. */
export interface ExpiryDecision {
  alert: boolean;
  /** Whole and fractional days until expiry (negative once expired). */
  daysLeft: number;
  /** One line for logs and the issue title. */
  title: string;
  /** Markdown body for the issue and the job summary. */
  body: string;
}

/**
 * Decides whether the live index's expiry needs a person. Pure; the clock comes in.
 * Alerts when fewer than {@link EXPIRY_ALERT_DAYS} days remain and the latest publish run
 * did not succeed (or is unknown); alerts whatever the runs say once less than one day
 * remains or the index has expired (clients then refuse the registry: fail closed).
 */
export function decideExpiryAlert(facts: ExpiryFacts): ExpiryDecision {
  const daysLeft = (Date.parse(facts.expires) - facts.now.getTime()) / 86_400_000;
  if (Number.isNaN(daysLeft)) throw new Error(`the live index's expires '${facts.expires}' is not a date`);
  const resigned = facts.lastPublish?.conclusion === "success";
  const alert = daysLeft < 1 || (daysLeft < EXPIRY_ALERT_DAYS && !resigned);
  const left = daysLeft <= 0 ? `expired ${(-daysLeft).toFixed(1)} days ago` : `expires in ${daysLeft.toFixed(1)} days`;
  const title = `The signed registry index (serial ${facts.serial}) ${left}`;
  const run = facts.lastPublish
    ? `The latest publish run (${facts.lastPublish.createdAt}) ended in **${facts.lastPublish.conclusion}**: ${facts.lastPublish.url}`
    : "The latest publish run is unknown.";
  const body = [
    `The live \`index.json\` (serial ${facts.serial}) expires at ${facts.expires}, checked at ${facts.now.toISOString()}: ${left}.`,
    "",
    run,
    "",
    alert
      ? `Every client refuses an expired index. Fix the publish workflow (its job summary names each artifact it could not read) and run it again (workflow_dispatch), before ${facts.expires}.`
      : `More than ${EXPIRY_ALERT_DAYS} days remain, or the re-sign succeeded: nothing to do.`,
  ].join("\n");
  return { alert, daysLeft, title, body };
}
