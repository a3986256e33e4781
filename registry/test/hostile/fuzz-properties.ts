/**
 * Property-based tests of the three readers of hostile input (issue 9), shared by
 * `fuzz.test.ts` (a fixed seed and a few hundred cases in CI) and `scripts/fuzz.ts` (as
 * many cases as asked, a fresh seed). Inputs are real files from this repository and
 * `../shared/corpus`, mutated; and random text. Each property asserts the reader's
 * contract: it never throws (an inspector that throws is reported `artifact/inspect-failed`,
 * which counts as a crash here), and yields either a result or at least one error.
 * Hangs are bounded by the readers themselves: size caps before parsing, and the archive
 * worker's time limit.
 *
 * Imports nothing from vitest, so the script can run it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { ArchiveLimits } from "../../src/artifact/archive/archive-types.ts";
import { DEFAULT_ARCHIVE_LIMITS } from "../../src/artifact/archive/archive-types.ts";
import { readArchive } from "../../src/artifact/archive/read-archive.ts";
import { inspectArtifact } from "../../src/artifact/inspect/inspect-artifact.ts";
import type { InspectInput } from "../../src/artifact/inspect/inspect-types.ts";
import { checkInfoXml } from "../../src/artifact/inspect/nextcloud/check-info-xml.ts";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import type { VersionManifest } from "../../src/manifest/types.ts";
import type { Diagnostic } from "../../src/report/diagnostic.ts";
import { schemaDiagnostics } from "../../src/manifest/schema-diagnostics.ts";
import { schemaCheck } from "../../src/json/schemas.ts";
import { fuzzTarget, type FuzzTarget } from "./fuzz-target.ts";
import { CORPUS, corpusEntries, REPO_ROOT, tarGzOf, type TarEntry } from "./hostile-archives.ts";

/** Fragments that matter to each parser, mixed into real files. */
const YAML_TOKENS = [
  "&a ",
  "*a",
  "!!binary ",
  "!tag ",
  "!!js/function ",
  "<<: *a\n",
  "? ",
  "- ",
  "[",
  "]",
  "{",
  "}",
  ": ",
  "'",
  '"',
  "|\n",
  ">-\n",
  "#",
  "%YAML 1.1\n---\n",
  "---\n",
  "...\n",
  "__proto__: x\n",
  "constructor: ",
  "\t",
  "\u202e",
  "\u0000",
  "\r\n",
  "1.10",
  "~",
  "null: ",
  "true: ",
  "  ",
  "\n  - ",
  "\ufeff",
];
const XML_TOKENS = [
  "<!DOCTYPE info>",
  "<!ENTITY a 'b'>",
  "&a;",
  "&#0;",
  "&#x110000;",
  "&amp;",
  "<__proto__/>",
  "<constructor>",
  "<id>",
  "</id>",
  "<![CDATA[",
  "]]>",
  "<!--",
  "-->",
  "<?pi x?>",
  "\u0000",
  "\uFFFE",
  "<version>1.0.0</version>",
  '<nextcloud min-version="1"/>',
  ' xmlns:x="y"',
  "<x:y/>",
  ' lang="de"',
  "<",
  ">",
  '"',
  "\n",
];

type Mutation =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "repeat"; at: number; length: number }
  | { kind: "truncate"; at: number };

/** Edits of a text: insertions of parser-relevant tokens or random text, deletions, repeats, truncation. */
function mutations(tokens: readonly string[]): fc.Arbitrary<Mutation[]> {
  const at = fc.nat();
  return fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant("insert" as const),
        at,
        text: fc.oneof(
          fc.constantFrom(...tokens),
          fc.string({ maxLength: 12 }),
          fc.string({ unit: "binary", maxLength: 6 }),
        ),
      }),
      fc.record({ kind: fc.constant("delete" as const), at, length: fc.integer({ min: 1, max: 80 }) }),
      fc.record({ kind: fc.constant("repeat" as const), at, length: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ kind: fc.constant("truncate" as const), at }),
    ),
    { minLength: 1, maxLength: 6 },
  );
}

function mutate(text: string, edits: readonly Mutation[]): string {
  return edits.reduce((t, m) => {
    const i = t.length === 0 ? 0 : m.at % (t.length + 1);
    if (m.kind === "insert") return t.slice(0, i) + m.text + t.slice(i);
    if (m.kind === "delete") return t.slice(0, i) + t.slice(i + m.length);
    if (m.kind === "repeat") return t.slice(0, i + m.length) + t.slice(i, i + m.length) + t.slice(i + m.length);
    return t.slice(0, i);
  }, text);
}

/** Real texts mutated by tokens, or random text: what a submitter could write. */
function hostileText(bases: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...bases), mutations(tokens)).map(([base, edits]) => mutate(base, edits)),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 8 })), { maxLength: 40 })
        .map((parts) => parts.join("")),
    },
  );
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The outcome contract every reader shares: a result, or errors saying why not. */
function assertResultOrErrors(result: unknown, diagnostics: readonly Diagnostic[], what: string): void {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (result === undefined && errors.length === 0) throw new Error(`${what}: no result and no error`);
  for (const d of diagnostics) {
    if (typeof d.ruleId !== "string" || typeof d.message !== "string" || d.message === "")
      throw new Error(`${what}: malformed diagnostic ${JSON.stringify(d)}`);
  }
  if (Object.keys(Object.prototype).length > 0) throw new Error(`${what}: Object.prototype was polluted`);
}

/**
 * The manifest loader: `parseYaml` on mutated real manifests (app and version files, Compose
 * files, Helm Chart.yaml and values.yaml of the corpus), then the JSON Schemas and their
 * diagnostics. Never throws; `data` is undefined exactly when there are errors.
 */
export function manifestLoaderProperty(): fc.IProperty<[string]> {
  const bases = [
    ...filesUnder(path.join(REPO_ROOT, "apps"), ".yaml"),
    ...filesUnder(path.join(CORPUS, "compose/apps"), ".yaml"),
    ...filesUnder(path.join(CORPUS, "helm/charts/redis"), ".yaml").slice(0, 3),
  ].map((f) => readFileSync(f, "utf8"));
  return fc.property(hostileText(bases, YAML_TOKENS), (text) => {
    const parsed = parseYaml("apps/fuzz/app.yaml", text);
    if ((parsed.data === undefined) !== parsed.diagnostics.length > 0)
      throw new Error("data must be undefined exactly when there are diagnostics");
    assertResultOrErrors(parsed.data, parsed.diagnostics, "parseYaml");
    if (parsed.data === undefined) return;
    for (const kind of ["app", "version"] as const) schemaDiagnostics(parsed, schemaCheck(kind)(parsed.data));
    parsed.locate(["name", "en"]);
    parsed.locateKey(["artifact", "sha256"]);
  });
}

/**
 * The info.xml reader: `checkInfoXml` (safe decoding, libxml2 well-formedness, the parser,
 * the rules; the app store's XSD left out, as libxml2 already bounds it) on the 10 real
 * info.xml files and the app store's own test fixtures, mutated. Never throws.
 */
export function infoXmlProperty(): fc.IAsyncProperty<[string]> {
  const bases = [
    ...filesUnder(path.join(CORPUS, "nextcloud/apps"), "info.xml"),
    ...filesUnder(path.join(CORPUS, "nextcloud/appstore-tests"), ".xml"),
  ].map((f) => readFileSync(f, "utf8"));
  return fc.asyncProperty(hostileText(bases, XML_TOKENS), async (xml) => {
    const checked = await checkInfoXml(xml, "fuzz.tar.gz!fuzz/appinfo/info.xml", {
      readReference: () => Promise.resolve(undefined),
    });
    assertResultOrErrors(checked.info, checked.diagnostics, "checkInfoXml");
  });
}

/** A real release archive and the real version manifest that publishes it. */
interface Release {
  archive: string;
  manifest: string;
}

const RELEASES: readonly Release[] = [
  { archive: "nextcloud/archives/notes-6.0.2.tar.gz", manifest: "apps/notes/versions/nextcloud/6.0.2.yaml" },
  { archive: "nextcloud/archives/tasks-0.18.1.tar.gz", manifest: "apps/tasks/versions/nextcloud/0.18.1.yaml" },
  { archive: "helm/packages/emqx-5.8.5.tgz", manifest: "apps/emqx/versions/helm/5.8.5.yaml" },
];

type ArchiveMutation =
  | { kind: "path"; entry: number; path: string }
  | { kind: "type"; entry: number; type: NonNullable<TarEntry["type"]>; linkpath: string }
  | { kind: "duplicate"; entry: number }
  | { kind: "drop"; entry: number }
  | { kind: "content"; entry: number; edits: Mutation[] };

const HOSTILE_PATHS = [
  "../",
  "/",
  "..\\",
  "C:/",
  "./",
  "//",
  ".git/",
  "\u0000",
  "\n",
  "\u202e",
  "INFO.xml",
  "appinfo/",
  "a".repeat(300),
];

function archiveMutations(): fc.Arbitrary<ArchiveMutation[]> {
  const entry = fc.nat();
  return fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant("path" as const),
        entry,
        path: fc
          .array(fc.oneof(fc.constantFrom(...HOSTILE_PATHS), fc.string({ maxLength: 6 })), {
            minLength: 1,
            maxLength: 4,
          })
          .map((p) => p.join("")),
      }),
      fc.record({
        kind: fc.constant("type" as const),
        entry,
        type: fc.constantFrom("SymbolicLink", "Link", "CharacterDevice", "FIFO", "Directory", "File") as fc.Arbitrary<
          NonNullable<TarEntry["type"]>
        >,
        linkpath: fc.constantFrom("/etc/passwd", "../../x", "a"),
      }),
      fc.record({ kind: fc.constant("duplicate" as const), entry }),
      fc.record({ kind: fc.constant("drop" as const), entry }),
      fc.record({ kind: fc.constant("content" as const), entry, edits: mutations([...XML_TOKENS, ...YAML_TOKENS]) }),
    ),
    { minLength: 1, maxLength: 4 },
  );
}

function mutateEntries(entries: readonly TarEntry[], edits: readonly ArchiveMutation[]): TarEntry[] {
  const out = entries.map((e) => ({ ...e }));
  for (const m of edits) {
    const i = m.entry % out.length;
    const target = out[i];
    if (!target) continue;
    if (m.kind === "path") target.path = `${target.path.split("/").slice(0, 2).join("/")}/${m.path}`;
    else if (m.kind === "type") Object.assign(target, { type: m.type, linkpath: m.linkpath });
    else if (m.kind === "duplicate") out.push({ ...target, data: "duplicate" });
    else if (m.kind === "drop") out.splice(i, 1);
    else target.data = mutate(Buffer.from(target.data ?? "").toString("utf8"), m.edits);
    if (out.length === 0) break;
  }
  return out;
}

/** Byte-level damage to a compressed archive: flips, truncation, inserted bytes. */
const byteDamage = fc.array(
  fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), truncate: fc.boolean() }),
  { minLength: 1, maxLength: 5 },
);

function damage(bytes: Buffer, edits: readonly { at: number; byte: number; truncate: boolean }[]): Buffer {
  let out = Buffer.from(bytes);
  for (const e of edits) {
    const i = e.at % Math.max(1, out.length);
    if (e.truncate) out = out.subarray(0, i);
    else out[i] = e.byte;
  }
  return out;
}

/**
 * The archive inspector: `inspectArtifact` (readArchive in its worker, then the delivery's
 * checks) on real Nextcloud and Helm releases whose entries were renamed, retyped,
 * duplicated, dropped or edited, or whose compressed bytes were damaged. Never throws and
 * never reports `artifact/inspect-failed`; metadata comes back only without errors.
 *
 * @param limits archive limits for the direct `readArchive` half of each case (`isolation: "inline"` for speed)
 */
export async function archiveInspectorProperty(
  limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, isolation: "inline" },
): Promise<fc.IAsyncProperty<[number, ArchiveMutation[], { at: number; byte: number; truncate: boolean }[], boolean]>> {
  const releases = await Promise.all(
    RELEASES.map(async (r) => {
      const file = r.manifest;
      const manifest = parseYaml(file, readFileSync(path.join(REPO_ROOT, file), "utf8"));
      const appId = file.split("/")[1] ?? "";
      return {
        entries: await corpusEntries(r.archive),
        bytes: readFileSync(path.join(CORPUS, r.archive)),
        label: path.basename(r.archive),
        appId,
        manifest,
      };
    }),
  );
  return fc.asyncProperty(
    fc.nat(),
    archiveMutations(),
    byteDamage,
    fc.boolean(),
    async (which, edits, flips, byBytes) => {
      const release = releases[which % releases.length];
      if (!release) return;
      const bytes = byBytes ? damage(release.bytes, flips) : tarGzOf(mutateEntries(release.entries, edits));
      const direct = await readArchive(bytes, release.label, ["tar.gz", "zip"], limits);
      assertResultOrErrors(direct.archive, direct.diagnostics, "readArchive");
      const input: InspectInput = {
        bytes,
        label: release.label,
        appId: release.appId,
        version: release.manifest.data as VersionManifest,
        manifest: release.manifest,
      };
      const inspected = await inspectArtifact(input);
      if (inspected.diagnostics.some((d) => d.ruleId === "artifact/inspect-failed"))
        throw new Error(`the inspector threw: ${inspected.diagnostics.map((d) => d.message).join("; ")}`);
      if (
        inspected.metadata &&
        inspected.diagnostics.some((d) => d.severity === "error" && d.file.startsWith(release.label))
      )
        throw new Error("metadata came back with errors in the artifact");
      assertResultOrErrors(inspected.metadata, inspected.diagnostics, "inspectArtifact");
    },
  );
}

/** The readers' targets for `npm run fuzz` and `fuzz.test.ts` (issue 9). */
export const readerFuzzTargets: readonly FuzzTarget[] = [
  fuzzTarget(
    "yaml",
    "the manifest loader (parseYaml + schemas) on mutated real manifests: never throws, data or errors",
    { cost: 1, ciRuns: 400 },
    manifestLoaderProperty,
  ),
  fuzzTarget(
    "xml",
    "the info.xml reader on mutated real info.xml files: never throws, a result or errors",
    { cost: 5, ciRuns: 30 },
    infoXmlProperty,
  ),
  fuzzTarget(
    "archives",
    "the archive inspector (readArchive inline, inspectArtifact in its worker) on damaged real releases",
    { cost: 5, ciRuns: 100 },
    archiveInspectorProperty,
  ),
];
