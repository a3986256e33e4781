import type { Command } from "commander";
import { AppshelfError } from "../errors/appshelf-error.ts";
import { exitCodeOf, isParserExit } from "../errors/exit-codes.ts";

/**
 * Runs `program` with `argv` (as `process.argv`). Every subcommand is told to throw on a
 * usage error instead of exiting by itself (Commander exits with 1 there), so every usage
 * error, at any level, ends as exit code 2. A failure is printed as `appshelf: <message>`
 * (with its hint, for an `AppshelfError` that has one); its exit code comes from
 * `errors/exit-codes.ts`, the one place exit codes are decided.
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  program.exitOverride();
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  try {
    await program.parseAsync([...argv]);
  } catch (cause) {
    // The parser has printed its own message (or the help).
    if (!isParserExit(cause))
      process.stderr.write(
        `appshelf: ${(cause as Error).message}\n${cause instanceof AppshelfError && cause.hint ? `  hint: ${cause.hint}\n` : ""}`,
      );
    process.exitCode = exitCodeOf(cause);
  }
}
