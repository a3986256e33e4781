import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readArchive } from "../../src/artifact/archive/read-archive.ts";
import { FetchError } from "../../src/errors/fetch-error.ts";
import { DEFAULT_FETCH_LIMITS, fetchArtifact } from "../../src/artifact/fetch-artifact.ts";
import { decodeInfoXml } from "../../src/artifact/inspect/nextcloud/decode-info-xml.ts";
import { parseManifestText as parseYaml } from "../../src/manifest/text-encoding.ts";
import { rawTar } from "./fuzz/raw-tar.ts";
import { CORPUS, REPO_ROOT } from "./hostile-archives.ts";

/**
 * Issue 13, class 11: inputs that used to be refused with a misleading message (UTF-16
 * files and CR-only line ends read as "the document must be a mapping", a GNU sparse entry
 * as a header-size error, `Content-Length: -1` as "fetch failed") each get a rule id and
 * a sentence saying what is wrong.
 */
const APP_YAML = readFileSync(path.join(REPO_ROOT, "apps/gitea/app.yaml"), "utf8");

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] ?? 0, le[i] ?? 0];
  return le;
}

describe("clear refusals", () => {
  it.each([
    ["UTF-16LE with a byte-order mark", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(APP_YAML, "utf16le")])],
    ["UTF-16BE with a byte-order mark", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(APP_YAML)])],
    ["UTF-16LE without a byte-order mark", Buffer.from(APP_YAML, "utf16le")],
  ])("a manifest in %s: yaml/encoding says it is UTF-16", (_what, bytes) => {
    expect(parseYaml("apps/gitea/app.yaml", bytes.toString("utf8")).diagnostics).toEqual([
      {
        ruleId: "yaml/encoding",
        severity: "error",
        file: "apps/gitea/app.yaml",
        message: "the file is encoded as UTF-16; manifests must be UTF-8",
        hint: "save the file as UTF-8 (without a byte-order mark)",
      },
    ]);
  });

  it("a manifest with CR-only line ends: yaml/line-ends on the first such line", () => {
    const { diagnostics } = parseYaml("apps/gitea/app.yaml", APP_YAML.replaceAll("\n", "\r"));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "yaml/line-ends",
        line: 1,
        message: "this line ends with a lone carriage return (CR-only line ends); manifests use LF or CRLF line ends",
      }),
    ]);
  });

  it("CRLF line ends stay accepted, and a lone CR inside an LF file is found on its line", () => {
    expect(parseYaml("apps/gitea/app.yaml", APP_YAML.replaceAll("\n", "\r\n")).diagnostics).toEqual([]);
    const lines = APP_YAML.split("\n");
    lines[2] = `${lines[2]}\r# a comment after a lone CR`;
    expect(parseYaml("apps/gitea/app.yaml", lines.join("\n")).diagnostics).toEqual([
      expect.objectContaining({ ruleId: "yaml/line-ends", line: 3 }),
    ]);
  });

  it("a NUL character: yaml/encoding naming it", () => {
    expect(parseYaml("f.yaml", "id: gitea\nname: a\u0000b\n").diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "yaml/encoding",
        line: 2,
        message: "the file contains a NUL character; manifests are UTF-8 text",
      }),
    ]);
  });

  it("an info.xml in UTF-16: nextcloud/xml-utf16", () => {
    const xml = readFileSync(path.join(CORPUS, "nextcloud/apps/tasks/appinfo/info.xml"), "utf8");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
    expect(decodeInfoXml(bytes, "f").diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "nextcloud/xml-utf16",
        message:
          "info.xml is encoded as UTF-16 (it starts with a UTF-16 byte-order mark); the Nextcloud app store reads it as UTF-8",
      }),
    ]);
  });

  it("a GNU sparse entry: archive/sparse naming the entry, not a header-size error", async () => {
    const tar = rawTar([
      { name: "notes/", type: "5" },
      { name: "notes/big.bin", type: "S", magic: "gnu", data: "x" },
    ]);
    const { diagnostics } = await readArchive(gzipSync(tar), "notes.tar.gz", ["tar.gz"]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "archive/sparse",
        file: "notes.tar.gz",
        message:
          "notes.tar.gz: entry 'notes/big.bin' is a GNU sparse file: sparse files are refused (readers without sparse support unpack the map as data); repack without --sparse",
      }),
    ]);
  });

  it("Content-Length: -1: artifact/malformed-response saying what is wrong, not 'fetch failed'", async () => {
    const server = net.createServer((socket) =>
      socket.once("data", () => socket.end("HTTP/1.1 200 OK\r\nContent-Length: -1\r\nConnection: close\r\n\r\nhello")),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const failure = await fetchArtifact(`http://127.0.0.1:${port}/a.tgz`, {
        ...DEFAULT_FETCH_LIMITS,
        allowHttpLoopback: true,
      }).catch((cause: unknown) => cause);
      expect(failure).toBeInstanceOf(FetchError);
      expect(failure).toMatchObject({
        reason: "malformed-response",
        message: `http://127.0.0.1:${port}/a.tgz sent a response that is not valid HTTP/1.1: its Content-Length header is not a whole number of bytes (Invalid character in Content-Length)`,
      });
    } finally {
      server.close();
    }
  });
});
