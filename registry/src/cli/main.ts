import { Command, CommanderError } from "commander";
import { buildCommand } from "./commands/build.ts";
import { checkPrCommand } from "./commands/check-pr.ts";
import { importCommand } from "./commands/import-helm.ts";
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
    .addCommand(pullCommand());
  // Commander exits by itself (code 1) on a subcommand's usage error unless each subcommand
  // is told to throw instead; main() then maps every usage error to exit code 2.
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  return program;
}

/**
 * Runs the CLI with `argv` (as `process.argv`). Exit codes: 0 success, 1 the registry has
 * errors or the client refused what it read, 2 bad usage or an unexpected failure, 3
 * nothing matches (client), 4 the registry host failed (client); see `client/client-error.ts`.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const program = createProgram().exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (cause) {
    if (cause instanceof CommanderError) {
      process.exitCode = cause.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`appshelf: ${(cause as Error).message}\n`);
    process.exitCode = 2;
  }
}
