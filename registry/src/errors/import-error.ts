import type { Diagnostic } from "../report/diagnostic.ts";
import { AppshelfError } from "./appshelf-error.ts";

/** Raised when an import cannot go on (bad names, invalid planned manifests), with the problems found; nothing was written. Code `import/refused`. */
export class ImportError extends AppshelfError {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[]) {
    super("import/refused", message);
    this.diagnostics = diagnostics;
  }
}
