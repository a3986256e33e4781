import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { inspectArtifact } from "../../src/artifact/inspect/inspect-artifact.ts";
import type { NextcloudMetadata } from "../../src/artifact/inspect/inspect-types.ts";
import { checkMetadataText } from "../../src/artifact/inspect/republish/check-metadata-text.ts";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import type { VersionManifest } from "../../src/manifest/types.ts";
import { corpusEntries, REPO_ROOT, tarGzOf } from "./hostile-archives.ts";

/**
 * Republished text (issue 13, class 10): what the registry copies out of an artifact into
 * helm/index.yaml, shards and the Nextcloud API passes the manifests' hidden-character and
 * URL rules. Generated: hostile values (terminal escapes, bidi and zero-width characters,
 * `javascript:`/`data:`/`http:` URLs in any case, look-alike hosts) put into each
 * republished field of the real Harbor chart's Chart.yaml, and of Notes' metadata.
 */
const HIDDEN = [
  "\u001b[31m",
  "\u001b]8;;https://evil.example\u0007",
  "\u202e",
  "\u200b",
  "\u2066",
  "\u0000",
  "\u0085",
  "\ufeff",
];
const BAD_URLS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:x",
  "file:///etc/passwd",
  "http://example.org",
  "//evil.example/x",
  "https://ex\u0430mple.org",
  "https://example.org/\u202e",
];

/** A Chart.yaml field and a hostile value for it, with the rule that must refuse it. */
const hostileField = fc.oneof(
  fc
    .tuple(fc.constantFrom("home", "icon", "sources.0", "maintainers.0.url"), fc.constantFrom(...BAD_URLS))
    .map(([field, value]) => ({ field, value, rule: /^(url\/https|string\/hidden-characters)$/ })),
  fc
    .tuple(
      fc.constantFrom(
        "description",
        "home",
        "icon",
        "sources.0",
        "maintainers.0.url",
        "maintainers.0.name",
        "keywords.0",
        "annotations.category",
        "appVersion",
      ),
      fc.constantFrom(...HIDDEN),
      fc.constantFrom("Harbor", "https://goharbor.io"),
    )
    .map(([field, hidden, around]) => ({
      field,
      value: `${around}${hidden}${around}`,
      rule: /^string\/hidden-characters$/,
    })),
);

function setField(chart: Record<string, unknown>, field: string, value: string): void {
  const keys = field.split(".");
  let node = chart as Record<string, unknown>;
  for (const [i, key] of keys.entries()) {
    if (i === keys.length - 1) node[key] = value;
    else node = (node[key] ??= /^\d+$/.test(keys[i + 1] ?? "") ? [] : {}) as Record<string, unknown>;
  }
  if (field.startsWith("maintainers"))
    (chart.maintainers as Record<string, unknown>[])[0] = {
      name: "x",
      ...(chart.maintainers as Record<string, unknown>[])[0],
    };
}

describe("republished text: Chart.yaml fields pass the manifests' rules", () => {
  it("refuses hostile values in every field helm/index.yaml republishes, and keeps no metadata (generated, 40 cases)", async () => {
    const entries = await corpusEntries("helm/published/harbor-1.19.1.tgz");
    const file = "apps/harbor/versions/helm/1.19.1.yaml";
    const manifest = parseYaml(file, readFileSync(path.join(REPO_ROOT, file), "utf8"));
    const original = parse(String(entries.find((e) => e.path === "harbor/Chart.yaml")?.data ?? "")) as Record<
      string,
      unknown
    >;
    await fc.assert(
      fc.asyncProperty(hostileField, async ({ field, value, rule }) => {
        const chart = structuredClone(original);
        setField(chart, field, value);
        const bytes = tarGzOf(
          entries.map((e) => (e.path === "harbor/Chart.yaml" ? { ...e, data: stringify(chart) } : e)),
        );
        const result = await inspectArtifact({
          bytes,
          label: "harbor-1.19.1.tgz",
          appId: "harbor",
          version: manifest.data as VersionManifest,
          manifest,
        });
        expect(result.metadata, `${field}: ${JSON.stringify(value)}`).toBeUndefined();
        const refusals = result.diagnostics.filter(
          (d) => d.file === "harbor-1.19.1.tgz!harbor/Chart.yaml" && rule.test(d.ruleId),
        );
        expect(
          refusals.length,
          `${field}: ${JSON.stringify(value)} ${JSON.stringify(result.diagnostics)}`,
        ).toBeGreaterThan(0);
        expect(refusals[0]?.line).toBeGreaterThan(0);
      }),
      { seed: 13, numRuns: 40 },
    );
  });

  it("the real Harbor chart still passes", async () => {
    const file = "apps/harbor/versions/helm/1.19.1.yaml";
    const manifest = parseYaml(file, readFileSync(path.join(REPO_ROOT, file), "utf8"));
    const bytes = tarGzOf(await corpusEntries("helm/published/harbor-1.19.1.tgz"));
    const result = await inspectArtifact({
      bytes,
      label: "harbor-1.19.1.tgz",
      appId: "harbor",
      version: manifest.data as VersionManifest,
      manifest,
    });
    expect(result.metadata).toBeDefined();
  });
});

describe("republished text: every other metadata string (Nextcloud, Compose, VM)", () => {
  const notes: NextcloudMetadata = {
    id: "notes",
    name: { en: "Notes" },
    summary: { en: "Distraction-free notes" },
    version: "6.0.2",
    licences: ["agpl"],
    authors: [{ name: "Kristof Hamann", homepage: "https://github.com/korelstar" }],
    categories: ["office"],
    screenshots: ["https://raw.githubusercontent.com/nextcloud/notes/main/screenshots/1.png"],
    website: "https://github.com/nextcloud/notes",
    bugs: "https://github.com/nextcloud/notes/issues",
    repository: "https://github.com/nextcloud/notes",
    nextcloud: { min: "30" },
  };

  it("accepts the real Notes metadata", () => {
    expect(checkMetadataText({ nextcloud: notes }, "notes.tar.gz")).toEqual([]);
  });

  it("refuses a hostile value in any string of it (generated, 200 cases)", () => {
    const fields = [
      "name.en",
      "summary.en",
      "authors.0.name",
      "authors.0.homepage",
      "screenshots.0",
      "website",
      "bugs",
      "categories.0",
      "version",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.oneof(
          fc.constantFrom(...BAD_URLS.filter((u) => !u.startsWith("http") && !u.startsWith("//"))),
          fc.constantFrom(...HIDDEN).map((h) => `Notes${h}`),
        ),
        (field, value) => {
          const metadata = structuredClone(notes) as unknown as Record<string, unknown>;
          setField(metadata, field, value);
          const refused = checkMetadataText({ nextcloud: metadata as unknown as NextcloudMetadata }, "notes.tar.gz");
          expect(
            refused.map((d) => d.ruleId).filter((r) => r === "url/https" || r === "string/hidden-characters").length,
            `${field} ${JSON.stringify(value)}`,
          ).toBeGreaterThan(0);
        },
      ),
      { seed: 13, numRuns: 200 },
    );
  });

  it("refuses http:// and look-alike hosts in link fields", () => {
    for (const website of ["http://example.org", "https://ex\u0430mple.org"])
      expect(checkMetadataText({ nextcloud: { ...notes, website } }, "notes.tar.gz").map((d) => d.ruleId)).toEqual([
        "url/https",
      ]);
  });
});
