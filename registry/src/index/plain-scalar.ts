import { isScalar, Schema, type ScalarTag } from "yaml";

/** `yaml`'s core-schema scalar tags, in the order it tries them. */
const CORE_TAGS = new Schema({ schema: "core", merge: false, resolveKnownTags: false }).tags.filter(
  (tag): tag is ScalarTag =>
    !("collection" in tag && tag.collection) && tag.default === true && "test" in tag && tag.test instanceof RegExp,
);

/**
 * A plain scalar as `yaml` resolves it under the core schema (null, bool, int, float, else
 * the string), by `yaml`'s own tags: so the Helm index writer knows when a string must be
 * quoted to be read back as a string. Pure.
 */
export function resolvePlain(text: string): unknown {
  for (const tag of CORE_TAGS) {
    if (!tag.test?.test(text)) continue;
    const resolved: unknown = tag.resolve(text, () => {}, { intAsBigInt: false } as never);
    return isScalar(resolved) ? resolved.value : resolved;
  }
  return text;
}
