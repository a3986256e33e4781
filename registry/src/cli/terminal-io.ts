import { spawn } from "node:child_process";
import { createInterface } from "node:readline/promises";
import type { InstallIo } from "../client/install/install-app.ts";
import type { NativeCommand } from "../client/install/plan-install.ts";

/**
 * The install's outside world for the CLI: questions on the terminal (only when stdin is
 * one; typed values of variables are not echoed), the native tool run as a child process
 * that inherits the terminal, progress on stderr.
 */
export function terminalIo(): InstallIo {
  const onTerminal = process.stdin.isTTY === true;
  return {
    ...(onTerminal
      ? {
          ask: (v) => question(`${v.name}${v.message ? ` (${v.message})` : ""}: `, true),
          confirm: async (line) => /^y(es)?$/i.test((await question(`Run ${line}? [y/N] `, false)).trim()),
        }
      : {}),
    run: runNative,
    print: (line) => process.stderr.write(`${line}\n`),
    environment: process.env,
  };
}

async function question(prompt: string, hidden: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // readline echoes what is typed through _writeToOutput; after the prompt, a hidden answer is not written.
  const internal = rl as unknown as { _writeToOutput(text: string): void };
  const write = internal._writeToOutput.bind(rl);
  let muted = false;
  internal._writeToOutput = (text) => {
    if (!muted) write(text);
  };
  const answer = rl.question(prompt);
  muted = hidden;
  try {
    return await answer;
  } finally {
    rl.close();
    if (hidden) process.stderr.write("\n");
  }
}

/**
 * Runs `command` with the terminal inherited and its variables added to this environment;
 * resolves to its exit code (1 when killed by a signal).
 *
 * @throws Error when the program cannot be started (e.g. not on PATH).
 */
function runNative(command: NativeCommand): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.program, command.args, { stdio: "inherit", env: { ...process.env, ...command.env } });
    child.on("error", (cause) =>
      reject(
        new Error(
          `cannot run ${command.program}: ${cause.message}${(cause as NodeJS.ErrnoException).code === "ENOENT" ? ` (is ${command.program} installed and on PATH?)` : ""}`,
        ),
      ),
    );
    child.on("close", (code) => resolve(code ?? 1));
  });
}
