import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { createOctokit, parseRepoRef } from "../../github/create-octokit.ts";
import { githubReviewSource } from "../../github/github-review-source.ts";
import { collectReviewLedger } from "../../publish/collect-review-ledger.ts";
import { UsageError } from "../../errors/appshelf-error.ts";

interface ReviewRecordsOptions {
  root: string;
  ref: string;
  repo?: string;
  out: string;
}

/**
 * `appshelf review-records`: the review ledger of the registry (`schema/reviews.schema.json`)
 * for `appshelf build --reviews`: for every version file on the base branch, the review
 * record of the pull request that added it and of those that changed it since, read from
 * GitHub at `$GITHUB_API_URL` with `$APPSHELF_REVIEW_TOKEN` or `$GITHUB_TOKEN`. Written to a
 * temp file, then renamed into place.
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
    .action(async (options: ReviewRecordsOptions) => {
      const name = options.repo ?? process.env.GITHUB_REPOSITORY;
      if (!name) throw new UsageError("no repository: pass --repo owner/name or set GITHUB_REPOSITORY");
      const token = process.env.APPSHELF_REVIEW_TOKEN || process.env.GITHUB_TOKEN;
      const octokit = createOctokit({
        ...(token ? { token } : {}),
        baseUrl: process.env.GITHUB_API_URL || "https://api.github.com",
      });
      const ledger = await collectReviewLedger(
        path.resolve(options.root),
        options.ref,
        githubReviewSource(octokit, parseRepoRef(name)),
      );
      const out = path.resolve(options.out);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(`${out}.tmp`, `${JSON.stringify(ledger, null, 2)}\n`);
      await rename(`${out}.tmp`, out);
      const counts = { approved: 0, "not-approved": 0, none: 0 };
      for (const v of Object.values(ledger.versions)) counts[v.release.gate] += 1;
      process.stdout.write(
        `Wrote ${options.out}: ${Object.keys(ledger.versions).length} versions; released through the gate ${counts.approved}, merged without its approval ${counts["not-approved"]}, without a pull request ${counts.none}.\n`,
      );
    });
}
