import { X509Certificate } from "node:crypto";
import { oneLine, type TrustAnchors } from "./trust-anchors.ts";

/** Why a certificate is refused; each is its own rule id (`nextcloud/certificate-<reason>`). */
export type CertificateProblem = "invalid" | "untrusted" | "not-yet-valid" | "expired" | "revoked" | "cn";

/** A certificate that passed {@link checkCertificate}, or the first reason it did not. */
export type CertificateVerdict =
  | { ok: true; certificate: X509Certificate }
  | { ok: false; problem: CertificateProblem; message: string };

/**
 * Checks an app's code-signing certificate as Nextcloud does (nextcloud/server
 * `lib/private/IntegrityCheck/Checker.php` verify(), and apps.nextcloud.com's
 * `certificate/validator.py` on upload), in this order:
 * 1. `invalid`: one PEM certificate that parses;
 * 2. `untrusted`: signed by an intermediate of the anchors that a root signed (the chain
 *    root.crt describes);
 * 3. `not-yet-valid` / `expired`: `at` within notBefore..notAfter;
 * 4. `revoked`: its serial number is not in the CRL of its issuer;
 * 5. `cn`: its subject CN equals the app id (Nextcloud also trusts CN `core` for its own
 *    code; an app certificate never may, so `core` is refused here).
 *
 * @param pem the certificate, PEM
 * @param appId the id the certificate must be issued for
 * @param at the time of the check (ms since the epoch)
 */
export function checkCertificate(pem: string, appId: string, anchors: TrustAnchors, at: number): CertificateVerdict {
  let certificate: X509Certificate;
  try {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
    if (blocks.length !== 1) throw new Error(`expected one PEM certificate, found ${blocks.length}`);
    certificate = new X509Certificate(pem);
  } catch (cause) {
    return { ok: false, problem: "invalid", message: `the certificate cannot be read: ${(cause as Error).message}` };
  }
  const subject = oneLine(certificate.subject);
  const issuer = anchors.intermediates.find((i) => certificate.checkIssued(i) && certificate.verify(i.publicKey));
  if (!issuer) {
    return {
      ok: false,
      problem: "untrusted",
      message: `certificate '${subject}' (issuer '${oneLine(certificate.issuer)}') is not signed by Nextcloud's Code Signing Intermediate Authority`,
    };
  }
  if (at < certificate.validFromDate.getTime()) {
    return {
      ok: false,
      problem: "not-yet-valid",
      message: `certificate '${subject}' is valid only from ${certificate.validFromDate.toISOString()}`,
    };
  }
  if (at > certificate.validToDate.getTime()) {
    return {
      ok: false,
      problem: "expired",
      message: `certificate '${subject}' expired on ${certificate.validToDate.toISOString()}`,
    };
  }
  const serial = normaliseSerial(certificate.serialNumber);
  const revoked = anchors.crl.entries.find((e) => normaliseSerial(e.serialNumber) === serial);
  if (revoked && sameName(anchors.crl.issuer, issuer.subject)) {
    return {
      ok: false,
      problem: "revoked",
      message: `certificate '${subject}' (serial ${serial}) was revoked on ${revoked.revocationDate.toISOString()} (root.crl)`,
    };
  }
  const cn = commonName(certificate.subject);
  if (cn !== appId) {
    return {
      ok: false,
      problem: "cn",
      message: `certificate is issued for CN=${cn ?? "(none)"}, not for the app id '${appId}'`,
    };
  }
  return { ok: true, certificate };
}

/** The CN of a distinguished name in node's form (`C=DE\nCN=notes`). */
export function commonName(name: string): string | undefined {
  return name
    .split("\n")
    .find((part) => part.startsWith("CN="))
    ?.slice(3);
}

/** A serial number as lowercase hex without leading zeros. */
function normaliseSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, "");
}

/** Compares a @peculiar/x509 name (`C=DE, CN=…`) with node's (`C=DE\nCN=…`) by their CN and O. */
function sameName(peculiar: string, node: string): boolean {
  const pick = (parts: string[]) =>
    parts
      .filter((p) => /^(CN|O)=/.test(p))
      .sort()
      .join("|");
  return pick(peculiar.split(/,\s*/)) === pick(node.split("\n"));
}
