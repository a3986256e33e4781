import { createHash } from "node:crypto";
import type { InspectTools } from "../artifact/inspect/inspect-types.ts";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import { probeArtifact, type ProbeResult } from "../artifact/probe-artifact.ts";
import { verifyArtifact, type ArtifactOptions } from "../artifact/verify-artifacts.ts";
import { decideLedgerUse, nextUnavailableSince } from "../ledger/decide-ledger-use.ts";
import type { LedgerContext, LedgerEntry } from "../ledger/ledger-types.ts";
import { hostedFileName } from "../manifest/hosted-file-name.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { versionKey, type AppManifest, type VersionManifest } from "../manifest/types.ts";
import { hasErrors, warning, type Diagnostic } from "../report/diagnostic.ts";
import type { VersionFacts } from "./rules/index.ts";

/** Outcome of one version's artifact check. */
export interface VersionArtifactCheck {
  folder: string;
  /** `<delivery>/<version>`. */
  key: string;
  diagnostics: Diagnostic[];
  verified: boolean;
  metadata?: ArtifactMetadata;
  /** The ledger entry to publish for this artifact: a fresh check that passed, or the reused one. */
  ledgerEntry?: LedgerEntry;
  /** YYYY-MM-DD: the version is published from the ledger, its URL gone since then. */
  unavailableSince?: string;
}

/**
 * Verifies a version's artifact and, when its bytes match, inspects it as its delivery
 * type. With a ledger (`ledger`), a URL artifact whose check is recorded for the same
 * digest, URL, size, manifest and tools is not downloaded again: its host is only asked
 * whether it still serves it (HEAD, when `ledger.probe`), and a host that no longer does
 * leaves the version published from the ledger, marked unavailable (warning
 * `artifact/unavailable`). A new or changed version is always checked fresh, and fails as
 * before when its artifact cannot be read. Only fresh checks without errors are recorded.
 * A copy the registry hosts (`hosted: true`, bytes published nowhere else) is recorded as
 * `hosted:<file name>` and reused without asking any host: the build then reads its bytes
 * from the cache, a mirror or the previous publish, digest checked (`addHostedCopies`).
 * `tools` reach the inspectors (the Helm binary, strictness when one is missing).
 */
export async function checkVersionArtifact(
  folder: string,
  version: VersionFacts,
  options: ArtifactOptions,
  ledger?: LedgerContext,
  tools?: InspectTools,
  app?: { data: AppManifest; parsed: ParsedYaml },
): Promise<VersionArtifactCheck> {
  const { artifact, delivery } = version.data;
  const key = versionKey({
    delivery: delivery ?? version.folder,
    version: version.data.version ?? version.fileVersion,
  });
  if (!artifact) return { folder, key, diagnostics: [], verified: false };
  // A copy this registry hosts (`hosted: true`) is recorded under `hosted:<file name>`: it has no upstream to ask.
  const hosted = artifact.hosted === true && artifact.url === undefined;
  const ledgerUrl = hosted ? `hosted:${hostedFileName(version.parsed.file, artifact)}` : artifact.url;
  const claim =
    ledger && ledgerUrl !== undefined && artifact.sha256 !== undefined && version.valid
      ? {
          url: ledgerUrl,
          sha256: artifact.sha256,
          size: artifact.size,
          manifest: manifestHash(folder, version, app?.data.nextcloud?.certificate),
        }
      : undefined;
  const entry = claim && ledger ? ledger.entries[claim.sha256] : undefined;
  const use = claim && ledger ? decideLedgerUse(claim, entry, ledger.tools) : "fresh";
  if (use === "reuse" && entry && ledger) {
    const probe: ProbeResult = hosted
      ? { state: "unknown", detail: "a hosted copy: the build reads it back by digest" }
      : ledger.probe
        ? await probeArtifact(entry.url, options.limits)
        : { state: "unknown", detail: "not asked (offline)" };
    return fromLedger(folder, key, version, entry, probe, ledger);
  }
  const check = await verifyArtifact(`apps/${folder}`, version, artifact, options);
  if (!check.bytes || !version.valid) {
    if (use === "fallback" && entry && ledger)
      return fromLedger(
        folder,
        key,
        version,
        entry,
        // A hosted copy's bytes are not here, but it is ours: the build reads it back from the last publish by digest.
        { state: hosted ? "unknown" : "gone", detail: check.diagnostics.map((d) => d.message).join("; ") },
        ledger,
      );
    return { folder, key, diagnostics: check.diagnostics, verified: check.verified };
  }
  // The inspectors (Helm, Nextcloud, Compose, OpenPitrix, with `tar`, `fast-xml-parser`, the
  // certificate checks and the Helm binary's resolution) are imported for the first artifact
  // with bytes to inspect (the module loader keeps them): a run that answers every version
  // from the ledger or offline never loads them (a validation thread's engine import: 330 ->
  // 234 ms of CPU with Node's compile cache).
  const { inspectArtifact } = await import("../artifact/inspect/inspect-artifact.ts");
  const inspected = await inspectArtifact({
    bytes: check.bytes,
    label: check.label ?? folder,
    appId: folder,
    version: version.data as VersionManifest,
    manifest: version.parsed,
    ...(tools ? { tools } : {}),
    ...(app ? { app } : {}),
  });
  const result: VersionArtifactCheck = {
    folder,
    key,
    diagnostics: [...check.diagnostics, ...inspected.diagnostics],
    verified: check.verified,
  };
  if (inspected.metadata) result.metadata = inspected.metadata;
  if (claim && ledger && check.verified && !hasErrors(inspected.diagnostics)) {
    result.ledgerEntry = {
      url: claim.url,
      sha256: claim.sha256,
      size: check.bytes.length,
      manifest: claim.manifest,
      inspection: {
        diagnostics: inspected.diagnostics,
        ...(inspected.metadata ? { metadata: inspected.metadata } : {}),
      },
      tools: ledger.tools,
      verifiedAt: ledger.now,
    };
  }
  return result;
}

/** A version checked from its ledger entry, after what its host said (see {@link nextUnavailableSince}). */
function fromLedger(
  folder: string,
  key: string,
  version: VersionFacts,
  entry: LedgerEntry,
  probe: ProbeResult,
  ledger: LedgerContext,
): VersionArtifactCheck {
  const since = nextUnavailableSince(entry, probe.state, ledger.now.slice(0, 10));
  const { unavailableSince: _old, ...rest } = entry;
  const kept: LedgerEntry = since ? { ...rest, unavailableSince: since } : rest;
  const diagnostics = [...entry.inspection.diagnostics];
  if (since) {
    diagnostics.push(
      warning(
        "artifact/unavailable",
        version.parsed.file,
        version.parsed.locate(["artifact", "url"]),
        `${entry.url} is no longer served (${probe.detail}); this version stays published from the verification ledger (checked ${entry.verifiedAt}), marked unavailable since ${since}`,
        "point the manifest at a new copy of the same bytes (same sha256 and size), or suspend the version",
      ),
    );
  }
  const result: VersionArtifactCheck = { folder, key, diagnostics, verified: true, ledgerEntry: kept };
  if (entry.inspection.metadata) result.metadata = entry.inspection.metadata;
  if (since) result.unavailableSince = since;
  return result;
}

/**
 * SHA-256 of what an artifact check is made for: app id, version file and the manifest's
 * data, and the app's Nextcloud code-signing certificate (a new certificate is checked fresh).
 */
export function manifestHash(folder: string, version: VersionFacts, certificate?: string): string {
  const parts: unknown[] = [folder, version.parsed.file, version.data];
  if (certificate !== undefined) parts.push(certificate);
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
