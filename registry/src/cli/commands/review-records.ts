import { mkdir } from "node:fs/promises";
import { replaceFile } from "../../fs/replace-file.ts";
import path from "node:path";
import { Command } from "commander";
import { createOctokit, parseRepoRef } from "../../github/create-octokit.ts";
import { githubReviewSource } from "../../github/github-review-source.ts";
import { collectReviewLedger, type ReviewSource } from "../../publish/collect-review-ledger.ts";
import { readPreviousReviews } from "../../publish/read-previous-reviews.ts";
import { commitOfOutcome, reusableOutcomes } from "../../publish/reuse-review-outcomes.ts";
import { readTrustedKeys } from "../../signing/trusted-keys.ts";
import { UsageError } from "../../errors/appshelf-error.ts";
import type { GateOutcome } from "../../review/version-review.ts";

interface ReviewRecordsOptions {
  root: string;
  ref: string;
  repo?: string;
  out: string;
  previous?: string;
  trustedKeys: string;
}

/**
 * `appshelf review-records`: the review ledger of the registry (`schema/reviews.schema.json`)
 * for `appshelf build --reviews`: for every version file on the base branch, the review
 * record of the pull request that added it and of those that changed it since, read from
 * GitHub at `$GITHUB_API_URL` with `$APPSHELF_REVIEW_TOKEN` or `$GITHUB_TOKEN`. With
 * `--previous`, the outcomes of the last publish's review ledger are reused by merge commit
 * and GitHub is asked only about the others (a ledger that cannot be read means asking about
 * all, with a note on stderr). Written to a temp file, then renamed into place.
 */
export function reviewRecordsCommand(): Command {
  return new Command("review-records")
    .description(
      "read the review record of every version's pull requests from GitHub into a review ledger for 'appshelf build --reviews'",
    )
    .option("--root <dir>", "registry root (a Git work tree)", ".")
    .option("--ref <ref>", "base branch whose first-parent history is read", "HEAD")
    .option("--repo <owner/name>", "repository (default: $GITHUB_REPOSITORY)")
    .option("--out <file>", "ledger file to write", "reviews.json")
    .option(
      "--previous <url-or-dir-or-file>",
      "the review ledger of the last publish: the live registry (its index.json checked against --trusted-keys, reviews.json read through its pin) or a .json file; merged pull requests it records are not read from GitHub again",
    )
    .option(
      "--trusted-keys <file>",
      "public keys trusted to have signed the registry named by --previous",
      "registry/keys/trusted-keys.json",
    )
    .action(async (options: ReviewRecordsOptions) => {
      const name = options.repo ?? process.env.GITHUB_REPOSITORY;
      if (!name) throw new UsageError("no repository: pass --repo owner/name or set GITHUB_REPOSITORY");
      const token = process.env.APPSHELF_REVIEW_TOKEN || process.env.GITHUB_TOKEN;
      const octokit = createOctokit({
        ...(token ? { token } : {}),
        baseUrl: process.env.GITHUB_API_URL || "https://api.github.com",
      });
      let previous = new Map<string, GateOutcome>();
      if (options.previous !== undefined) {
        const read = await readPreviousReviews(options.previous, await readTrustedKeys(options.trustedKeys));
        process.stderr.write(`Previous review ledger: ${read.note}.\n`);
        if (read.ledger) previous = reusableOutcomes(read.ledger);
      }
      const github = githubReviewSource(octokit, parseRepoRef(name));
      const asked = new Set<string>();
      const source: ReviewSource = {
        pullRequestOf: (commit) => (asked.add(commit), github.pullRequestOf(commit)),
        outcomeOf: (number, commit) => github.outcomeOf(number, commit),
      };
      const ledger = await collectReviewLedger(path.resolve(options.root), options.ref, source, previous);
      const reused = new Set(
        Object.values(ledger.versions)
          .flatMap((v) => [v.release, ...v.changes])
          .map(commitOfOutcome)
          .filter((c): c is string => c !== undefined && previous.has(c) && !asked.has(c)),
      );
      const out = path.resolve(options.out);
      await mkdir(path.dirname(out), { recursive: true });
      await replaceFile(out, `${JSON.stringify(ledger, null, 2)}\n`);
      const counts = { approved: 0, "not-approved": 0, none: 0 };
      for (const v of Object.values(ledger.versions)) counts[v.release.gate] += 1;
      process.stdout.write(
        `Wrote ${options.out}: ${Object.keys(ledger.versions).length} versions; released through the gate ${counts.approved}, merged without its approval ${counts["not-approved"]}, without a pull request ${counts.none}. ${reused.size} ${reused.size === 1 ? "outcome" : "outcomes"} reused from the previous ledger, ${asked.size} ${asked.size === 1 ? "commit" : "commits"} looked up on GitHub.\n`,
      );
    });
}
