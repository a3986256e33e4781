import { error, hasErrors, sortDiagnostics, warning, type Diagnostic } from "../../../report/diagnostic.ts";
import { readArchive } from "../../archive/read-archive.ts";
import type { InspectInput, InspectResult, Inspector } from "../inspect-types.ts";
import { buildMetadata } from "./build-metadata.ts";
import { checkArchiveLayout } from "./check-archive-layout.ts";
import { checkInfoXml, type CheckInfoXmlOptions } from "./check-info-xml.ts";
import { checkManifestMatch } from "./check-manifest-match.ts";
import { checkCodeSigning } from "./codesigning/check-code-signing.ts";
import { loadTrustAnchors, oneLine, PRIVATE_ROOT_ENV, type TrustAnchors } from "./codesigning/trust-anchors.ts";

/**
 * Inspects a Nextcloud app release archive (tar.gz, also zip) as the Nextcloud app store
 * does on upload (nextcloud/appstore `nextcloudappstore/api/v1/release/parser.py`):
 * 1. unpack in memory, refusing links, devices, `..`, `.git`, duplicates, bombs (`archive/*`);
 * 2. one top folder equal to the app id, `<id>/appinfo/info.xml` present (`checkArchiveLayout`);
 * 3. info.xml: safe decoding, well-formedness, pre-info.xslt + info.xsd, and the rules beyond
 *    the schema (`checkInfoXml`);
 * 4. info.xml against the registry: id, version, Nextcloud compatibility (`checkManifestMatch`);
 * 5. code signing: app.yaml's certificate, the version's release signature over the archive
 *    bytes and `appinfo/signature.json` against Nextcloud's root.crt / root.crl
 *    (`checkCodeSigning`; the anchors are reference files too).
 *
 * Diagnostics inside the archive use `file: "<label>!<path>"` with info.xml lines; those
 * about the manifest use the manifest's file and lines. Metadata comes back only when the
 * artifact itself has no error (a manifest mismatch alone does not withhold it).
 * info.xsd and pre-info.xslt are read from the reference folder (`readReferenceFile`).
 */
export const inspectNextcloud: Inspector = (input) => inspectNextcloudWith(input);

/**
 * {@link inspectNextcloud} with the source of info.xsd / pre-info.xslt passed in (tests use it
 * to show the `nextcloud/schema-unavailable` path).
 */
export async function inspectNextcloudWith(
  input: InspectInput,
  options: CheckInfoXmlOptions = {},
): Promise<InspectResult> {
  const { archive, diagnostics: archiveDiagnostics } = await readArchive(input.bytes, input.label, ["tar.gz", "zip"]);
  if (!archive) return { diagnostics: archiveDiagnostics };
  const layout = checkArchiveLayout(archive, input.appId);
  const infoBytes = layout.infoPath === undefined ? undefined : archive.files.get(layout.infoPath);
  if (layout.infoPath === undefined || infoBytes === undefined) return { diagnostics: layout.diagnostics };
  const signing = await checkSigning(input, archive.files);
  const file = `${input.label}!${layout.infoPath}`;
  const checked = await checkInfoXml(infoBytes, file, options);
  if (!checked.info || checked.source === undefined)
    return { diagnostics: sortDiagnostics([...checked.diagnostics, ...signing]) };
  const matched = checkManifestMatch(checked.info, { file, source: checked.source }, input);
  const diagnostics = sortDiagnostics([...checked.diagnostics, ...matched, ...signing]);
  const artifactDiagnostics = [...checked.diagnostics, ...matched.filter((d) => d.file !== input.manifest.file)];
  const metadata = hasErrors(artifactDiagnostics) ? undefined : buildMetadata(checked.info);
  return metadata ? { diagnostics, metadata: { nextcloud: metadata } } : { diagnostics };
}

/** Code signing of the release (see `checkCodeSigning`); unreadable anchors are an error, never a pass. */
async function checkSigning(input: InspectInput, files: ReadonlyMap<string, Buffer>): Promise<Diagnostic[]> {
  const appFile = input.app?.parsed.file ?? input.manifest.file;
  let anchors: TrustAnchors | undefined;
  try {
    anchors = await loadTrustAnchors();
  } catch (cause) {
    return [
      error(
        "nextcloud/codesigning-unavailable",
        input.manifest.file,
        undefined,
        `Nextcloud's code-signing anchors cannot be read: ${(cause as Error).message}`,
      ),
    ];
  }
  const certificate = input.app?.data.nextcloud?.certificate;
  const signature = input.version.signature;
  const checked = checkCodeSigning({
    appId: input.appId,
    label: input.label,
    bytes: input.bytes,
    files,
    certificate: {
      value: certificate,
      file: appFile,
      ...(certificate !== undefined && input.app ? { at: input.app.parsed.locate(["nextcloud", "certificate"]) } : {}),
    },
    signature: {
      value: signature,
      file: input.manifest.file,
      at: input.manifest.locate(signature !== undefined ? ["signature"] : ["version"]),
    },
    anchors,
    at: input.now ?? Date.now(),
  });
  if (!anchors?.privateRoot || !checked.signed) return checked.diagnostics;
  const root = oneLine(anchors.roots[0]?.subject ?? "?");
  return [
    ...checked.diagnostics,
    warning(
      "nextcloud/private-trust-root",
      input.manifest.file,
      input.manifest.locate(["signature"]),
      `this release is verified under the private code-signing root "${root}" (${PRIVATE_ROOT_ENV}=${anchors.privateRoot}), not Nextcloud's: only Nextcloud servers that trust that root install it`,
      "publish a public app store only from releases signed under Nextcloud's root (leave --nextcloud-private-root out)",
    ),
  ];
}
