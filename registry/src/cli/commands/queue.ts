import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { createOctokit, parseRepoRef } from "../../github/create-octokit.ts";
import { readReviewQueue } from "../../github/read-review-queue.ts";
import { formatQueueText } from "../../review/review-queue.ts";
import { UsageError } from "../../errors/appshelf-error.ts";

interface QueueOptions {
  repo?: string;
  out?: string;
  format: "text" | "json";
}

/**
 * `appshelf queue`: every open pull request with its review state, stage, age and who is
 * asked next, read from GitHub (reads only). `--out` writes `queue.json`
 * (`schema/review-queue.schema.json`) for the catalog's queue page. GitHub is reached at
 * `$GITHUB_API_URL` (default https://api.github.com) with `$APPSHELF_REVIEW_TOKEN` or
 * `$GITHUB_TOKEN`; the repository is `--repo` or `$GITHUB_REPOSITORY`.
 */
export function queueCommand(): Command {
  return new Command("queue")
    .description("list open pull requests with their review stage, age and who is asked next (from GitHub)")
    .option("--repo <owner/name>", "repository (default: $GITHUB_REPOSITORY)")
    .option("--out <file>", "also write the queue as JSON (queue.json) to this file")
    .option("--format <format>", "output format: text or json", "text")
    .exitOverride()
    .action(async (options: QueueOptions) => {
      if (options.format !== "text" && options.format !== "json")
        throw new UsageError(`unknown --format '${String(options.format)}'; use text or json`);
      const name = options.repo ?? process.env.GITHUB_REPOSITORY;
      if (!name) throw new UsageError("no repository: pass --repo owner/name or set GITHUB_REPOSITORY");
      const token = process.env.APPSHELF_REVIEW_TOKEN || process.env.GITHUB_TOKEN;
      const octokit = createOctokit({
        ...(token ? { token } : {}),
        baseUrl: process.env.GITHUB_API_URL || "https://api.github.com",
      });
      const queue = await readReviewQueue(octokit, parseRepoRef(name), new Date());
      const json = `${JSON.stringify(queue, null, 2)}\n`;
      process.stdout.write(options.format === "json" ? json : `${formatQueueText(queue)}\n`);
      if (options.out) {
        await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
        await writeFile(options.out, json);
      }
    });
}
