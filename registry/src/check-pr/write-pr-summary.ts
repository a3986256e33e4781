import { summary as coreSummary } from "@actions/core";
import type { SummaryBuilder, SummaryCell } from "../report/summary-builder.ts";
import type { PrResult } from "./pr-result.ts";
import { escapeHtml } from "../report/escape-html.ts";
import { renderReportHtml } from "./render-report-html.ts";

/**
 * Writes the GitHub Actions job summary of a pull-request check: the change kinds, a
 * table of apps (versions, change kinds, problems), what each changed version will create
 * (its render report), the Helm version, and a table of problems with file and line. Text is HTML-escaped (table cells are raw HTML).
 */
export async function writePrSummary(result: PrResult, summary: SummaryBuilder = coreSummary): Promise<void> {
  const { errors, warnings } = result.counts;
  summary
    .addHeading(`Pull-request check: ${result.ok ? "passed" : "failed"}`, 2)
    .addRaw(
      `<p>${escapeHtml(`Change kinds: ${result.kinds.join(", ") || "none"}. ${plural(errors, "error")}, ${plural(warnings, "warning")}.`)}</p>`,
      true,
    );
  const problemsOf = (prefix: string) =>
    result.diagnostics.filter((d) => d.file === prefix || d.file.startsWith(`${prefix}/`));
  const rows: SummaryCell[][] = [
    [
      { data: "App", header: true },
      { data: "Versions", header: true },
      { data: "Change kinds", header: true },
      { data: "Problems", header: true },
    ],
  ];
  for (const app of result.apps) {
    const versions = app.versions
      .map((v) => escapeHtml(`${v.delivery}/${v.version} (${v.kinds.join(", ")})`))
      .join("<br>");
    rows.push([
      escapeHtml(app.id),
      versions || "-",
      escapeHtml(app.kinds.join(", ")),
      countText(problemsOf(`apps/${app.id}`)),
    ]);
  }
  if (result.registryFiles.length > 0) {
    const registryProblems = result.diagnostics.filter((d) => result.registryFiles.includes(d.file));
    rows.push([
      escapeHtml("outside apps/"),
      result.registryFiles.map(escapeHtml).join("<br>"),
      "registry-change",
      countText(registryProblems),
    ]);
  }
  if (rows.length > 1) summary.addTable(rows);
  for (const { app, delivery, version, render } of result.renders ?? []) {
    summary
      .addHeading(escapeHtml(`What ${app} ${version} (${delivery}) will create`), 3)
      .addRaw(renderReportHtml(render), true);
  }
  if (result.helm) summary.addRaw(`<p>${escapeHtml(`Helm charts judged by Helm ${result.helm}.`)}</p>`, true);
  if (result.diagnostics.length > 0) {
    summary.addHeading("Problems", 3).addTable([
      [
        { data: "Severity", header: true },
        { data: "Rule", header: true },
        { data: "Where", header: true },
        { data: "Message", header: true },
      ],
      ...result.diagnostics.map((d) => [
        d.severity,
        escapeHtml(d.ruleId),
        escapeHtml(d.line ? `${d.file}:${d.line}` : d.file),
        escapeHtml(d.hint ? `${d.message} (hint: ${d.hint})` : d.message),
      ]),
    ]);
  }
  await summary.write();
}

function countText(list: readonly { severity: string }[]): string {
  const errors = list.filter((d) => d.severity === "error").length;
  return list.length === 0 ? "none" : `${plural(errors, "error")}, ${plural(list.length - errors, "warning")}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
