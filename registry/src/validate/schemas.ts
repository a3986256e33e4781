/**
 * Moved to `json/schemas.ts` (below every engine folder). Kept only for `site/`, which
 * imports it by path until it reads the engine through `registry/src/api.ts`.
 *
 * @deprecated import `schemaCheck` from `registry/src/api.ts` (or `json/schemas.ts` inside the engine)
 */
export { schemaCheck, type SchemaKind } from "../json/schemas.ts";
