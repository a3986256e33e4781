import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { X509Crl } from "@peculiar/x509";
import { readReferenceFile } from "../../reference-files.ts";

/**
 * Nextcloud's code-signing trust anchors, as nextcloud/server ships them in
 * `resources/codesigning/`: `root.crt` holds the Nextcloud Root Authority and the Code
 * Signing Intermediate Authority (PEM, in any order), `root.crl` the intermediate's
 * certificate revocation list (PEM or DER).
 */
export interface TrustAnchors {
  /** Self-signed certificates of root.crt (the Root Authority). */
  roots: X509Certificate[];
  /** The other certificates of root.crt, each issued by a root (the Code Signing Intermediate Authority). */
  intermediates: X509Certificate[];
  /** The revocation list, parsed by @peculiar/x509. */
  crl: X509Crl;
  /** Set when these are NOT Nextcloud's anchors but a private root (see {@link PRIVATE_ROOT_ENV}): its folder. */
  privateRoot?: string;
}

/**
 * Environment variable naming a folder with a private code-signing root (`root.crt`,
 * `root.crl`, laid out like nextcloud/server `resources/codesigning/`) used INSTEAD of
 * Nextcloud's: for tests and private Nextcloud deployments whose servers trust that root,
 * never the default. `appshelf build --nextcloud-private-root <dir>` sets it; every release
 * verified under it gets a `nextcloud/private-trust-root` warning.
 */
export const PRIVATE_ROOT_ENV = "APPSHELF_NEXTCLOUD_PRIVATE_ROOT";

/** Every PEM certificate block of a file, as Nextcloud's Checker::splitCerts() finds them. */
export function splitCertificates(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * @peculiar/x509 (with the reflect-metadata it needs first), loaded when trust anchors are
 * first parsed: a thread that checks no Nextcloud release never loads it (about 0.4 s of a
 * validation thread's start-up).
 */
async function loadX509(): Promise<typeof import("@peculiar/x509")> {
  await import("reflect-metadata");
  return await import("@peculiar/x509");
}

/**
 * Parses root.crt and root.crl into {@link TrustAnchors}, and checks them: at least one
 * self-signed root, every other certificate signed by a root, and a CRL signed by one of
 * the certificates.
 *
 * @throws Error naming the file and what is wrong with it
 */
export async function parseTrustAnchors(rootPem: string, crlBytes: Buffer): Promise<TrustAnchors> {
  const certs = splitCertificates(rootPem).map((pem) => new X509Certificate(pem));
  const roots = certs.filter((c) => c.checkIssued(c) && c.verify(c.publicKey));
  if (roots.length === 0) throw new Error("root.crt holds no self-signed root certificate");
  const intermediates = certs.filter((c) => !roots.includes(c));
  for (const c of intermediates) {
    if (!roots.some((r) => c.checkIssued(r) && c.verify(r.publicKey)))
      throw new Error(`root.crt: ${oneLine(c.subject)} is not issued by a root in the file`);
  }
  const { PublicKey, X509Crl } = await loadX509();
  const text = crlBytes.toString("latin1");
  const crl = new X509Crl(text.includes("-----BEGIN") ? text : new Uint8Array(crlBytes));
  let signed = false;
  for (const c of certs) {
    if (
      await crl.verify({
        publicKey: new PublicKey(new Uint8Array(c.publicKey.export({ type: "spki", format: "der" }))),
      })
    )
      signed = true;
  }
  if (!signed) throw new Error("root.crl is not signed by a certificate of root.crt");
  return { roots, intermediates, crl };
}

/**
 * Reads the anchors from the reference folder (`nextcloud/codesigning/root.crt` and
 * `root.crl`, see `readReferenceFile`). Undefined when either file is missing. With
 * `$APPSHELF_NEXTCLOUD_PRIVATE_ROOT` set, the private root there instead (see {@link PRIVATE_ROOT_ENV}).
 *
 * @throws Error when the files are there but not valid (see {@link parseTrustAnchors})
 */
export async function loadTrustAnchors(env: NodeJS.ProcessEnv = process.env): Promise<TrustAnchors | undefined> {
  const privateRoot = env[PRIVATE_ROOT_ENV];
  if (privateRoot) return loadPrivateRoot(path.resolve(privateRoot));
  const [crt, crl] = await Promise.all([
    readReferenceFile("nextcloud/codesigning/root.crt"),
    readReferenceFile("nextcloud/codesigning/root.crl"),
  ]);
  if (!crt || !crl) return undefined;
  return parseTrustAnchors(crt.toString("utf8"), crl);
}

const privateRoots = new Map<string, Promise<TrustAnchors>>();

/** A private root's anchors, read once per folder. @throws Error naming the file when either is missing or invalid */
function loadPrivateRoot(dir: string): Promise<TrustAnchors> {
  let pending = privateRoots.get(dir);
  if (!pending) {
    pending = (async () => {
      const read = (name: string) =>
        readFile(path.join(dir, name)).catch(() => {
          throw new Error(
            `${PRIVATE_ROOT_ENV}: ${path.join(dir, name)} cannot be read (a private root folder holds root.crt and root.crl)`,
          );
        });
      const [crt, crl] = await Promise.all([read("root.crt"), read("root.crl")]);
      return { ...(await parseTrustAnchors(crt.toString("utf8"), crl)), privateRoot: dir };
    })();
    privateRoots.set(dir, pending);
  }
  return pending;
}

/** An X.509 distinguished name (node's multi-line form) on one line. */
export function oneLine(name: string): string {
  return name.split("\n").join(", ");
}
