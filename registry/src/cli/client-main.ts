import { Command } from "commander";
import { installCommand } from "./commands/install.ts";
import { pullCommand } from "./commands/pull.ts";
import { searchCommand } from "./commands/search.ts";
import { showCommand } from "./commands/show.ts";
import { verifyCommand } from "./commands/verify.ts";
import { runProgram } from "./run-program.ts";

/**
 * The `appshelf` program of the installable client package (packages/client): only the
 * commands that read a published registry, so the package needs only their runtime
 * dependencies. Same commands, options and exit codes as in the full program.
 */
export function createClientProgram(): Command {
  return new Command("appshelf")
    .description(
      "Appshelf client: search, show, pull, install and verify apps of an Appshelf registry, every byte checked against its signed index",
    )
    .showHelpAfterError()
    .addCommand(searchCommand())
    .addCommand(showCommand())
    .addCommand(pullCommand())
    .addCommand(installCommand())
    .addCommand(verifyCommand());
}

/** Runs the client program with `argv` (as `process.argv`); exit codes as in {@link runProgram}. */
export async function clientMain(argv: readonly string[]): Promise<void> {
  await runProgram(createClientProgram(), argv);
}
