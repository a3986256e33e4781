import { verify, type X509Certificate } from "node:crypto";

/**
 * Verifies a release signature as apps.nextcloud.com does on upload: a base64 RSA
 * signature (PKCS #1 v1.5) with SHA-512 over the exact bytes of the release archive, made
 * with `openssl dgst -sha512 -sign <app>.key <archive> | openssl base64`.
 *
 * @returns false for a signature that is not base64 or does not verify with the certificate's key
 */
export function verifyReleaseSignature(bytes: Buffer, signatureBase64: string, certificate: X509Certificate): boolean {
  const compact = signatureBase64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return false;
  try {
    return verify("sha512", bytes, certificate.publicKey, Buffer.from(compact, "base64"));
  } catch {
    return false;
  }
}
