import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { decide } from "../../review/decide.ts";
import { formatDecisionText } from "../../review/format-decision.ts";
import { loadReviewPolicy } from "../../review/load-policy.ts";
import { parseReviewSnapshot } from "../../review/parse-snapshot.ts";
import { POLICY_PATH } from "../../review/review-policy.ts";
import { UsageError } from "../../errors/appshelf-error.ts";

interface ReviewStateOptions {
  root: string;
  policy?: string;
  format: "text" | "json";
}

/**
 * `appshelf review-state <snapshot.json>`: the review gate's decision for a recorded
 * snapshot, with no GitHub: the state, commit status, labels, who is asked, the actions,
 * and the summary comment. Reads a snapshot file (`--save-snapshot` of the gate) or a test
 * scenario file (its `snapshot` field). Exit code 2 when a file is unreadable or invalid.
 */
export function reviewStateCommand(): Command {
  return new Command("review-state")
    .description("print the review gate's decision for a recorded pull-request snapshot (no GitHub needed)")
    .argument(
      "<snapshot>",
      "snapshot JSON (schema/review-snapshot.schema.json), or a test scenario file holding one under 'snapshot' (its policy overrides are not applied)",
    )
    .option("--root <dir>", "repository root holding the policy", ".")
    .option("--policy <file>", `review policy to apply (default: <root>/${POLICY_PATH})`)
    .option("--format <format>", "output format: text or json", "text")
    .exitOverride()
    .action(async (file: string, options: ReviewStateOptions) => {
      if (options.format !== "text" && options.format !== "json")
        throw new UsageError(`unknown --format '${String(options.format)}'; use text or json`);
      const policyFile = options.policy ?? path.join(options.root, POLICY_PATH);
      const policy = loadReviewPolicy(
        path.relative(options.root, policyFile) || policyFile,
        await readFile(policyFile, "utf8"),
      );
      const raw = JSON.parse(await readFile(file, "utf8")) as { snapshot?: unknown; formatVersion?: unknown };
      const snapshot = parseReviewSnapshot(
        raw.formatVersion === undefined && raw.snapshot !== undefined ? raw.snapshot : raw,
        file,
      );
      const decision = decide(snapshot, policy);
      process.stdout.write(
        options.format === "json" ? `${JSON.stringify(decision, null, 2)}\n` : `${formatDecisionText(decision)}\n`,
      );
    });
}
