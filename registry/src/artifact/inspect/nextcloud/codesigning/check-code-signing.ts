import { error, warning, type Diagnostic, type Position } from "../../../../report/diagnostic.ts";
import { checkCertificate } from "./check-certificate.ts";
import { checkSignatureJson } from "./check-signature-json.ts";
import type { TrustAnchors } from "./trust-anchors.ts";
import { verifyReleaseSignature } from "./verify-release-signature.ts";

/** Where a value of a manifest is, for diagnostics: its file and position. */
export interface ManifestValue<T> {
  value: T | undefined;
  file: string;
  at?: Position;
}

/** What {@link checkCodeSigning} needs to know about one Nextcloud release. */
export interface CodeSigningInput {
  appId: string;
  /** Archive name, for `label!path` diagnostics. */
  label: string;
  /** The exact downloaded bytes of the release archive. */
  bytes: Buffer;
  /** Archive files by path (`<appId>/...`). */
  files: ReadonlyMap<string, Buffer>;
  /** app.yaml `nextcloud.certificate` (PEM). */
  certificate: ManifestValue<string>;
  /** The version file's `signature` (base64). */
  signature: ManifestValue<string>;
  /** root.crt and root.crl, or undefined when the reference files are missing. */
  anchors: TrustAnchors | undefined;
  /** Time of the check, ms since the epoch. */
  at: number;
}

/**
 * Verifies a Nextcloud release's code signing as Nextcloud and apps.nextcloud.com do:
 * the app's certificate (chain to Nextcloud's intermediate and root, validity, CRL, CN =
 * app id: `nextcloud/certificate-<invalid|untrusted|not-yet-valid|expired|revoked|cn>` at
 * app.yaml's certificate line), the release signature over the exact archive bytes
 * (`nextcloud/signature-mismatch` at the version file's signature line), and
 * `appinfo/signature.json` when the archive has one (see `checkSignatureJson`).
 * Other rules: `nextcloud/certificate-missing` (a signature without a certificate),
 * `nextcloud/codesigning-unavailable` (something to verify but no root.crt/root.crl: an
 * error, the check fails closed), `nextcloud/unsigned` (a warning: no release signature, so
 * the version is left out of the Nextcloud app store API).
 *
 * @returns the diagnostics, and `signed` when the release signature verified with a valid certificate
 */
export function checkCodeSigning(input: CodeSigningInput): { diagnostics: Diagnostic[]; signed: boolean } {
  const { certificate, signature, anchors, appId } = input;
  const hasSignatureJson = input.files.has(`${appId}/appinfo/signature.json`);
  const diagnostics: Diagnostic[] = [];
  if (signature.value !== undefined && certificate.value === undefined) {
    diagnostics.push(
      error(
        "nextcloud/certificate-missing",
        signature.file,
        signature.at,
        "the release has a signature but app.yaml has no nextcloud.certificate to verify it with",
        "add the app's code-signing certificate (PEM, CN = app id) as nextcloud.certificate in app.yaml",
      ),
    );
  }
  if (certificate.value === undefined && signature.value === undefined && !hasSignatureJson) {
    return { diagnostics: [unsigned(signature)], signed: false };
  }
  if (!anchors) {
    diagnostics.push(
      error(
        "nextcloud/codesigning-unavailable",
        signature.file,
        signature.at,
        "cannot verify Nextcloud code signing: nextcloud/codesigning/root.crt or root.crl is missing from the reference folder",
        "set APPSHELF_REFERENCE_DIR to a folder holding them (nextcloud/server resources/codesigning/)",
      ),
    );
    return { diagnostics, signed: false };
  }
  let signed = false;
  if (certificate.value !== undefined) {
    const verdict = checkCertificate(certificate.value, appId, anchors, input.at);
    if (!verdict.ok)
      diagnostics.push(
        error(
          `nextcloud/certificate-${verdict.problem}`,
          certificate.file,
          certificate.at,
          verdict.message,
          "ask Nextcloud for a certificate issued for this app id (https://github.com/nextcloud/app-certificate-requests)",
        ),
      );
    else if (signature.value === undefined) diagnostics.push(unsigned(signature));
    else if (verifyReleaseSignature(input.bytes, signature.value, verdict.certificate)) signed = true;
    else {
      diagnostics.push(
        error(
          "nextcloud/signature-mismatch",
          signature.file,
          signature.at,
          `the release signature does not verify over the bytes of ${input.label} with the app's certificate (RSA, SHA-512)`,
          `sign the exact archive: openssl dgst -sha512 -sign ${appId}.key ${input.label} | openssl base64`,
        ),
      );
    }
  }
  if (hasSignatureJson) diagnostics.push(...checkSignatureJson(input.files, input.label, appId, anchors, input.at));
  return { diagnostics, signed: signed && diagnostics.every((d) => d.severity !== "error") };
}

function unsigned(signature: ManifestValue<string>): Diagnostic {
  return warning(
    "nextcloud/unsigned",
    signature.file,
    signature.at,
    "this Nextcloud release has no code signature: it is listed in the index but left out of the Nextcloud app store API",
    "add the app's certificate to app.yaml and the release's signature (openssl dgst -sha512 -sign) to this file",
  );
}
