import { AppshelfError } from "./appshelf-error.ts";

/** Why a Markdown text cannot be rendered: too deeply nested, or the renderer failed. */
export class MarkdownError extends AppshelfError {
  readonly reason: "too-deep" | "unrenderable";
  constructor(reason: MarkdownError["reason"], message: string) {
    super(`markdown/${reason}`, message);
    this.reason = reason;
  }
}
