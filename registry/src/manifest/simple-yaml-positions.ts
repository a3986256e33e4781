import type { Position } from "../report/diagnostic.ts";

/** Columns fit in 20 bits: a manifest is at most 256 KiB. */
const COLUMNS = 1_048_576;

/** Packs a 0-based line and column into one number (1-based line * 2^20 + 1-based column). */
export function packPosition(line: number, column: number): number {
  return (line + 1) * COLUMNS + column + 1;
}

/** The 1-based line and column of a packed position. */
export function unpackPosition(packed: number): Position {
  return { line: Math.floor(packed / COLUMNS), column: packed % COLUMNS };
}

/**
 * Where the value at `path` starts in a document read by `parseSimpleYaml` (its `data`
 * and `positions`), with the same answers as `parseYaml`'s `locate` on `yaml`'s nodes: a
 * missing path gives its deepest existing node; with `key`, the key of the last segment
 * when that segment names a mapping entry.
 */
export function locateSimpleYaml(data: unknown, positions: readonly number[], path: readonly (string | number)[], key: boolean): Position {
  let node = data;
  let index = 0;
  let offset = positions[0] ?? COLUMNS + 1;
  for (const [i, segment] of path.entries()) {
    if (isMapping(node)) {
      let at = index + 1;
      let found = false;
      for (const [name, value] of Object.entries(node)) {
        if (name === String(segment)) {
          found = true;
          node = value;
          break;
        }
        at += 1 + span(value);
      }
      if (!found) return unpackPosition(offset);
      if (i === path.length - 1 && key) return unpackPosition(positions[at] ?? offset);
      index = at + 1;
    } else if (Array.isArray(node) && Number.isInteger(Number(segment))) {
      const n = Number(segment);
      if (n < 0 || n >= node.length) return unpackPosition(offset);
      let at = index + 1;
      for (let j = 0; j < n; j++) at += span(node[j]);
      node = node[n];
      index = at;
    } else {
      return unpackPosition(offset);
    }
    offset = positions[index] ?? offset;
  }
  return unpackPosition(offset);
}

/** How many positions a node and its nodes take. */
function span(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + span(item), 1);
  if (isMapping(node)) return Object.values(node).reduce((n: number, value) => n + 1 + span(value), 1);
  return 1;
}

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === "object" && node !== null && !Array.isArray(node);
}
