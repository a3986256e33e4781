import { MarkdownError } from "../../errors/markdown-error.ts";
import { renderMarkdown } from "../../markdown/render-markdown.ts";
import type { ParsedYaml } from "../../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../../report/diagnostic.ts";
import type { AppRule } from "./facts.ts";

/**
 * `description/too-deep` and `description/unrenderable`: every Markdown text of an app (its
 * `description`, each version's `changelog`, every language) is rendered exactly as the
 * catalog renders it (`markdown/render-markdown.ts`, shared with `site/src/lib/markdown.ts`),
 * and refused when that cannot be done: nested deeper than `MAX_MARKDOWN_DEPTH`, or the
 * renderer fails. A description that passes here never breaks the site build.
 */
export const markdownRenders: AppRule = ({ app, versions }) => {
  const diagnostics: Diagnostic[] = [];
  if (app) diagnostics.push(...renderEach(app.parsed, "description", app.data.description));
  for (const version of versions) diagnostics.push(...renderEach(version.parsed, "changelog", version.data.changelog));
  return diagnostics;
};

function renderEach(
  parsed: ParsedYaml,
  field: string,
  texts: Readonly<Record<string, string>> | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [lang, text] of Object.entries(texts ?? {})) {
    try {
      renderMarkdown(text);
    } catch (cause) {
      if (!(cause instanceof MarkdownError)) throw cause;
      diagnostics.push(
        error(
          `description/${cause.reason}`,
          parsed.file,
          parsed.locate([field, lang]),
          `${field} (${lang}): ${cause.message}`,
          "flatten the quotes and lists: the catalog cannot show it",
        ),
      );
    }
  }
  return diagnostics;
}
