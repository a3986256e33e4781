import { type Command, CommanderError } from "commander";

/**
 * Runs `program` with `argv` (as `process.argv`). Every subcommand is told to throw on a
 * usage error instead of exiting by itself (Commander exits with 1 there), so every usage
 * error, at any level, ends as exit code 2. Exit codes: 0 success, 1 the registry has errors
 * or the client refused what it read, 2 bad usage or an unexpected failure, 3 nothing
 * matches (client), 4 the registry host failed (client); see `client/client-error.ts`.
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  program.exitOverride();
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
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
