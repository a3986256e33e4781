import { AppshelfError } from "./appshelf-error.ts";

/** Why a download failed; `reason` is a stable id used in rule ids; `code` is that rule id (`artifact/<reason>`). */
export class FetchError extends AppshelfError {
  readonly reason:
    | "insecure-url"
    | "private-address"
    | "too-many-redirects"
    | "http-status"
    | "too-large"
    | "length-mismatch"
    | "malformed-response"
    | "timeout"
    | "network";
  /** The HTTP status of an `http-status` failure. */
  readonly status?: number;
  constructor(reason: FetchError["reason"], message: string, status?: number) {
    super(`artifact/${reason}`, message);
    this.reason = reason;
    if (status !== undefined) this.status = status;
  }
}
