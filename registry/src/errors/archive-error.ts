import { AppshelfError } from "./appshelf-error.ts";

/** Refusal raised by a format reader when a limit is passed or the bytes are corrupt. */
export class ArchiveError extends AppshelfError {
  readonly ruleId: string;
  constructor(ruleId: string, message: string) {
    super(ruleId, message);
    this.ruleId = ruleId;
  }
}
