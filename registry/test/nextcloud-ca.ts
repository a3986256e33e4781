/**
 * A throwaway Nextcloud-style code-signing CA for tests, generated in memory on every run
 * (never committed): a self-signed root, an intermediate it signs, app certificates the
 * intermediate issues, and a CRL the intermediate signs. Shaped like nextcloud/server's
 * `resources/codesigning/root.crt` (intermediate then root, PEM) and `root.crl`.
 */
import "reflect-metadata";
import { constants, createHash, KeyObject, sign } from "node:crypto";
import { writeFile, mkdir, copyFile } from "node:fs/promises";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import { CORPUS } from "./temp-registry.ts";

const ALGORITHM = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY = 86_400_000;

/** An issued app certificate with its private key. */
export interface AppCertificate {
  pem: string;
  serial: string;
  key: KeyObject;
}

/** The CA: its files, and how to issue certificates and sign releases. */
export interface TestCa {
  /** root.crt content: the intermediate then the root, PEM. */
  rootCrt: string;
  /** root.crl content (PEM), listing `revoked`. */
  rootCrl: string;
  issue(cn: string, options?: { notBefore?: Date; notAfter?: Date; serial?: string }): Promise<AppCertificate>;
  /** A CRL signed by the intermediate that lists these serials (hex). */
  crlRevoking(serials: readonly string[]): Promise<string>;
}

async function keys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

/** Generates a root and an intermediate, with an empty CRL. */
export async function makeTestCa(): Promise<TestCa> {
  const now = Date.now();
  const rootKeys = await keys();
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "a1",
    name: "C=DE, O=Test, CN=Test Root Authority",
    notBefore: new Date(now - 10 * DAY),
    notAfter: new Date(now + 3650 * DAY),
    keys: rootKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const interKeys = await keys();
  const intermediateName = "C=DE, O=Test, CN=Test Code Signing Intermediate Authority";
  const intermediate = await x509.X509CertificateGenerator.create({
    serialNumber: "1000",
    subject: intermediateName,
    issuer: root.subject,
    notBefore: new Date(now - 10 * DAY),
    notAfter: new Date(now + 3650 * DAY),
    publicKey: interKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const crlRevoking = async (serials: readonly string[]) =>
    (
      await x509.X509CrlGenerator.create({
        issuer: intermediateName,
        thisUpdate: new Date(now - DAY),
        nextUpdate: new Date(now + 365 * DAY),
        entries: serials.map((serialNumber) => ({ serialNumber, revocationDate: new Date(now - DAY) })),
        signingKey: interKeys.privateKey,
        signingAlgorithm: ALGORITHM,
      })
    ).toString("pem");
  let serial = 0x1010;
  return {
    rootCrt: `${intermediate.toString("pem")}\n${root.toString("pem")}\n`,
    rootCrl: await crlRevoking([]),
    crlRevoking,
    async issue(cn, options = {}) {
      const appKeys = await keys();
      const serialNumber = options.serial ?? (serial++).toString(16);
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber,
        subject: `C=DE, O=Test, CN=${cn}`,
        issuer: intermediateName,
        notBefore: options.notBefore ?? new Date(now - DAY),
        notAfter: options.notAfter ?? new Date(now + 365 * DAY),
        publicKey: appKeys.publicKey,
        signingKey: interKeys.privateKey,
        signingAlgorithm: ALGORITHM,
      });
      return { pem: cert.toString("pem"), serial: serialNumber, key: KeyObject.from(appKeys.privateKey) };
    },
  };
}

/** The release signature apps.nextcloud.com expects: base64 RSA PKCS #1 v1.5 SHA-512 over the archive bytes. */
export function signRelease(bytes: Buffer, cert: AppCertificate): string {
  return sign("sha512", bytes, cert.key).toString("base64");
}

/**
 * `appinfo/signature.json` as `occ integrity:sign-app` writes it: SHA-512 of every file,
 * RSA-PSS (SHA-512, salt length 0) over PHP's json_encode of the sorted hashes.
 *
 * @param files app files by path relative to the app folder
 */
export function signatureJson(
  files: ReadonlyMap<string, Buffer>,
  cert: AppCertificate,
  encode: (hashes: Record<string, string>) => Buffer,
): Buffer {
  const hashes: Record<string, string> = {};
  for (const [file, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    hashes[file] = createHash("sha512").update(bytes).digest("hex");
  const signature = sign("sha512", encode(hashes), {
    key: cert.key,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 0,
  }).toString("base64");
  return Buffer.from(JSON.stringify({ hashes, signature, certificate: cert.pem }, null, 4));
}

/**
 * A reference folder for `$APPSHELF_REFERENCE_DIR`: the corpus's info.xsd, pre-info.xslt
 * and Compose schema copied into `dir` (a temp folder) beside this CA's root.crt/root.crl.
 */
export async function writeReferenceDir(dir: string, ca: { rootCrt: string; rootCrl: string }): Promise<string> {
  await mkdir(path.join(dir, "nextcloud/codesigning"), { recursive: true });
  await mkdir(path.join(dir, "compose"), { recursive: true });
  for (const file of ["nextcloud/info.xsd", "nextcloud/pre-info.xslt", "compose/compose-spec.json"])
    await copyFile(path.join(CORPUS, file), path.join(dir, file));
  await writeFile(path.join(dir, "nextcloud/codesigning/root.crt"), ca.rootCrt);
  await writeFile(path.join(dir, "nextcloud/codesigning/root.crl"), ca.rootCrl);
  return dir;
}
