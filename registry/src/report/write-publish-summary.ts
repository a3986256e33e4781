import { summary as coreSummary } from "@actions/core";
import type { Diagnostic } from "./diagnostic.ts";
import { escapeHtml } from "./escape-html.ts";
import type { SummaryBuilder } from "./summary-builder.ts";

/** What a publish reports about itself. */
export interface PublishReport {
  serial: number;
  expires: string;
  apps: number;
  versions: number;
  /** How the verification ledger was restored (see `restoreLedger`), when one is kept. */
  ledgerNote?: string;
  /** Artifacts checked fresh (downloaded) and taken from the ledger. */
  artifactsFresh?: number;
  artifactsFromLedger?: number;
  /** The `artifact/unavailable` warnings: versions published from the ledger whose URL is gone. */
  unavailable: readonly Diagnostic[];
}

/**
 * Writes the GitHub Actions job summary of a publish: serial, expiry, counts, the ledger,
 * and a table of versions whose upstream is gone (published from the ledger, marked
 * unavailable), so a dead link is seen without failing the publish. Text is HTML-escaped.
 */
export async function writePublishSummary(report: PublishReport, summary: SummaryBuilder = coreSummary): Promise<void> {
  summary
    .addHeading(`Publish: serial ${report.serial}`, 2)
    .addRaw(
      `<p>${escapeHtml(`${report.apps} apps, ${report.versions} versions; index expires ${report.expires}.`)}</p>`,
      true,
    );
  if (report.ledgerNote !== undefined) {
    const counts =
      report.artifactsFresh === undefined
        ? ""
        : ` ${report.artifactsFresh} artifacts checked fresh, ${report.artifactsFromLedger ?? 0} taken from the ledger.`;
    summary.addRaw(`<p>${escapeHtml(`Verification ledger: ${report.ledgerNote}.${counts}`)}</p>`, true);
  }
  if (report.unavailable.length > 0) {
    summary.addHeading(`Unavailable upstream (${report.unavailable.length})`, 3).addTable([
      [
        { data: "Version file", header: true },
        { data: "What happened", header: true },
      ],
      ...report.unavailable.map((d) => [escapeHtml(d.line ? `${d.file}:${d.line}` : d.file), escapeHtml(d.message)]),
    ]);
  }
  await summary.write();
}
