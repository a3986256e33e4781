import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../artifact/digest.ts";
import { readArchive } from "../../artifact/archive/read-archive.ts";
import { gpgAvailable, makeGpgTestKey, provenanceText, type GpgTestKey } from "../../../test/gpg-test-key.ts";
import { CORPUS } from "../../../test/temp-registry.ts";
import { provenanceMismatch, readProvenance } from "./read-provenance.ts";
import { verifyWithHelm } from "./verify-with-helm.ts";

const NAME = "harbor-1.19.1.tgz";
let chart: Buffer;
let chartYaml: string;
let digest: string;

beforeAll(async () => {
  chart = await readFile(path.join(CORPUS, "helm/published", NAME));
  digest = sha256Hex(chart);
  chartYaml =
    (await readArchive(chart, NAME, ["tar.gz"])).archive?.files.get("harbor/Chart.yaml")?.toString("utf8") ?? "";
});

describe("readProvenance", () => {
  it("reads files: from a clear-signed body, un-escaping dash-escaped lines", () => {
    const prov = Buffer.from(
      `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: x\n- - a dash line\n...\nfiles:\n  x-1.0.0.tgz: sha256:${"a".repeat(64)}\n-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n`,
    );
    expect(readProvenance(prov)).toEqual({
      chartYaml: "name: x\n- a dash line",
      files: { "x-1.0.0.tgz": `sha256:${"a".repeat(64)}` },
    });
  });

  it("says why bytes are not a provenance file", () => {
    expect(readProvenance(Buffer.from("<html>not found</html>"))).toMatch(
      /does not start a clear-signed OpenPGP message/,
    );
    expect(
      provenanceMismatch(
        Buffer.from("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: x\n-----BEGIN PGP SIGNATURE-----\n"),
        NAME,
        "0".repeat(64),
      ),
    ).toMatch(/no '\.\.\.' line/);
  });
});

// Differential: the same generated .prov files judged by our reading and by the real `helm verify`.
describe.skipIf(!gpgAvailable())("provenanceMismatch agrees with helm verify (gpg key generated here)", () => {
  let key: GpgTestKey;
  beforeAll(async () => {
    key = await makeGpgTestKey();
  }, 60_000);
  afterAll(() => key?.close());

  const cases: [string, () => string, boolean][] = [
    ["the archive's own digest", () => provenanceText(chartYaml, NAME, digest), true],
    [
      "another file listed too",
      () => `${provenanceText(chartYaml, NAME, digest)}  other-1.0.0.tgz: sha256:${"b".repeat(64)}\n`,
      true,
    ],
    [
      "a signed line starting with '-' (gpg dash-escapes it)",
      () => provenanceText(`${chartYaml}\n# note\n`, NAME, digest).replace("\n...", "\n- not: yaml-list\n..."),
      true,
    ],
    [
      "a '...' line inside the digests part too",
      () => `${provenanceText(chartYaml, NAME, digest)}...\nfiles:\n  ${NAME}: sha256:${"c".repeat(64)}\n`,
      true,
    ],
    ["a digest of other bytes", () => provenanceText(chartYaml, NAME, sha256Hex(Buffer.from("other"))), false],
    ["the digest in upper case", () => provenanceText(chartYaml, NAME, digest.toUpperCase()), false],
    ["another file name", () => provenanceText(chartYaml, "harbor-1.19.0.tgz", digest), false],
    ["no '...' separator", () => provenanceText(chartYaml, NAME, digest).replace("\n...\n", "\n"), false],
  ];
  for (const [label, text, expected] of cases) {
    it(`${label}: ${expected ? "accepted" : "refused"} by both`, async () => {
      const prov = await key.sign(text());
      const ours = provenanceMismatch(prov, NAME, digest) === undefined;
      const helms = (await verifyWithHelm(key.keyring, NAME, chart, prov)) === undefined;
      expect({ ours, helms }).toEqual({ ours: expected, helms: expected });
    }, 60_000);
  }

  it("helm verify refuses a signature by a key not in the keyring; the digest check alone cannot see that", async () => {
    const other = await makeGpgTestKey("Someone Else <else@example.invalid>");
    try {
      const prov = await other.sign(provenanceText(chartYaml, NAME, digest));
      expect(provenanceMismatch(prov, NAME, digest)).toBeUndefined();
      expect(await verifyWithHelm(key.keyring, NAME, chart, prov)).toMatch(/unknown entity|signature/i);
    } finally {
      await other.close();
    }
  }, 60_000);
});
