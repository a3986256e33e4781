import type { Diagnostic } from "../report/diagnostic.ts";

/** Raised when an import cannot go on (bad names, invalid planned manifests); nothing was written. */
export class ImportError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[]) {
    super(message);
    this.diagnostics = diagnostics;
  }
}
