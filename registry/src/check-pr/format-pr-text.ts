import { flagText } from "./render-report-html.ts";
import { formatDiagnostic } from "../report/format-text.ts";
import type { PrResult } from "./pr-result.ts";

/**
 * Renders a pull-request check for a terminal: one line per diagnostic (as
 * `appshelf validate` prints them), then a summary:
 *
 * ```text
 * Pull request 1a2b3c4..5d6e7f8 by @octocat
 * Change kinds: new-version, registry-change
 *   wordpress: new-version
 *     compose/6.8.3: new-version
 *   outside apps/: .github/workflows/validate.yml
 * Checked 1 app, 1 version, 1 registry file (validated 1 app, 2 versions): 0 errors, 1 warning.
 * ```
 */
export function formatPrText(result: PrResult): string {
  const lines = result.diagnostics.map(formatDiagnostic);
  const by = result.author === null ? "(author unknown: ownership not checked)" : `by @${result.author}`;
  lines.push(`Pull request ${result.mergeBase.slice(0, 7)}..${result.head.sha.slice(0, 7)} ${by}`);
  lines.push(result.kinds.length === 0 ? "No changes." : `Change kinds: ${result.kinds.join(", ")}`);
  for (const app of result.apps) {
    lines.push(`  ${app.id}: ${app.kinds.join(", ") || "no change"}`);
    for (const v of app.versions) lines.push(`    ${v.delivery}/${v.version}: ${v.kinds.join(", ")}`);
  }
  if (result.registryFiles.length > 0) lines.push(`  outside apps/: ${result.registryFiles.join(", ")}`);
  for (const { app, delivery, version, render } of result.renders ?? []) {
    const objects = render.objects.map((o) => `${o.count} ${o.kind}`).join(", ");
    lines.push(
      `  ${app} ${delivery}/${version} will create: ${objects || "nothing"}; ${plural(render.images.length, "image")}; flags: ${render.flags.map(flagText).join("; ") || "none"}`,
    );
  }
  if (result.helm) lines.push(`Helm charts judged by Helm ${result.helm}.`);
  if (result.baseNames) lines.push(`Names held at the merge base: ${result.baseNames.note}.`);
  const { errors, warnings } = result.counts;
  lines.push(
    `Checked ${plural(result.apps.length, "app")}, ${plural(result.versions.length, "version")}, ${plural(result.registryFiles.length, "registry file")} (validated ${plural(result.validated.apps, "app")}, ${plural(result.validated.versions, "version")}): ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
  );
  return lines.join("\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
