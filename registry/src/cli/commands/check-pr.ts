import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import { checkPrInputs } from "../../check-pr/check-pr-inputs.ts";
import { checkPullRequest } from "../../check-pr/check-pull-request.ts";
import { formatPrText } from "../../check-pr/format-pr-text.ts";
import { toValidateOptions, withRegistryOptions, type RegistryCliOptions } from "../options.ts";
import { EXIT_CODES } from "../../errors/exit-codes.ts";
import { readTrustedKeys } from "../../signing/trusted-keys.ts";

type CheckPrCliOptions = RegistryCliOptions & {
  base: string;
  head: string;
  author?: string;
  result?: string;
  admin: string[];
  pr?: string;
  previous?: string;
  trustedKeys: string;
};

/**
 * `appshelf check-pr --base <ref>`: exit code 1 when the pull request has errors. In
 * GitHub Actions, `scripts/check-pr.ts` runs the same check and also annotates files and
 * writes the job summary.
 */
export function checkPrCommand(): Command {
  return withRegistryOptions(
    new Command("check-pr").description(
      "check a pull request against its base: classify the change, enforce ownership, immutability of released versions and unique ids, and validate the touched apps (commit first: the working tree must be at --head)",
    ),
  )
    .requiredOption("--base <ref>", "base branch or commit of the pull request (changes count from the merge base)")
    .option("--head <ref>", "head commit; must be checked out", "HEAD")
    .option(
      "--author <login>",
      "GitHub login of the pull request's author (ownership is checked against the base branch's maintainers)",
    )
    .option(
      "--result <file>",
      "also write the result (change kinds, apps, versions, diagnostics, SHAs, author) as JSON to this file",
    )
    .option(
      "--admin <login>",
      "a registry admin besides the base policy's roles.admin.users, e.g. a member of its admin team (repeatable)",
      (v: string, list: string[]) => [...list, v],
      [] as string[],
    )
    .option("--pr <number>", "the pull request's number (a suspension must record it)")
    .option(
      "--previous <url-or-dir>",
      "the last publish (the live registry's URL, or a folder): the names other apps hold are read from its signed name table (names.json) and the apps changed since, instead of every version file of the base",
    )
    .option(
      "--trusted-keys <file>",
      "public keys trusted to have signed the registry named by --previous",
      "registry/keys/trusted-keys.json",
    )
    .exitOverride() // usage errors reach main(), which exits 2
    .action(async (options: CheckPrCliOptions) => {
      const inputs = checkPrInputs({
        base: options.base,
        head: options.head,
        author: options.author,
        admins: options.admin,
        pullRequest: options.pr,
        validate: toValidateOptions(options),
        ...(options.previous !== undefined
          ? { previous: { location: options.previous, trustedKeys: await readTrustedKeys(options.trustedKeys) } }
          : {}),
      });
      const result = await checkPullRequest(inputs);
      const json = `${JSON.stringify(result, null, 2)}\n`;
      process.stdout.write(options.format === "json" ? json : `${formatPrText(result)}\n`);
      if (options.result !== undefined) await writeFile(options.result, json);
      if (!result.ok) process.exitCode = EXIT_CODES.problems;
    });
}
