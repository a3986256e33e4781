import { describe, expect, it } from "vitest";
import { warning } from "../../src/report/diagnostic.ts";
import { writePublishSummary } from "../../src/report/write-publish-summary.ts";
import type { SummaryBuilder, SummaryCell } from "../../src/report/summary-builder.ts";

/** Records what a job summary would hold. */
function fakeSummary(): SummaryBuilder & { parts: string[]; tables: SummaryCell[][][]; written: number } {
  const fake = {
    parts: [] as string[],
    tables: [] as SummaryCell[][][],
    written: 0,
    addHeading(text: string) {
      fake.parts.push(`# ${text}`);
      return fake;
    },
    addRaw(text: string) {
      fake.parts.push(text);
      return fake;
    },
    addTable(rows: SummaryCell[][]) {
      fake.tables.push(rows);
      return fake;
    },
    async write() {
      fake.written++;
      return fake;
    },
  };
  return fake;
}

describe("publish job summary", () => {
  it("names each version published from the ledger with its upstream gone, escaped, and the ledger's counts", async () => {
    const summary = fakeSummary();
    const dead = warning(
      "artifact/unavailable",
      "apps/redis/versions/helm/23.1.1.yaml",
      { line: 8, column: 8 },
      "https://h/<redis>.tgz is no longer served (HEAD answered HTTP 404); unavailable since 2026-12-08",
    );
    await writePublishSummary(
      {
        serial: 42,
        expires: "2026-12-22T04:23:00Z",
        apps: 3,
        versions: 3,
        ledgerNote: "restored 3 ledger entries from https://x/ledger.json (serial 41)",
        artifactsFresh: 0,
        artifactsFromLedger: 3,
        unavailable: [dead],
      },
      summary,
    );
    expect(summary.written).toBe(1);
    expect(summary.parts).toEqual([
      "# Publish: serial 42",
      "<p>3 apps, 3 versions; index expires 2026-12-22T04:23:00Z.</p>",
      "<p>Verification ledger: restored 3 ledger entries from https://x/ledger.json (serial 41). 0 artifacts checked fresh, 3 taken from the ledger.</p>",
      "# Unavailable upstream (1)",
    ]);
    expect(summary.tables[0]?.[1]).toEqual([
      "apps/redis/versions/helm/23.1.1.yaml:8",
      "https://h/&lt;redis&gt;.tgz is no longer served (HEAD answered HTTP 404); unavailable since 2026-12-08",
    ]);
  });

  it("has no unavailable table when every upstream answers", async () => {
    const summary = fakeSummary();
    await writePublishSummary(
      { serial: 1, expires: "2026-12-22T04:23:00Z", apps: 1, versions: 1, unavailable: [] },
      summary,
    );
    expect(summary.tables).toEqual([]);
  });
});
