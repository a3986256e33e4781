import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { Position } from "../report/diagnostic.ts";

/**
 * Where every node of a parsed document starts, as plain data that a cache or a worker
 * thread can hold (a Map survives `v8.serialize` and `postMessage`), so a result restored
 * from either still points at lines without parsing the file again. Keys are the JSON of
 * a node's path (segments as strings); values are packed positions ({@link pack}). Built
 * from `yaml`'s own nodes ({@link positionTable}); read by {@link locateInTable}, which
 * answers exactly as `parseYaml`'s `locate` and `locateKey` (a differential test holds it to that).
 */
export interface PositionTable {
  /** Start of each node's value, by path. */
  values: Map<string, number>;
  /** Start of each mapping entry's key, by the path of its value. */
  keys: Map<string, number>;
  /** Paths of sequences (their segments are read as numbers, as `parseYaml` does). */
  seqs: Set<string>;
  /** Paths of mappings. */
  maps: Set<string>;
}

/** Columns fit in 20 bits: a manifest is at most 256 KiB. */
const COLUMNS = 1_048_576;
const pack = ({ line, column }: Position) => line * COLUMNS + column;
const unpack = (packed: number): Position => ({ line: Math.floor(packed / COLUMNS), column: packed % COLUMNS });
const keyOf = (path: readonly string[]) => JSON.stringify(path);

/** The table of `doc` (parsed with `lineCounter`): every node reachable from the root, aliases not followed. */
export function positionTable(doc: Document, lineCounter: LineCounter): PositionTable {
  const table: PositionTable = { values: new Map(), keys: new Map(), seqs: new Set(), maps: new Set() };
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return pack({ line, column: col });
  };
  const walk = (node: unknown, path: string[]): void => {
    const range = (node as Node | null)?.range;
    if (!range) return;
    const key = keyOf(path);
    table.values.set(key, at(range[0]));
    if (isMap(node)) {
      table.maps.add(key);
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const child = [...path, String(pair.key.value)];
        if (table.keys.has(keyOf(child))) continue; // the first pair wins, as `find` does
        if (pair.key.range) table.keys.set(keyOf(child), at(pair.key.range[0]));
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      table.seqs.add(key);
      node.items.forEach((item, i) => walk(item, [...path, String(i)]));
    }
  };
  walk(doc.contents, []);
  return table;
}

/**
 * `parseYaml`'s `locate` (with `key`, `locateKey`) answered from a table: the start of the
 * node at `path`, or of the deepest node that exists along it; with `key`, the start of the
 * last segment's key when it names a mapping entry.
 */
export function locateInTable(table: PositionTable, path: readonly (string | number)[], key: boolean): Position {
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
