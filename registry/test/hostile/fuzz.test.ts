import fc from "fast-check";
import { describe, it } from "vitest";
import { archiveInspectorProperty, infoXmlProperty, manifestLoaderProperty } from "./fuzz-properties.ts";

/**
 * Property-based tests (issue 9, "Guarantees"): the manifest loader, the info.xml reader and
 * the archive inspector on mutated real inputs. CI runs a fixed seed and a fixed number of
 * cases (a few seconds); `npm run fuzz` runs the same properties longer with a fresh seed
 * (`scripts/fuzz.ts`). A failure prints the seed and the shrunk input.
 */
const SEED = 9;

describe("fuzz: hostile inputs never crash a reader, and always give a result or errors", () => {
  it("the manifest loader (parseYaml + schemas), 400 cases", () => {
    fc.assert(manifestLoaderProperty(), { seed: SEED, numRuns: 400 });
  });

  it("the info.xml reader, 30 cases", async () => {
    await fc.assert(infoXmlProperty(), { seed: SEED, numRuns: 30 });
  });

  it("the archive inspector (readArchive inline and inspectArtifact in the worker), 100 cases", async () => {
    await fc.assert(await archiveInspectorProperty(), { seed: SEED, numRuns: 100 });
  });
});
