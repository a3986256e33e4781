import { isScalar, Schema, type ScalarTag } from "yaml";
import { packPosition } from "./simple-yaml-positions.ts";

/** What {@link parseSimpleYaml} read: the data, and where each node starts. */
export interface SimpleYaml {
  /** JSON-compatible data, as `yaml`'s `toJS()` gives it. */
  data: unknown;
  /**
   * Start of every node in document order, packed by {@link packPosition}: the root,
   * then for each mapping entry its key and its value (and the value's own nodes), for
   * each sequence item the item (and its nodes). Read by `locateSimpleYaml`.
   */
  positions: number[];
}

/**
 * The fast path of `parseYaml`: reads the plain subset of YAML that manifests are written
 * in, and gives up (returns `undefined`) on anything else, so the caller parses the file
 * with `yaml`'s full parser. It never guesses: when it returns data, that data equals what
 * `yaml.parseDocument(text, YAML_PARSE_OPTIONS).toJS()` gives, that parse reports no
 * error or warning, and the positions are those of `yaml`'s nodes (a property test holds
 * it to this on generated and mutated documents).
 *
 * The subset: a block mapping at column 0; nested block mappings and block sequences
 * (indented under their key; `- key: value` items); plain scalars resolved by `yaml`'s
 * own core-schema tags; single- and double-quoted scalars on one line (double-quoted
 * without escapes); one-line flow sequences and mappings of scalars; literal block
 * scalars `|` and `|-`; comments and blank lines. Given up on: tabs, CR, BOM, control
 * characters, anchors, aliases, tags, directives, document markers, folded and kept
 * scalars, multi-line plain or quoted scalars, empty values, non-string keys, keys that
 * are not simple words, duplicate keys, a missing final newline, and any line it does
 * not expect.
 */
export function parseSimpleYaml(text: string): SimpleYaml | undefined {
  if (!text.endsWith("\n") || UNSUPPORTED_CHARACTERS.test(text)) return undefined;
  const reader = new LineReader(text.split("\n"));
  const first = reader.next();
  if (first === undefined || first.indent !== 0) return undefined;
  reader.positions.push(packPosition(reader.position, 0));
  const data = reader.blockMap(0);
  return data !== GIVE_UP && reader.next() === undefined ? { data, positions: reader.positions } : undefined;
}

/** Characters that send a file to the full parser wherever they appear. */
const UNSUPPORTED_CHARACTERS = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
/** Keys the fast path reads (a core-schema resolution may still make one a non-string: checked after). */
const KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$.\/-]{0,127}$/;
/** `key:` at the start of a line, and the rest of the line after `: `. */
const ENTRY = /^([A-Za-z0-9_$][A-Za-z0-9_$.\/-]{0,127}):(?:$| (.*)$)/;
/** Plain scalars that start with a YAML indicator (`-1`, `-x` aside): left to the full parser. */
const INDICATOR_START = /^(?:[?:,\[\]{}#&*!|>'"%@`]|-(?:\s|$))/;

const GIVE_UP: unique symbol = Symbol("give up");
type Result<T> = T | typeof GIVE_UP;

/** A line with its indentation, ignoring blank and comment-only lines. */
interface Line {
  indent: number;
  /** Text after the indentation. */
  body: string;
}

class LineReader {
  readonly lines: string[];
  readonly positions: number[] = [];
  /** Index of the next line to read. */
  position = 0;

  constructor(lines: string[]) {
    this.lines = lines;
  }

  /** The next significant line without consuming it (`undefined` at the end). */
  next(): Line | undefined {
    while (this.position < this.lines.length) {
      const raw = this.lines[this.position] ?? "";
      const body = raw.trimStart();
      if (body === "" || body.startsWith("#")) {
        this.position++;
        continue;
      }
      return { indent: raw.length - body.length, body };
    }
    return undefined;
  }

  /** A block mapping whose keys sit at column `indent` (its own position is recorded by the caller). */
  blockMap(indent: number): Result<Record<string, unknown>> {
    const map: Record<string, unknown> = {};
    for (let line = this.next(); line !== undefined && line.indent >= indent; line = this.next()) {
      const entry = line.indent === indent ? ENTRY.exec(line.body) : null;
      const key = entry?.[1];
      if (key === undefined || !isNewKey(key, map)) return GIVE_UP;
      const rest = entry?.[2] ?? "";
      const row = this.position++;
      this.positions.push(packPosition(row, indent));
      const value = this.valueAfter(rest, row, indent + key.length + 2, indent);
      if (value === GIVE_UP) return GIVE_UP;
      map[key] = value;
    }
    return map;
  }

  /** A block sequence whose dashes sit at column `indent` (its own position is recorded by the caller). */
  blockSeq(indent: number): Result<unknown[]> {
    const seq: unknown[] = [];
    for (let line = this.next(); line !== undefined && line.indent >= indent; line = this.next()) {
      if (line.indent !== indent || !line.body.startsWith("- ")) return GIVE_UP;
      const rest = line.body.slice(2).trimStart();
      const column = indent + line.body.length - rest.length;
      if (ENTRY.test(rest)) {
        // `- key: value`: a mapping whose keys sit where `key` is; the line is re-read as its first entry.
        this.lines[this.position] = " ".repeat(column) + rest;
        this.positions.push(packPosition(this.position, column));
        const map = this.blockMap(column);
        if (map === GIVE_UP) return GIVE_UP;
        seq.push(map);
        continue;
      }
      const row = this.position++;
      const value = this.valueAfter(rest, row, column, indent);
      if (value === GIVE_UP) return GIVE_UP;
      seq.push(value);
    }
    return seq;
  }

  /**
   * The value written after `key: ` or `- ` (`text`, starting at column `column` of line
   * `row`), or on the lines below it; `parent` is the column of the key or dash. Records
   * the value's position, then those of its nodes.
   */
  valueAfter(text: string, row: number, column: number, parent: number): Result<unknown> {
    const trimmed = text.trimStart();
    const start = column + text.length - trimmed.length;
    const value = stripComment(trimmed);
    if (value === GIVE_UP) return GIVE_UP;
    if (value === "") {
      // A block below: a mapping starts at its first key, a sequence at its first dash. Nothing below is an empty value.
      const below = this.next();
      if (below === undefined || below.indent <= parent) return GIVE_UP;
      this.positions.push(packPosition(this.position, below.indent));
      return below.body.startsWith("- ") ? this.blockSeq(below.indent) : this.blockMap(below.indent);
    }
    this.positions.push(packPosition(row, start));
    if (value === "|" || value === "|-") return this.literal(parent, value === "|-");
    const scalar = value.startsWith("[") || value.startsWith("{") ? flowCollection(value, row, start, this.positions) : plainOrQuoted(value, false);
    if (scalar === GIVE_UP) return GIVE_UP;
    const below = this.next();
    return below !== undefined && below.indent > parent ? GIVE_UP : scalar;
  }

  /** The content of a literal block scalar, more indented than `parent`. */
  literal(parent: number, strip: boolean): Result<string> {
    const first = this.lines[this.position];
    if (first === undefined) return GIVE_UP;
    const indent = first.length - first.trimStart().length;
    if (first.trim() === "" || indent <= parent) return GIVE_UP;
    const content: string[] = [];
    let blanks = 0;
    for (; this.position < this.lines.length; this.position++) {
      const raw = this.lines[this.position] ?? "";
      if (raw.trim() === "") {
        if (raw.length > indent) return GIVE_UP;
        blanks++;
        continue;
      }
      if (raw.length - raw.trimStart().length < indent) break;
      for (; blanks > 0; blanks--) content.push("");
      content.push(raw.slice(indent));
    }
    return strip ? content.join("\n") : `${content.join("\n")}\n`;
  }
}

/** The value part of `text` (which starts with it), without a trailing ` # comment`; "" for none. */
function stripComment(text: string): Result<string> {
  if (text.startsWith("#")) return "";
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text, 0);
    if (end === undefined) return GIVE_UP;
    const rest = text.slice(end);
    if (rest.trim() !== "" && !/^ +#/.test(rest)) return GIVE_UP;
    return text.slice(0, end);
  }
  const hash = text.indexOf(" #");
  return (hash === -1 ? text : text.slice(0, hash)).trimEnd();
}

/** Index just past the closing quote of the quoted scalar at `start` of `text`. */
function quotedEnd(text: string, start: number): number | undefined {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (quote === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    return i + 1;
  }
  return undefined;
}

/** A quoted or plain scalar; in a flow collection (`flow`) plain scalars may not hold `,[]{}#`. */
function plainOrQuoted(text: string, flow: boolean): Result<unknown> {
  if (text.startsWith('"')) return quotedEnd(text, 0) === text.length && !text.includes("\\") ? text.slice(1, -1) : GIVE_UP;
  if (text.startsWith("'")) return quotedEnd(text, 0) === text.length ? text.slice(1, -1).replaceAll("''", "'") : GIVE_UP;
  if (text === "" || INDICATOR_START.test(text) || text.includes(": ") || text.endsWith(":") || text.includes(" #")) return GIVE_UP;
  if (flow && /[,\[\]{}#]/.test(text)) return GIVE_UP;
  return resolvePlain(text);
}

/**
 * `[a, "b"]` or `{ k: v, k2: "w" }` holding scalars only, the whole of `text` (which
 * starts at column `column` of line `row`). Records the positions of its items (and keys).
 */
function flowCollection(text: string, row: number, column: number, positions: number[]): Result<unknown> {
  const close = text[0] === "[" ? "]" : "}";
  if (!text.endsWith(close)) return GIVE_UP;
  const seq: unknown[] = [];
  const map: Record<string, unknown> = {};
  const end = text.length - 1;
  const skipSpaces = (i: number) => {
    while (text[i] === " ") i++;
    return i;
  };
  let i = skipSpaces(1);
  while (i < end) {
    let key: string | undefined;
    if (close === "}") {
      const colon = text.indexOf(": ", i);
      key = text.slice(i, colon);
      if (colon === -1 || colon > end || !isNewKey(key, map)) return GIVE_UP;
      positions.push(packPosition(row, column + i));
      i = skipSpaces(colon + 2);
      if (i >= end) return GIVE_UP;
    }
    const quoted = text[i] === '"' || text[i] === "'";
    const comma = text.indexOf(",", i);
    const stop = quoted ? quotedEnd(text, i) : comma === -1 || comma > end ? end : comma;
    if (stop === undefined || stop > end) return GIVE_UP;
    positions.push(packPosition(row, column + i));
    const value = plainOrQuoted(text.slice(i, stop).trimEnd(), true);
    if (value === GIVE_UP) return GIVE_UP;
    if (key === undefined) seq.push(value);
    else map[key] = value;
    i = skipSpaces(stop);
    if (i >= end) break;
    if (text[i] !== ",") return GIVE_UP;
    i = skipSpaces(i + 1);
    if (i >= end) return GIVE_UP;
  }
  return close === "]" ? seq : map;
}

/** A key the fast path takes: a simple word that resolves to a string and is not already in `map`. */
function isNewKey(key: string, map: Record<string, unknown>): boolean {
  return KEY.test(key) && !(key in map) && !(key in Object.prototype) && typeof resolvePlain(key) === "string";
}

/** `yaml`'s core-schema scalar tags, in the order it tries them. */
const CORE_TAGS = new Schema({ schema: "core", merge: false, resolveKnownTags: false }).tags.filter(
  (tag): tag is ScalarTag => !("collection" in tag && tag.collection) && tag.default === true && "test" in tag && tag.test instanceof RegExp,
);

/** A plain scalar as `yaml` resolves it under the core schema (null, bool, int, float, else the string). */
export function resolvePlain(text: string): unknown {
  for (const tag of CORE_TAGS) {
    if (!tag.test?.test(text)) continue;
    const resolved: unknown = tag.resolve(text, () => {}, { intAsBigInt: false } as never);
    return isScalar(resolved) ? resolved.value : resolved;
  }
  return text;
}
