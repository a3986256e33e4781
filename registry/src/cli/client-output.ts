import {
  type AppShard,
  type CatalogEntry,
  DELIVERY_TYPES,
  type PullReport,
  type Registry,
  type Suspension,
  type VerifiedFile,
} from "../client/client.ts";
import { formatVersionReview } from "./format-review.ts";

/** The line saying which index was accepted and why it was trusted. */
export function formatIndexLine(registry: Registry): string {
  const { index } = registry;
  const trust = registry.signedBy
    ? `signature by trusted key ${registry.signedBy} verified`
    : "UNSIGNED (accepted with --allow-unsigned)";
  const fresh = registry.notModified ? ", unchanged since last read (HTTP 304)" : "";
  return `index.json  ${registry.source.location}: serial ${index.serial}, expires ${index.expires}, ${trust}${fresh}`;
}

/** One line per pinned file read: path, digest verdict, size and what pinned it. */
export function formatVerified(files: readonly VerifiedFile[]): string[] {
  return files.map(
    (f) =>
      `${f.path}  sha256 ${f.sha256} ok, ${f.size} bytes ok (pinned by ${f.pinnedBy})${f.cached ? " [from cache]" : ""}`,
  );
}

/** What `appshelf pull` verified and wrote. */
export function formatPull(registry: Registry, report: PullReport): string {
  const v = report.version;
  const lines = [formatIndexLine(registry), ...formatVerified(report.verified)];
  for (const s of report.skipped) lines.push(`skipped ${report.id} ${s.version}: ${s.reason}`);
  lines.push(
    `${report.id} ${v.version} (${v.delivery}${v.appVersion ? `, app ${v.appVersion}` : ""}), released ${v.released}${v.status === "suspended" ? ", SUSPENDED (accepted with --allow-suspended)" : ""}`,
  );
  const from = report.artifact.from !== report.url ? ` (read from ${report.artifact.from})` : "";
  lines.push(
    `artifact  ${report.url}${from}: sha256 ${report.artifact.sha256} ok, ${report.artifact.size} bytes ok (pinned by the shard)`,
  );
  lines.push(`Wrote ${report.artifact.file}`);
  return `${lines.join("\n")}\n`;
}

/** `appshelf search` results: id, latest version per delivery type, summary. */
export function formatSearch(apps: readonly CatalogEntry[]): string {
  if (apps.length === 0) return "No app matches.\n";
  const rows = apps.map((a) => [
    a.id,
    DELIVERY_TYPES.filter((d) => a.latest[d])
      .map((d) => `${d} ${a.latest[d]?.version}`)
      .join(", ") || "-",
    `${a.summary.en}${a.status === "suspended" ? " [suspended]" : ""}`,
  ]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return `${rows.map((r) => `${(r[0] ?? "").padEnd(widths[0] ?? 0)}  ${(r[1] ?? "").padEnd(widths[1] ?? 0)}  ${r[2]}`).join("\n")}\n`;
}

/** `appshelf show`: an app's facts and every version with status, compatibility and digest. */
export function formatShow(shard: AppShard): string {
  const lines = [
    `${shard.name.en} (${shard.id})${shard.status === "suspended" ? " [suspended]" : ""}`,
    ...(shard.status === "suspended" && shard.suspension ? [suspendedLine(shard.suspension)] : []),
    shard.summary.en,
    `publisher: ${shard.publisher.name} <${shard.publisher.url}> (${shard.publisher.verified ? "verified" : "unverified"})`,
    `license: ${shard.license}`,
    `categories: ${shard.categories.join(", ")}`,
  ];
  for (const delivery of DELIVERY_TYPES) {
    const versions = shard.versions.filter((v) => v.delivery === delivery);
    if (versions.length === 0) continue;
    lines.push(`${delivery}:`);
    for (const v of versions) {
      const compat = Object.entries(v.compatibility ?? {})
        .map(([k, r]) => `${k} ${r}`)
        .join(", ");
      lines.push(
        `  ${v.version}  ${v.status} ${v.released}${v.appVersion ? `  app ${v.appVersion}` : ""}${compat ? `  needs ${compat}` : ""}`,
      );
      if (v.status === "suspended" && v.suspension) lines.push(`    ${suspendedLine(v.suspension)}`);
      if (v.packagedBy)
        lines.push(`    packaged by ${v.packagedBy.name} (${v.packagedBy.verified ? "verified" : "unverified"})`);
      lines.push(
        `    ${v.artifact.url}  sha256 ${v.artifact.sha256}${v.artifact.size !== undefined ? `  ${v.artifact.size} bytes` : ""}`,
      );
      lines.push(...formatVersionReview(v));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** `suspended on <date> by pull request #<n>: <reason>` (the admins' record, from the index). */
function suspendedLine(s: Suspension): string {
  return `suspended on ${s.date} by pull request #${s.pullRequest}: ${s.reason}`;
}
