import type { FuzzProperty } from "./fuzz-property.ts";
import { valuesSchemaProperty } from "./json-schemas.ts";
import { markdownNestingProperty } from "./markdown-nesting.ts";
import { paxArchivesProperty } from "./pax-archives.ts";
import { svgNamespacesProperty } from "./svg-namespaces.ts";

/** Every property with its own generator in this folder, run by `npm run fuzz` (issue 13). Add one line per new generator. */
export const FUZZ_PROPERTIES: readonly FuzzProperty[] = [
  paxArchivesProperty,
  valuesSchemaProperty,
  markdownNestingProperty,
  svgNamespacesProperty,
];
