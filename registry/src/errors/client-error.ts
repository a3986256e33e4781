/**
 * Why the client refused or failed. Stable ids, shown with every message and mapped to
 * exit codes by {@link exitCodeOf}.
 */
export type ClientErrorReason =
  | "unsigned"
  | "unknown-key"
  | "bad-signature"
  | "rollback"
  | "expired"
  | "digest-mismatch"
  | "size-mismatch"
  | "too-large"
  | "invalid-metadata"
  | "insecure-url"
  | "suspended"
  | "not-found"
  | "no-match"
  | "http-status"
  | "network"
  | "timeout"
  | "output-exists"
  | "output-symlink"
  | "usage";

/** A refusal or failure of the client, with what went wrong and, when there is one, what to do. */
export class ClientError extends Error {
  readonly reason: ClientErrorReason;
  readonly hint: string | undefined;
  constructor(reason: ClientErrorReason, message: string, hint?: string) {
    super(message);
    this.reason = reason;
    this.hint = hint;
  }
}

/**
 * Exit code of the CLI for a client error: 1 refused (verification or policy: a signature,
 * digest, size, serial, expiry or status check failed), 3 nothing matches (unknown app, no
 * compatible version), 4 the host could not be reached or answered an error. (0 success,
 * 2 bad usage: `usage`, a command the registry's data makes ambiguous.)
 */
export function exitCodeOf(reason: ClientErrorReason): number {
  if (reason === "usage") return 2;
  if (reason === "not-found" || reason === "no-match") return 3;
  if (reason === "http-status" || reason === "network" || reason === "timeout") return 4;
  return 1;
}

/** The `too-large` refusal of a transfer that passed its cap of `maxBytes` bytes; `what` names the file. */
export function tooLargeError(what: string, maxBytes: number): ClientError {
  return new ClientError("too-large", `${what} is larger than ${maxBytes} bytes; download stopped`);
}
