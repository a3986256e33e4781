import { Command } from "commander";
import { buildCommand } from "./commands/build.ts";
import { checkPrCommand } from "./commands/check-pr.ts";
import { importCommand } from "./commands/import-helm.ts";
import { installCommand } from "./commands/install.ts";
import { keygenCommand } from "./commands/keygen.ts";
import { mergeReportsCommand } from "./commands/merge-reports.ts";
import { pullCommand } from "./commands/pull.ts";
import { queueCommand } from "./commands/queue.ts";
import { reviewRecordsCommand } from "./commands/review-records.ts";
import { reviewStateCommand } from "./commands/review-state.ts";
import { searchCommand } from "./commands/search.ts";
import { showCommand } from "./commands/show.ts";
import { signCommand } from "./commands/sign.ts";
import { validateCommand } from "./commands/validate.ts";
import { verifyCommand } from "./commands/verify.ts";
import { runProgram } from "./run-program.ts";

/** Builds the `appshelf` program with every subcommand. Each has `--help`. */
export function createProgram(): Command {
  const program = new Command("appshelf")
    .description("Appshelf: an application store run as a GitOps registry")
    .showHelpAfterError()
    .addCommand(validateCommand())
    .addCommand(mergeReportsCommand())
    .addCommand(buildCommand())
    .addCommand(importCommand())
    .addCommand(checkPrCommand())
    .addCommand(reviewStateCommand())
    .addCommand(queueCommand())
    .addCommand(reviewRecordsCommand())
    .addCommand(keygenCommand())
    .addCommand(signCommand())
    .addCommand(verifyCommand())
    .addCommand(searchCommand())
    .addCommand(showCommand())
    .addCommand(pullCommand())
    .addCommand(installCommand());
  return program;
}

/** Runs the CLI with `argv` (as `process.argv`); exit codes as in {@link runProgram}. */
export async function main(argv: readonly string[]): Promise<void> {
  await runProgram(createProgram(), argv);
}
