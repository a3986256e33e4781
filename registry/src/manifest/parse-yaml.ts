import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type DocumentOptions,
  type Node,
  type Pair,
  type ParseOptions,
  type SchemaOptions,
  type YAMLMap,
} from "yaml";
import { error, type Diagnostic, type Position } from "../report/diagnostic.ts";
import { positionTable, type PositionTable } from "./position-table.ts";

/** Largest manifest accepted, in bytes. Real manifests are a few KB; this stops memory abuse. */
export const MAX_MANIFEST_BYTES = 262_144;

/** Most aliases a manifest may expand (guards against "billion laughs" alias bombs). */
const MAX_ALIAS_COUNT = 50;

/**
 * How every manifest is parsed: the YAML 1.2 core schema (so `yes` stays a string and
 * timestamps are not converted), duplicate keys as errors, no merge keys, and no YAML 1.1
 * tags (otherwise `yaml` resolves !!binary, !!set, !!omap, !!timestamp even under the core
 * schema).
 */
export const YAML_PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: "core",
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
  merge: false,
  resolveKnownTags: false,
};

/**
 * A parsed YAML file that remembers where every value came from, so a rule or a schema
 * error can point at a line and column.
 */
export interface ParsedYaml {
  /** Repo-relative POSIX path of the file. */
  file: string;
  /** Plain data (JSON-compatible) of the document; `undefined` when the file did not parse. */
  data: unknown;
  /** Positions of values by path; see {@link locate}. */
  locate: (path: readonly (string | number)[]) => Position;
  /** Position of the key of the last path segment (for "unknown property" errors). */
  locateKey: (path: readonly (string | number)[]) => Position;
  /** Parse problems: syntax errors, duplicate keys, unknown tags, alias bombs, size. */
  diagnostics: Diagnostic[];
  /**
   * Where every node starts, as data (when the file parsed), so a cache or a worker thread
   * can hand positions on with the data; computed on first read.
   */
  positions?: PositionTable;
}

/**
 * Parses a YAML manifest with `yaml` (the only YAML reader: there is no fast path of our
 * own, so the validator reads exactly what `yaml` reads, errors included) under the YAML
 * 1.2 core schema (so `yes` stays a string and timestamps are not converted), duplicate
 * keys and unknown tags as errors, and a cap on alias expansion. Never throws: problems
 * come back as diagnostics with file and line. Speed comes from the blob-id cache and the
 * validation threads (`validate/`), not from reading less carefully.
 *
 * @param file repo-relative path used in diagnostics
 * @param text file content (UTF-8 decoded)
 */
export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const empty = (diagnostics: Diagnostic[]): ParsedYaml => ({
    file,
    data: undefined,
    locate: () => ({ line: 1, column: 1 }),
    locateKey: () => ({ line: 1, column: 1 }),
    diagnostics,
  });

  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_MANIFEST_BYTES) {
    return empty([
      error(
        "yaml/too-large",
        file,
        undefined,
        `manifest is ${bytes} bytes; at most ${MAX_MANIFEST_BYTES} bytes are allowed`,
      ),
    ]);
  }

  const doc = parseDocument(text, { ...YAML_PARSE_OPTIONS, lineCounter });
  const diagnostics: Diagnostic[] = [];
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const ruleId =
      problem.code === "DUPLICATE_KEY"
        ? "yaml/duplicate-key"
        : problem.code === "TAG_RESOLVE_FAILED"
          ? "yaml/unknown-tag"
          : "yaml/syntax";
    const message = problem.message.split("\n")[0] ?? problem.message;
    diagnostics.push(error(ruleId, file, toPosition(problem.pos[0]), message));
  }
  if (diagnostics.length > 0) return empty(diagnostics);

  const badKey = findNonStringKey(doc.contents);
  if (badKey) {
    const at = badKey.range ? toPosition(badKey.range[0]) : undefined;
    return empty([error("yaml/key-type", file, at, "mapping keys must be plain strings")]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    return empty([error("yaml/aliases", file, undefined, (cause as Error).message)]);
  }

  let positions: PositionTable | undefined;
  return {
    file,
    data,
    locate: (path) => toPosition(nodeOffset(doc, path, false)),
    locateKey: (path) => toPosition(nodeOffset(doc, path, true)),
    diagnostics,
    // Built when a cache or another thread asks for it: a run without either never pays for it.
    get positions() {
      positions ??= positionTable(doc, lineCounter);
      return positions;
    },
  };
}

/** Finds the first mapping key that is not a string scalar (e.g. `? [a]` or `1:`). */
function findNonStringKey(node: unknown): Node | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== "string") return key as Node;
      const inner = findNonStringKey(pair.value);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = findNonStringKey(item);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Each mapping's pairs by key, built once per mapping: locating N diagnostics in a mapping of N keys stays linear. */
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (!index.has(key)) index.set(key, pair as Pair);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

/**
 * Offset of the deepest node that exists along `path` (so a missing property points at
 * its parent). With `key`, returns the offset of the last segment's key instead.
 */
function nodeOffset(doc: Document, path: readonly (string | number)[], key: boolean): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(segment));
      if (!pair) return offset;
      if (last && key) return (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && Number.isInteger(Number(segment))) {
      node = node.items[Number(segment)];
    } else {
      return offset;
    }
    const range = (node as Node | null)?.range;
    if (!range) return offset;
    offset = range[0];
  }
  return offset;
}
