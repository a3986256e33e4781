import fc from "fast-check";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { HelmMetadata } from "../artifact/inspect/inspect-types.ts";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";
import { buildHelmIndex, helmEntryFields, type HelmChartVersion } from "./build-helm-index.ts";

/** The index as one object given to one `yaml.stringify` (no aliases): what the entry-by-entry rendering must equal byte for byte. */
function wholeIndex(charts: readonly HelmChartVersion[]): string {
  const entries: Record<string, Record<string, unknown>[]> = {};
  const usable = charts.filter(
    (c) => c.app.status === "active" && c.version.status === "released" && c.version.delivery === "helm",
  );
  for (const c of usable) {
    const name = c.chart?.chart ?? c.version.chart ?? c.app.id;
    (entries[name] ??= []).push(helmEntryFields(name, c));
  }
  const sorted: Record<string, Record<string, unknown>[]> = {};
  for (const name of Object.keys(entries).sort())
    sorted[name] = (entries[name] ?? []).sort((a, b) => semver.rcompare(String(a.version), String(b.version)));
  const created = usable.map((c) => `${c.version.released}T00:00:00Z`).sort();
  return stringify(
    { apiVersion: "v1", entries: sorted, generated: created.at(-1) ?? "1970-01-01T00:00:00Z" },
    { lineWidth: 0, aliasDuplicateObjects: false },
  );
}

const text = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9 .:#'"-]{0,20}$/),
  fc.stringMatching(/^[A-Za-z0-9_.\/(][\x20-\x7e]{0,16}$/),
  fc.stringMatching(/^[\x20-\x7e]{1,12}$/),
  fc.stringMatching(/^[-?:,\[\]{}#&*!|>'"%@` ~0-9.][\x20-\x7e]{0,8}$/),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "yes",
    "1.10",
    "0x1F",
    ".inf",
    "null",
    "~",
    "",
    "a\nb",
    "a\n\nb\n",
    "a\n  b\n",
    " lead",
    "trail ",
    "a  b",
    "- x",
    "#c",
    "a:",
    "a: b",
    "a #b",
    "https://x.org/a:b",
    "(a)",
    "/a",
    ">=1.25.0-0",
  ),
);
const spec = fc.record({
  id: fc.constantFrom("alpha", "beta", "123", "true", "gamma-1"),
  chartName: fc.option(fc.constantFrom("alpha", "shared", "007"), { nil: undefined }),
  version: fc
    .tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.constantFrom("", "-rc.1", "+b"))
    .map(([a, b, c, d]) => `${a}.${b}.${c}${d}`),
  released: fc.constantFrom("2025-01-02", "2026-05-27"),
  status: fc.constantFrom("released", "released", "suspended"),
  delivery: fc.constantFrom("helm", "helm", "compose"),
  summary: text,
  keywords: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
  website: fc.option(fc.constant("https://example.org"), { nil: undefined }),
  description: fc.option(text, { nil: undefined }),
  dependencies: fc.array(fc.record({ name: text, version: text }), { maxLength: 2 }),
  appVersion: fc.option(text, { nil: undefined }),
});

function chartOf(s: typeof spec extends fc.Arbitrary<infer T> ? T : never, shared: string[]): HelmChartVersion {
  const app = {
    id: s.id,
    status: "active",
    summary: { en: s.summary },
    keywords: s.keywords ?? shared,
    ...(s.website ? { links: { website: s.website } } : {}),
  } as unknown as AppManifest;
  const version = {
    version: s.version,
    delivery: s.delivery,
    status: s.status,
    released: s.released,
    artifact: { url: "https://x.org/a.tgz", sha256: "a".repeat(64) },
    ...(s.chartName ? { chart: s.chartName } : {}),
    ...(s.appVersion !== undefined ? { appVersion: s.appVersion } : {}),
  } as unknown as VersionManifest;
  const chart =
    s.description === undefined
      ? undefined
      : ({
          apiVersion: "v2",
          chart: s.chartName ?? s.id,
          description: s.description,
          keywords: [],
          sources: [],
          maintainers: [],
          dependencies: s.dependencies,
        } as unknown as HelmMetadata);
  return { app, version, url: "https://x.org/a.tgz", ...(chart ? { chart } : {}) };
}

describe("buildHelmIndex", () => {
  it("writes the same bytes as yaml.stringify of the whole index (without anchors: shared objects are written out)", () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 8 }), (specs) => {
        const shared = ["one", "two"];
        const charts = specs.map((s) => chartOf(s, shared));
        expect(buildHelmIndex(charts).toString("utf8")).toBe(wholeIndex(charts));
      }),
      { numRuns: 3000 },
    );
  });

  it("writes an empty index", () => {
    expect(buildHelmIndex([]).toString("utf8")).toBe("apiVersion: v1\nentries: {}\ngenerated: 1970-01-01T00:00:00Z\n");
  });
});
