import { describe, expect, test } from "vitest";
import { checkInfoXml } from "./check-info-xml.ts";
import { MAX_INFO_XML_BYTES } from "./decode-info-xml.ts";
import { readCorpusXml } from "../../../../test/inspect/nextcloud-archives.ts";

const FILE = "x.tar.gz!x/appinfo/info.xml";

async function ruleIds(xml: string | Buffer): Promise<{ ruleId: string; line?: number }[]> {
  return (await checkInfoXml(xml, FILE)).diagnostics.map(({ ruleId, line }) =>
    line === undefined ? { ruleId } : { ruleId, line },
  );
}

describe("info.xml is decoded safely before any parser runs", () => {
  test("nextcloud/xml-doctype: an external entity (XXE) is refused, nothing is read", async () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE info [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<info><id>&x;</id></info>';
    expect(await ruleIds(xxe)).toEqual([{ ruleId: "nextcloud/xml-doctype", line: 2 }]);
  });

  test("nextcloud/xml-doctype: entity expansion (billion laughs) is refused", async () => {
    const laughs =
      '<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<info>&lol2;</info>';
    expect(await ruleIds(laughs)).toEqual([{ ruleId: "nextcloud/xml-doctype", line: 1 }]);
  });

  test("a description may mention <!DOCTYPE inside CDATA", async () => {
    const notes = (await readCorpusXml("apps/notes/appinfo/info.xml")).toString("utf8");
    expect(await ruleIds(notes.replace("<![CDATA[", "<![CDATA[Write <!DOCTYPE html> at the top. "))).toEqual([]);
  });

  test("nextcloud/xml-reserved-name: an element named __proto__", async () => {
    expect(await ruleIds("<info>\n<__proto__><polluted>1</polluted></__proto__></info>")).toEqual([
      { ruleId: "nextcloud/xml-reserved-name", line: 2 },
    ]);
  });

  test("nextcloud/info-xml-too-large: above the cap", async () => {
    const huge = `<info><description>${"a".repeat(MAX_INFO_XML_BYTES)}</description></info>`;
    expect(await ruleIds(huge)).toEqual([{ ruleId: "nextcloud/info-xml-too-large" }]);
  });

  test("nextcloud/xml-syntax: not UTF-8", async () => {
    expect(
      await ruleIds(Buffer.from([0x3c, 0x69, 0x6e, 0x66, 0x6f, 0x3e, 0xff, 0x3c, 0x2f, 0x69, 0x6e, 0x66, 0x6f, 0x3e])),
    ).toEqual([{ ruleId: "nextcloud/xml-syntax" }]);
  });

  test("nextcloud/xml-syntax: an undeclared entity", async () => {
    expect(await ruleIds("<info>\n<id>&nbsp;</id></info>")).toEqual([{ ruleId: "nextcloud/xml-syntax", line: 2 }]);
  });
});
