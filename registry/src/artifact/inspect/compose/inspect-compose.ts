import { error, hasErrors, warning, type Diagnostic } from "../../../report/diagnostic.ts";
import { renameParseRules } from "../shared/rename-parse-rules.ts";
import type { Inspector } from "../inspect-types.ts";
import { checkDependsOn } from "./check-depends-on.ts";
import { checkImages } from "./check-images.ts";
import { checkReferences } from "./check-references.ts";
import { toComposeFile, type ComposeFile } from "./compose-file.ts";
import { isMapping } from "../shared/mapping.ts";
import { toComposeMetadata } from "./compose-metadata.ts";
import { loadComposeSchema } from "./compose-schema.ts";
import { describeSchemaErrors } from "../shared/describe-schema-errors.ts";
import { resolveMergeKeys } from "./resolve-merge-keys.ts";
import { parseManifestText } from "../../../manifest/text-encoding.ts";

/** Rules run after the schema, on a Compose file that is a mapping. */
const COMPOSE_RULES: readonly ((compose: ComposeFile) => Diagnostic[])[] = [
  checkServicesPresent,
  checkImages,
  checkDependsOn,
  checkReferences,
  checkObsoleteVersion,
];

/**
 * Inspects a Compose file (the artifact itself, not an archive), per the Compose
 * Specification. Rule ids:
 * - `compose/yaml`: not YAML (duplicate keys and unknown tags included); merge keys are
 *   allowed (see resolve-merge-keys.ts).
 * - `compose/schema`: does not validate against compose-spec.json; `compose/schema-unavailable`
 *   (warning) when that reference file is missing, and the other checks still run.
 * - `compose/no-services`, then the rules of check-images.ts, check-depends-on.ts,
 *   check-references.ts; `compose/obsolete-version` (warning).
 * Diagnostics use `input.label` (e.g. `apps/gitea/compose.yaml`) as the file, with lines.
 *
 * @returns metadata `{ compose }` only when no error was found (warnings allowed)
 */
export const inspectCompose: Inspector = async (input) => {
  const parsed = parseManifestText(input.label, input.bytes.toString("utf8").replace(/^\uFEFF/, ""));
  if (parsed.diagnostics.length > 0) return { diagnostics: renameParseRules(parsed.diagnostics, "compose/yaml") };
  const data = resolveMergeKeys(parsed.data);
  const schema = await loadComposeSchema();
  const diagnostics: Diagnostic[] =
    "unavailable" in schema
      ? [
          warning(
            "compose/schema-unavailable",
            input.label,
            undefined,
            `not checked against the Compose Specification schema: ${schema.unavailable}`,
          ),
        ]
      : describeSchemaErrors(parsed, schema.check(data), "compose/schema");
  if (!isMapping(data)) {
    if (!hasErrors(diagnostics))
      diagnostics.push(
        error(
          "compose/schema",
          input.label,
          parsed.locate([]),
          "a Compose file must be a mapping with a services section",
        ),
      );
    return { diagnostics };
  }
  const compose = toComposeFile(parsed, data);
  for (const rule of COMPOSE_RULES) diagnostics.push(...rule(compose));
  return hasErrors(diagnostics) ? { diagnostics } : { diagnostics, metadata: { compose: toComposeMetadata(compose) } };
};

/** `compose/no-services`: at least one service; an app with none runs nothing. */
function checkServicesPresent(compose: ComposeFile): Diagnostic[] {
  return compose.services.length > 0
    ? []
    : [
        error(
          "compose/no-services",
          compose.parsed.file,
          compose.parsed.locate(["services"]),
          "the Compose file defines no services",
        ),
      ];
}

/**
 * `compose/obsolete-version` (warning): the top-level `version` is obsolete and ignored
 * (Compose Specification, "Version top-level element"); Compose itself warns about it.
 */
function checkObsoleteVersion(compose: ComposeFile): Diagnostic[] {
  if (compose.data.version === undefined) return [];
  return [
    warning(
      "compose/obsolete-version",
      compose.parsed.file,
      compose.parsed.locateKey(["version"]),
      "the top-level 'version' is obsolete: Compose ignores it",
      "remove it",
    ),
  ];
}
