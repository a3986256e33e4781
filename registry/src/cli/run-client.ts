import { ClientError, exitCodeOf } from "../client/client.ts";

/**
 * Runs a client command, turning a {@link ClientError} into its message and hint on
 * stderr (as `appshelf: <reason>: <message>`) and its exit code (see {@link exitCodeOf});
 * other errors go to the program's handler (exit 2).
 */
export async function runClient(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (cause) {
    if (!(cause instanceof ClientError)) throw cause;
    process.stderr.write(`appshelf: ${cause.reason}: ${cause.message}\n${cause.hint ? `  hint: ${cause.hint}\n` : ""}`);
    process.exitCode = exitCodeOf(cause);
  }
}

const printed = new Set<string>();

/**
 * Prints warnings (accepted unsigned or expired index, ...) to stderr, each at most once
 * per process (one command): a command that opens the registry more than once, or prints
 * the registry's warnings at several steps, still says each thing once.
 */
export function printWarnings(warnings: readonly string[]): void {
  for (const w of warnings) {
    if (printed.has(w)) continue;
    printed.add(w);
    process.stderr.write(`warning: ${w}\n`);
  }
}
