import { parse } from "yaml";

/** What a Helm provenance file (`<chart>.tgz.prov`) says, as Helm's `pkg/provenance` reads it. */
export interface ProvenanceBody {
  /** The signed Chart.yaml text (the part before the `...` line). */
  chartYaml: string;
  /** `files:` of the signed body: archive file name -> `sha256:<hex>`. */
  files: Record<string, string>;
}

const BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
const SIGNATURE = "-----BEGIN PGP SIGNATURE-----";

/**
 * Reads the signed body of a Helm provenance file: an OpenPGP clear-signed message
 * (RFC 4880 §7: armor header lines, a blank line, the dash-escaped text, then the
 * signature block) whose text is the chart's Chart.yaml, a line `...`, and a YAML
 * document with `files: {<archive name>: "sha256:<hex>"}` (Helm `provenance.parseMessageBlock`,
 * which splits the text at `\n...\n`). Pure; the OpenPGP signature itself is not checked
 * here (see `verifyWithHelm`).
 *
 * @returns the body, or a string saying why the bytes are not a provenance file
 */
export function readProvenance(bytes: Buffer): ProvenanceBody | string {
  const text = bytes.toString("utf8").replace(/\r\n/g, "\n");
  const start = text.indexOf(`${BEGIN}\n`);
  if (start === -1) return `it does not start a clear-signed OpenPGP message (${BEGIN})`;
  const headerEnd = text.indexOf("\n\n", start);
  const bodyEnd = text.indexOf(`\n${SIGNATURE}`, headerEnd === -1 ? start : headerEnd);
  if (headerEnd === -1 || bodyEnd === -1) return `it has no signed text followed by a signature block (${SIGNATURE})`;
  const body = text
    .slice(headerEnd + 2, bodyEnd)
    .split("\n")
    .map((line) => (line.startsWith("- ") ? line.slice(2) : line))
    .join("\n");
  const parts = body.split("\n...\n");
  if (parts.length < 2) return "its signed text has no '...' line between Chart.yaml and the file digests";
  let sums: unknown;
  try {
    sums = parse(parts[1] ?? "");
  } catch (cause) {
    return `its file digests are not YAML: ${(cause as Error).message.split("\n")[0]}`;
  }
  const files = (sums as { files?: unknown } | null)?.files;
  if (typeof files !== "object" || files === null || Array.isArray(files)) return "its signed text has no 'files:' map";
  const entries = Object.entries(files).filter((e): e is [string, string] => typeof e[1] === "string");
  return { chartYaml: parts[0] ?? "", files: Object.fromEntries(entries) };
}

/**
 * Checks that a provenance file belongs to exactly this archive: its signed `files:` names
 * `fileName` with `sha256:<sha256>`, as `helm verify` requires (Helm `Signatory.Verify`).
 * Pure.
 *
 * @param fileName the archive's file name as clients save it (the last segment of its URL)
 * @param sha256 the archive's SHA-256 (hex), the digest the index publishes
 * @returns undefined when it matches, else why not
 */
export function provenanceMismatch(bytes: Buffer, fileName: string, sha256: string): string | undefined {
  const body = readProvenance(bytes);
  if (typeof body === "string") return `not a Helm provenance file: ${body}`;
  const listed = body.files[fileName];
  if (listed === undefined)
    return `its signed 'files:' has no entry for ${fileName} (it lists ${Object.keys(body.files).join(", ") || "nothing"})`;
  if (listed !== `sha256:${sha256}`)
    return `its signed 'files:' gives ${fileName} the digest ${listed}, but the archive's is sha256:${sha256}`;
  return undefined;
}
