import { addressFuzzTargets } from "./address-generators.ts";
import type { FuzzTarget } from "./fuzz-target.ts";
import { readerFuzzTargets } from "./fuzz-properties.ts";
import { jsonSchemaFuzzTargets } from "./fuzz/json-schemas.ts";
import { markdownFuzzTargets } from "./fuzz/markdown-nesting.ts";
import { paxFuzzTargets } from "./fuzz/pax-archives.ts";
import { svgFuzzTargets } from "./fuzz/svg-namespaces.ts";
import { yamlUnicodeFuzzTargets } from "./yaml-unicode.ts";

/**
 * Every generator module's fuzz targets, in the order `npm run fuzz` runs them. Adding a
 * generator module is one import and one entry here; `fuzz.test.ts` checks that the script
 * lists every target and that CI runs each one.
 */
export const FUZZ_MODULES: readonly (readonly FuzzTarget[])[] = [
  readerFuzzTargets,
  addressFuzzTargets,
  yamlUnicodeFuzzTargets,
  // issue 13, classes 1-4 (hostile-a): one generator per file in fuzz/
  paxFuzzTargets,
  jsonSchemaFuzzTargets,
  markdownFuzzTargets,
  svgFuzzTargets,
];

/** All targets, flattened; names are unique. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = FUZZ_MODULES.flat();
