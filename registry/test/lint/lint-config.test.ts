import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { biomeConfigText } from "../../../lint/biome-config.ts";
import { LAYER_RULES } from "../../../lint/layer-rules.ts";
import { withLayerTable } from "../../../lint/layer-table.ts";
import { REPO_ROOT, tempDir } from "../temp-registry.ts";
import { cycleProbes, lintProbes, probesOf, type Probe } from "./lint-probes.ts";

// The import rules live in lint/layer-rules.ts; biome.json and the doc's table are generated from them.

describe("lint configuration", () => {
  it("biome.json is what lint/layer-rules.ts generates (run npm run gen:lint after changing a rule)", async () => {
    expect(await readFile(path.join(REPO_ROOT, "biome.json"), "utf8")).toBe(biomeConfigText());
  });

  it("docs/architecture.md shows the same table of layers and allowed imports", async () => {
    const doc = await readFile(path.join(REPO_ROOT, "docs/architecture.md"), "utf8");
    expect(doc).toBe(withLayerTable(doc));
  });

  it("every folder a rule names exists, so no rule binds nothing", () => {
    const named = LAYER_RULES.flatMap((r) => [...r.scope, ...(r.except ?? [])]);
    expect(named.filter((folder) => !existsSync(path.join(REPO_ROOT, folder)))).toEqual([]);
  });
});

describe("Biome reports a break of every rule", () => {
  it("flags each forbidden import of each rule in each folder it binds, and nothing else", async () => {
    const dir = await tempDir();
    const probes: Probe[] = [
      ...LAYER_RULES.flatMap(probesOf),
      ...cycleProbes("registry/src/lint-probe-cycle"),
      ...cycleProbes("site/src/lib"),
    ];
    const diagnostics = await lintProbes(dir, probes);
    const seen = (file: string, line: number) =>
      diagnostics.filter((d) => d.location.path === file && d.location.start.line === line);
    for (const probe of probes) {
      probe.expect.forEach((message, i) => {
        const found = seen(probe.file, i + 1);
        const where = `${probe.file}:${i + 1} ${probe.lines[i]}`;
        if (message === undefined) expect(found, where).toEqual([]);
        else {
          expect(
            found.map((d) => d.category),
            where,
          ).toContain(probe.category);
          if (probe.category === "lint/style/noRestrictedImports")
            expect(found.map((d) => d.message).join("\n"), where).toContain(message);
        }
      });
    }
    expect(probes.length).toBeGreaterThan(LAYER_RULES.length);
  });
});
