import { constants, verify } from "node:crypto";
import { isRecord } from "../../../../manifest/is-record.ts";
import { error, type Diagnostic } from "../../../../report/diagnostic.ts";
import { checkCertificate } from "./check-certificate.ts";
import { hashAppFiles, phpJsonEncodeHashes } from "./signed-files.ts";
import type { TrustAnchors } from "./trust-anchors.ts";

/**
 * Verifies `<appId>/appinfo/signature.json` of a release archive as Nextcloud's
 * `Checker::verify()` does (nextcloud/server `lib/private/IntegrityCheck/Checker.php`):
 * - `nextcloud/signature-json-invalid`: JSON with `hashes` (path -> SHA-512 hex),
 *   `signature` (base64) and `certificate` (PEM);
 * - its certificate as {@link checkCertificate} (`nextcloud/certificate-*`);
 * - `nextcloud/signature-json-mismatch`: `signature` is RSA-PSS (SHA-512, MGF1 SHA-512,
 *   salt length 0) over PHP's `json_encode` of the sorted hashes;
 * - every file of the app folder against `hashes`: `nextcloud/signed-file-tampered`
 *   (INVALID_HASH), `nextcloud/signed-file-missing` (FILE_MISSING),
 *   `nextcloud/signed-file-extra` (EXTRA_FILE), each at the file's archive path.
 *
 * @param files archive files by path; @param label archive name for `label!path`
 * @param at time of the check (ms since the epoch)
 */
export function checkSignatureJson(
  files: ReadonlyMap<string, Buffer>,
  label: string,
  appId: string,
  anchors: TrustAnchors,
  at: number,
): Diagnostic[] {
  const path = `${appId}/appinfo/signature.json`;
  const file = `${label}!${path}`;
  const bytes = files.get(path);
  if (!bytes) return [];
  let data: Record<string, unknown> | undefined;
  try {
    data = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
  } catch (cause) {
    return [
      error(
        "nextcloud/signature-json-invalid",
        file,
        undefined,
        `signature.json is not JSON: ${(cause as Error).message}`,
      ),
    ];
  }
  const shape =
    isRecord(data) &&
    isRecord(data.hashes) &&
    typeof data.signature === "string" &&
    typeof data.certificate === "string";
  if (
    !shape ||
    !Object.values(data.hashes as Record<string, unknown>).every(
      (h) => typeof h === "string" && /^[0-9a-f]{128}$/i.test(h),
    )
  ) {
    return [
      error(
        "nextcloud/signature-json-invalid",
        file,
        undefined,
        "signature.json must hold 'hashes' (path -> SHA-512), 'signature' (base64) and 'certificate' (PEM)",
        "write it with 'occ integrity:sign-app'",
      ),
    ];
  }
  const { hashes, signature, certificate } = data as {
    hashes: Record<string, string>;
    signature: string;
    certificate: string;
  };
  const verdict = checkCertificate(certificate, appId, anchors, at);
  if (!verdict.ok)
    return [error(`nextcloud/certificate-${verdict.problem}`, file, undefined, `signature.json: ${verdict.message}`)];
  const key = { key: verdict.certificate.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 0 };
  let signed = false;
  try {
    signed = verify("sha512", phpJsonEncodeHashes(hashes), key, Buffer.from(signature, "base64"));
  } catch {
    signed = false;
  }
  if (!signed) {
    return [
      error(
        "nextcloud/signature-json-mismatch",
        file,
        undefined,
        "the signature in signature.json does not verify over its 'hashes' with its certificate",
        "re-sign the release with 'occ integrity:sign-app'",
      ),
    ];
  }
  const diagnostics: Diagnostic[] = [];
  const actual = hashAppFiles(files, appId);
  for (const [relative, expected] of Object.entries(hashes)) {
    const current = actual.get(relative);
    if (current === undefined)
      diagnostics.push(
        error(
          "nextcloud/signed-file-missing",
          `${label}!${appId}/${relative}`,
          undefined,
          `${relative} is listed in signature.json but not in the archive`,
        ),
      );
    else if (current !== expected.toLowerCase()) {
      diagnostics.push(
        error(
          "nextcloud/signed-file-tampered",
          `${label}!${appId}/${relative}`,
          undefined,
          `SHA-512 of ${relative} is ${current.slice(0, 16)}…, signature.json says ${expected.slice(0, 16)}…: the file was changed after signing`,
        ),
      );
    }
  }
  for (const relative of actual.keys()) {
    if (!Object.hasOwn(hashes, relative))
      diagnostics.push(
        error(
          "nextcloud/signed-file-extra",
          `${label}!${appId}/${relative}`,
          undefined,
          `${relative} is in the archive but not listed in signature.json`,
          "Nextcloud reports files added after signing (EXTRA_FILE): remove it or re-sign",
        ),
      );
  }
  return diagnostics;
}
