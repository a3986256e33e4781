import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { Position } from "../report/diagnostic.ts";

/**
 * Where every node of a parsed document starts, encoded as one string so that a cache or a
 * worker thread holds it as a single value (`v8.serialize` and `postMessage` copy a string
 * in one piece, where a table of thousands of small keys costs an object each to write,
 * read and collect). It is the JSON of rows `[path, kind, value, key?]`: `path` is the JSON
 * of a node's path (segments as strings), `kind` 1 for a mapping, 2 for a sequence, 0 for
 * a scalar, `value` the packed start of the node, `key` the packed start of the mapping
 * entry's key. Built from `yaml`'s own nodes ({@link positionTable}); read through
 * {@link positionLocator}, which answers exactly as `parseYaml`'s `locate` and `locateKey`
 * (a differential test holds it to that).
 */
export type PositionTable = string;

/** The decoded form of a {@link PositionTable}, built on first use. */
interface DecodedPositions {
  /** Start of each node's value, by path. */
  values: Map<string, number>;
  /** Start of each mapping entry's key, by the path of its value. */
  keys: Map<string, number>;
  /** Paths of sequences (their segments are read as numbers, as `parseYaml` does). */
  seqs: Set<string>;
  /** Paths of mappings. */
  maps: Set<string>;
}

type Row = [path: string, kind: 0 | 1 | 2, value: number, key?: number];

/** Columns fit in 20 bits: a manifest is at most 256 KiB. */
const COLUMNS = 1_048_576;
const pack = ({ line, column }: Position) => line * COLUMNS + column;
const unpack = (packed: number): Position => ({ line: Math.floor(packed / COLUMNS), column: packed % COLUMNS });
const keyOf = (path: readonly string[]) => JSON.stringify(path);

/** The table of `doc` (parsed with `lineCounter`): every node reachable from the root, aliases not followed. */
export function positionTable(doc: Document, lineCounter: LineCounter): PositionTable {
  const rows: Row[] = [];
  const seen = new Set<string>();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return pack({ line, column: col });
  };
  // `key` is always `keyOf(path)`, extended one segment at a time rather than re-encoded whole.
  const walk = (node: unknown, key: string, keyAt: number | undefined): void => {
    const range = (node as Node | null)?.range;
    if (!range) {
      // A key without a value node still locates as a key.
      if (keyAt !== undefined) rows.push([key, 0, -1, keyAt]);
      return;
    }
    const kind = isMap(node) ? 1 : isSeq(node) ? 2 : 0;
    rows.push(keyAt === undefined ? [key, kind, at(range[0])] : [key, kind, at(range[0]), keyAt]);
    const child = (segment: string) =>
      key === "[]" ? `[${JSON.stringify(segment)}]` : `${key.slice(0, -1)},${JSON.stringify(segment)}]`;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const childKey = child(String(pair.key.value));
        if (seen.has(childKey)) continue; // the first pair wins, as `find` does
        seen.add(childKey);
        walk(pair.value, childKey, pair.key.range ? at(pair.key.range[0]) : undefined);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, child(String(i)), undefined));
    }
  };
  walk(doc.contents, keyOf([]), undefined);
  return JSON.stringify(rows);
}

/**
 * `table` keeping only the rows of `paths` and of every prefix of them (the root
 * included): {@link positionLocator} answers for those paths (and any path below them that
 * the table has no row for) exactly as with the whole table; other paths locate at their
 * deepest kept prefix. For keeping a manifest's positions where only a few paths are ever
 * located (`run/app-result.ts`).
 */
export function trimPositionTable(table: PositionTable, paths: readonly (readonly string[])[]): PositionTable {
  const kept = new Set<string>();
  for (const path of paths) for (let n = 0; n <= path.length; n++) kept.add(keyOf(path.slice(0, n)));
  return JSON.stringify((JSON.parse(table) as Row[]).filter(([path]) => kept.has(path)));
}

function decode(table: PositionTable): DecodedPositions {
  const decoded: DecodedPositions = { values: new Map(), keys: new Map(), seqs: new Set(), maps: new Set() };
  for (const [path, kind, value, key] of JSON.parse(table) as Row[]) {
    if (value >= 0) decoded.values.set(path, value);
    if (key !== undefined) decoded.keys.set(path, key);
    if (kind === 1) decoded.maps.add(path);
    else if (kind === 2) decoded.seqs.add(path);
  }
  return decoded;
}

/**
 * `parseYaml`'s `locate` and `locateKey` answered from a table, decoded on the first call:
 * the start of the node at `path`, or of the deepest node that exists along it; with `key`,
 * the start of the last segment's key when it names a mapping entry.
 */
export function positionLocator(table: PositionTable): (path: readonly (string | number)[], key: boolean) => Position {
  let decoded: DecodedPositions | undefined;
  let searches = 0;
  return (path, key) => {
    // Most manifests restored from a cache are located once or twice (an artifact warning):
    // searching the table's text for the few rows a path needs costs less than decoding it.
    if (decoded === undefined && ++searches <= TEXT_SEARCHES) return locateInTableText(table, path, key);
    return locate((decoded ??= decode(table)), path, key);
  };
}

/** Calls of a {@link positionLocator} answered by searching the table's text before it is decoded. */
const TEXT_SEARCHES = 2;

/**
 * {@link locateInTable}'s answer found by searching the table's text for the rows of the
 * path's prefixes, without decoding it. A row is found by its opening: `[`, the path key as
 * JSON text, `,`. Inside a JSON string every `"` is escaped, so `["` opens a row and nothing
 * else, and each path has one row at most (`positionTable` keeps the first of duplicate
 * keys), so the first match is the row. Same answers as {@link locateInTable} (a
 * differential fuzz test, `registry/test/hostile/yaml-unicode.ts`, holds all three to `yaml`).
 */
export function locateInTableText(table: PositionTable, path: readonly (string | number)[], key: boolean): Position {
  const row = (segments: readonly string[]): { kind: number; value: number; key?: number } | undefined => {
    const opening = `[${JSON.stringify(keyOf(segments))},`;
    const at = table.indexOf(opening);
    if (at === -1) return undefined;
    ROW_TAIL.lastIndex = at + opening.length;
    const match = ROW_TAIL.exec(table);
    if (!match) return undefined;
    const found: { kind: number; value: number; key?: number } = { kind: Number(match[1]), value: Number(match[2]) };
    if (match[3] !== undefined) found.key = Number(match[3]);
    return found;
  };
  const valueOf = (r: ReturnType<typeof row>) => (r !== undefined && r.value >= 0 ? r.value : undefined);
  const prefix: string[] = [];
  let parent = row(prefix);
  let best = valueOf(parent) ?? COLUMNS + 1;
  for (const [i, raw] of path.entries()) {
    let segment: string;
    if (parent?.kind === 1) segment = String(raw);
    else if (parent?.kind === 2 && Number.isInteger(Number(raw))) segment = String(Number(raw));
    else return unpack(best);
    prefix.push(segment);
    const here = row(prefix);
    if (i === path.length - 1 && key && parent.kind === 1) return unpack(here?.key ?? best);
    const value = valueOf(here);
    if (value === undefined) return unpack(best);
    best = value;
    parent = here;
  }
  return unpack(best);
}

/** What follows a row's path: kind, value and, for a mapping entry, the key's start; then `]`. */
const ROW_TAIL = /([012]),(-?\d+)(?:,(\d+))?\]/y;

/** {@link positionLocator}'s answer for one path (decodes the table each time). */
export function locateInTable(table: PositionTable, path: readonly (string | number)[], key: boolean): Position {
  return locate(decode(table), path, key);
}

function locate(table: DecodedPositions, path: readonly (string | number)[], key: boolean): Position {
  let best = table.values.get(keyOf([])) ?? COLUMNS + 1;
  const prefix: string[] = [];
  for (const [i, raw] of path.entries()) {
    const parent = keyOf(prefix);
    let segment: string;
    if (table.maps.has(parent)) segment = String(raw);
    else if (table.seqs.has(parent) && Number.isInteger(Number(raw))) segment = String(Number(raw));
    else return unpack(best);
    prefix.push(segment);
    const here = keyOf(prefix);
    if (i === path.length - 1 && key && table.maps.has(parent)) {
      const keyAt = table.keys.get(here);
      return unpack(keyAt ?? best);
    }
    const value = table.values.get(here);
    if (value === undefined) return unpack(best);
    best = value;
  }
  return unpack(best);
}
