/**
 * Splits an ajv `instancePath` (a JSON Pointer, RFC 6901) into property names and array
 * indexes: `/publisher/url` -> `["publisher", "url"]`, `/services/web/ports/0` ->
 * `["services", "web", "ports", 0]`; `~1` and `~0` are unescaped to `/` and `~`.
 */
export function instancePathSegments(instancePath: string): (string | number)[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
