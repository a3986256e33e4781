import { AppshelfError } from "./appshelf-error.ts";

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

/** A refusal or failure of the client, with what went wrong and, when there is one, what to do; `code` is the reason. */
export class ClientError extends AppshelfError {
  readonly reason: ClientErrorReason;
  constructor(reason: ClientErrorReason, message: string, hint?: string) {
    super(reason, message, hint);
    this.reason = reason;
  }
}

/** The `too-large` refusal of a transfer that passed its cap of `maxBytes` bytes; `what` names the file. */
export function tooLargeError(what: string, maxBytes: number): ClientError {
  return new ClientError("too-large", `${what} is larger than ${maxBytes} bytes; download stopped`);
}
