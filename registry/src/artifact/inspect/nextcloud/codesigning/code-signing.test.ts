import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import {
  makeTestCa,
  signatureJson,
  signRelease,
  writeReferenceDir,
  type AppCertificate,
  type TestCa,
} from "../../../../../test/nextcloud-ca.ts";
import { CORPUS, REPO_ROOT, tempDir } from "../../../../../test/temp-registry.ts";
import { parseYaml } from "../../../../manifest/parse-yaml.ts";
import type { AppManifest } from "../../../../manifest/types.ts";
import { inspectNextcloud } from "../inspect-nextcloud.ts";
import { inputFor, NEXTCLOUD_CORPUS, rebuildReal } from "../../../../../test/inspect/nextcloud-archives.ts";
import { checkCodeSigning } from "./check-code-signing.ts";
import { phpJsonEncodeHashes } from "./signed-files.ts";
import { parseTrustAnchors } from "./trust-anchors.ts";

const NOTES = "notes-6.0.2.tar.gz";
let ca: TestCa;
let cert: AppCertificate;

beforeAll(async () => {
  ca = await makeTestCa();
  cert = await ca.issue("notes");
  // Every inspection in this file reads the throwaway CA as Nextcloud's anchors.
  process.env.APPSHELF_REFERENCE_DIR = await writeReferenceDir(await tempDir(), ca);
});

/** The notes archive re-packed with appinfo/signature.json made by `signer` (after `edit` when given). */
async function signedNotes(signer: AppCertificate, edit?: (dir: string) => Promise<void>): Promise<Buffer> {
  return rebuildReal(NOTES, async (dir) => {
    const files = new Map<string, Buffer>();
    for (const name of ["appinfo/info.xml", "CHANGELOG.md", "README.md"])
      files.set(name, await readFile(path.join(dir, "notes", name)));
    await writeFile(path.join(dir, "notes/appinfo/signature.json"), signatureJson(files, signer, phpJsonEncodeHashes));
    await edit?.(dir);
  });
}

/** Inspects notes with `certificate` in app.yaml and `signature` in the version file. */
async function inspect(bytes: Buffer, certificate: string | undefined, signature: string | undefined) {
  const appFile = "apps/notes/app.yaml";
  let appText = await readFile(path.join(REPO_ROOT, appFile), "utf8");
  if (certificate !== undefined)
    appText += `nextcloud:\n  certificate: |\n${certificate.trim().replace(/^/gm, "    ")}\n`;
  const parsed = parseYaml(appFile, appText);
  const input = await inputFor("notes", "6.0.2", bytes, NOTES, (t) =>
    signature === undefined ? t : t.replace("status: released", `signature: ${signature}\nstatus: released`),
  );
  const result = await inspectNextcloud({ ...input, app: { data: parsed.data as AppManifest, parsed } });
  return result.diagnostics.map(({ ruleId, severity, file, line }) => ({
    ruleId,
    severity,
    file,
    ...(line !== undefined ? { line } : {}),
  }));
}

describe("Nextcloud code signing", () => {
  test("a release signed with a valid chain, with a valid signature.json, is accepted", async () => {
    const bytes = await signedNotes(cert);
    expect(await inspect(bytes, cert.pem, signRelease(bytes, cert))).toEqual([]);
  });

  test("an unsigned release is a warning: listed, but not in the Nextcloud API", async () => {
    const bytes = await readFile(path.join(NEXTCLOUD_CORPUS, "archives", NOTES));
    expect(await inspect(bytes, undefined, undefined)).toEqual([
      { ruleId: "nextcloud/unsigned", severity: "warning", file: "apps/notes/versions/nextcloud/6.0.2.yaml", line: 3 },
    ]);
  });

  test.each([
    ["wrong CN", () => ca.issue("tasks"), "nextcloud/certificate-cn"],
    [
      "expired",
      () =>
        ca.issue("notes", {
          notBefore: new Date(Date.now() - 30 * 86_400_000),
          notAfter: new Date(Date.now() - 86_400_000),
        }),
      "nextcloud/certificate-expired",
    ],
    [
      "not yet valid",
      () => ca.issue("notes", { notBefore: new Date(Date.now() + 86_400_000) }),
      "nextcloud/certificate-not-yet-valid",
    ],
    ["issued by another CA", async () => (await makeTestCa()).issue("notes"), "nextcloud/certificate-untrusted"],
  ])("certificate %s: refused at app.yaml's certificate line", async (_name, make, ruleId) => {
    const other = await make();
    const bytes = await signedNotes(cert);
    const found = await inspect(bytes, other.pem, signRelease(bytes, other));
    const appLines = (await readFile(path.join(REPO_ROOT, "apps/notes/app.yaml"), "utf8")).split("\n").length;
    // The line of `certificate: |` appended after the file's last line and `nextcloud:`.
    expect(found).toEqual([{ ruleId, severity: "error", file: "apps/notes/app.yaml", line: appLines + 1 }]);
  });

  test("a revoked certificate (serial in the CRL) is refused", async () => {
    const anchors = await parseTrustAnchors(ca.rootCrt, Buffer.from(await ca.crlRevoking([cert.serial])));
    const bytes = await signedNotes(cert);
    const result = checkCodeSigning({
      appId: "notes",
      label: NOTES,
      bytes,
      files: new Map(),
      certificate: { value: cert.pem, file: "apps/notes/app.yaml", at: { line: 70, column: 3 } },
      signature: {
        value: signRelease(bytes, cert),
        file: "apps/notes/versions/nextcloud/6.0.2.yaml",
        at: { line: 12, column: 12 },
      },
      anchors,
      at: Date.now(),
    });
    expect(result.signed).toBe(false);
    expect(result.diagnostics.map((d) => [d.ruleId, d.file, d.line])).toEqual([
      ["nextcloud/certificate-revoked", "apps/notes/app.yaml", 70],
    ]);
  });

  test("a signature over other bytes is refused at the version's signature line", async () => {
    const bytes = await signedNotes(cert);
    const other = await readFile(path.join(NEXTCLOUD_CORPUS, "archives", NOTES));
    const versionText = await readFile(path.join(REPO_ROOT, "apps/notes/versions/nextcloud/6.0.2.yaml"), "utf8");
    const signatureLine = versionText.split("\n").findIndex((l) => l.startsWith("status:")) + 1;
    expect(await inspect(bytes, cert.pem, signRelease(other, cert))).toEqual([
      {
        ruleId: "nextcloud/signature-mismatch",
        severity: "error",
        file: "apps/notes/versions/nextcloud/6.0.2.yaml",
        line: signatureLine,
      },
    ]);
  });

  test("a file changed after signing is refused at its archive path", async () => {
    const bytes = await signedNotes(cert, (dir) => writeFile(path.join(dir, "notes/README.md"), "changed\n"));
    expect(await inspect(bytes, cert.pem, signRelease(bytes, cert))).toEqual([
      { ruleId: "nextcloud/signed-file-tampered", severity: "error", file: `${NOTES}!notes/README.md` },
    ]);
  });

  test("a file not listed in signature.json is refused; Nextcloud's excluded names are not", async () => {
    const bytes = await signedNotes(cert, async (dir) => {
      await writeFile(path.join(dir, "notes/appinfo/routes.php"), "<?php return [];\n");
      await writeFile(path.join(dir, "notes/.DS_Store"), "x");
    });
    expect(await inspect(bytes, cert.pem, signRelease(bytes, cert))).toEqual([
      { ruleId: "nextcloud/signed-file-extra", severity: "error", file: `${NOTES}!notes/appinfo/routes.php` },
    ]);
  });

  test("a listed file missing from the archive is refused", async () => {
    const bytes = await signedNotes(cert, (dir) =>
      import("node:fs/promises").then((fs) => fs.rm(path.join(dir, "notes/CHANGELOG.md"))),
    );
    expect(await inspect(bytes, cert.pem, signRelease(bytes, cert))).toEqual([
      { ruleId: "nextcloud/signed-file-missing", severity: "error", file: `${NOTES}!notes/CHANGELOG.md` },
    ]);
  });

  test("signature.json whose hashes were edited after signing is refused", async () => {
    const bytes = await signedNotes(cert, async (dir) => {
      const file = path.join(dir, "notes/appinfo/signature.json");
      const data = JSON.parse(await readFile(file, "utf8")) as { hashes: Record<string, string> };
      data.hashes["README.md"] = "0".repeat(128);
      await writeFile(file, JSON.stringify(data));
    });
    expect(await inspect(bytes, cert.pem, signRelease(bytes, cert))).toEqual([
      { ruleId: "nextcloud/signature-json-mismatch", severity: "error", file: `${NOTES}!notes/appinfo/signature.json` },
    ]);
  });

  test("signature.json signed with another app's certificate is refused", async () => {
    const bytes = await signedNotes(await ca.issue("deck"));
    expect(await inspect(bytes, cert.pem, signRelease(bytes, cert))).toEqual([
      { ruleId: "nextcloud/certificate-cn", severity: "error", file: `${NOTES}!notes/appinfo/signature.json` },
    ]);
  });

  test("a signature without a certificate in app.yaml is refused", async () => {
    const bytes = await readFile(path.join(NEXTCLOUD_CORPUS, "archives", NOTES));
    expect((await inspect(bytes, undefined, signRelease(bytes, cert))).map((d) => d.ruleId)).toEqual([
      "nextcloud/certificate-missing",
    ]);
  });

  test("without root.crt and root.crl a signed release fails closed", () => {
    const result = checkCodeSigning({
      appId: "notes",
      label: NOTES,
      bytes: Buffer.from("x"),
      files: new Map(),
      certificate: { value: cert.pem, file: "apps/notes/app.yaml" },
      signature: { value: "AAAA", file: "v.yaml" },
      anchors: undefined,
      at: Date.now(),
    });
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ["nextcloud/codesigning-unavailable", "error"],
    ]);
  });
});

describe("Nextcloud's real anchors", () => {
  test("root.crt and root.crl parse: root, intermediate, a signed CRL; a test certificate is not trusted by them", async () => {
    const dir = path.join(CORPUS, "nextcloud/codesigning");
    const anchors = await parseTrustAnchors(
      await readFile(path.join(dir, "root.crt"), "utf8"),
      await readFile(path.join(dir, "root.crl")),
    );
    expect(anchors.roots.map((c) => c.subject.split("\n").at(-1))).toEqual(["CN=Nextcloud Root Authority"]);
    expect(anchors.intermediates.map((c) => c.subject.split("\n").at(-1))).toEqual([
      "CN=Nextcloud Code Signing Intermediate Authority",
    ]);
    expect(anchors.crl.entries.length).toBeGreaterThan(0);
    const result = checkCodeSigning({
      appId: "notes",
      label: NOTES,
      bytes: Buffer.from("x"),
      files: new Map(),
      certificate: { value: cert.pem, file: "apps/notes/app.yaml" },
      signature: { value: signRelease(Buffer.from("x"), cert), file: "v.yaml" },
      anchors,
      at: Date.now(),
    });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["nextcloud/certificate-untrusted"]);
  });

  test("PHP json_encode of the hashes: sorted keys, escaped slashes and non-ASCII", () => {
    expect(phpJsonEncodeHashes({ "b/é.php": "2", "a.php": "1" }).toString()).toBe(
      '{"a.php":"1","b\\/\\u00e9.php":"2"}',
    );
  });
});
