/**
 * Every failure a user can act on: a stable `code` (what kind of failure, e.g. `usage`,
 * `input/invalid`, a client refusal reason, an archive rule id), a message saying what
 * is wrong and what was expected, and, when there is one, a `hint` saying how to fix it.
 * The CLI prints `appshelf: <message>` (and `hint: <hint>`) and maps the error to an exit
 * code in one place (`exit-codes.ts`). Internal invariants stay plain `Error`.
 */
export class AppshelfError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}

/** Bad usage: an option or argument value that cannot be right (exit code 2). */
export class UsageError extends AppshelfError {
  constructor(message: string, hint?: string) {
    super("usage", message, hint);
  }
}

/**
 * A file or value the user gave that is invalid or unreadable: a key, a ledger, a policy,
 * a publication, a download-count file, a report (exit code 2). `code` says which
 * (`input/<what>`).
 */
export class InputError extends AppshelfError {}

/**
 * The engine refused to go on rather than publish or sign something it cannot vouch for:
 * validation errors before a build, a hosted copy that cannot be found, a built folder
 * that changed before signing (exit code 2). `code` says which (`refused/<what>`).
 */
export class RefusalError extends AppshelfError {}
