import { ClientError, type ClientErrorReason } from "./client-error.ts";

/**
 * The CLI's exit codes, decided here only: 0 success; 1 the registry, the pull request
 * or the merged reports have errors, or the client refused what it read (a signature,
 * digest, size, serial, expiry or status check failed); 2 bad usage, an invalid input or
 * an unexpected failure; 3 nothing matches (client: unknown app, no compatible version);
 * 4 the registry host could not be reached or answered an error (client).
 */
export const EXIT_CODES = { ok: 0, problems: 1, usage: 2, notFound: 3, unreachable: 4 } as const;

/** Exit code of the CLI for a client refusal or failure (see {@link EXIT_CODES}). */
export function clientExitCode(reason: ClientErrorReason): number {
  if (reason === "usage") return EXIT_CODES.usage;
  if (reason === "not-found" || reason === "no-match") return EXIT_CODES.notFound;
  if (reason === "http-status" || reason === "network" || reason === "timeout") return EXIT_CODES.unreachable;
  return EXIT_CODES.problems;
}

/**
 * Exit code of the CLI for a failure that stopped a command: a {@link ClientError} by its
 * reason; a usage error of the command-line parser (Commander's, which carries its own
 * exit code: 0 for `--help` and `--version`) 0 or 2; anything else 2.
 */
export function exitCodeOf(cause: unknown): number {
  if (cause instanceof ClientError) return clientExitCode(cause.reason);
  if (isParserExit(cause)) return cause.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  return EXIT_CODES.usage;
}

/** True for Commander's `CommanderError` (code `commander.*`, with an `exitCode`), without importing Commander here. */
export function isParserExit(cause: unknown): cause is Error & { code: string; exitCode: number } {
  if (!(cause instanceof Error)) return false;
  const { code, exitCode } = cause as { code?: unknown; exitCode?: unknown };
  return typeof code === "string" && code.startsWith("commander.") && typeof exitCode === "number";
}
