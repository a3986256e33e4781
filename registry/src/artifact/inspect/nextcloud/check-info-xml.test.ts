import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { hasErrors } from "../../../report/diagnostic.ts";
import { readReferenceFile } from "../reference-files.ts";
import { applyPreInfoXslt, validateAgainstInfoXsd } from "./apply-info-schema.ts";
import { checkInfoXml } from "./check-info-xml.ts";
import { NEXTCLOUD_CORPUS, readCorpusXml } from "../../../../test/inspect/nextcloud-archives.ts";

const REAL_APPS = ["calendar", "contacts", "cookbook", "deck", "forms", "mail", "news", "notes", "polls", "tasks"];

/**
 * The app store's verdict on its own fixtures, written from `appstore-tests/expected.md`,
 * with the rules that must reject the rejected ones.
 */
const APPSTORE_FIXTURES: { fixture: string; verdict: "accept" | "reject"; rules: string[] }[] = [
  { fixture: "minimal.xml", verdict: "accept", rules: [] },
  { fixture: "full.xml", verdict: "accept", rules: [] },
  { fixture: "app_api.xml", verdict: "accept", rules: [] },
  { fixture: "nondocurls.xml", verdict: "accept", rules: [] },
  { fixture: "switchednondocurls.xml", verdict: "reject", rules: ["nextcloud/xsd"] },
  { fixture: "broken-xml.xml", verdict: "reject", rules: ["nextcloud/xml-syntax"] },
  { fixture: "badcommand.xml", verdict: "reject", rules: ["nextcloud/nextcloud-dependency", "nextcloud/xsd"] },
  { fixture: "authmigration.xml", verdict: "accept", rules: [] },
  { fixture: "sabre.xml", verdict: "accept", rules: [] },
  { fixture: "prerelease.xml", verdict: "accept", rules: [] },
  {
    fixture: "category_mapping_tool.xml",
    verdict: "reject",
    rules: ["nextcloud/category", "nextcloud/nextcloud-dependency", "nextcloud/xsd"],
  },
];

async function reference(name: "nextcloud/info.xsd" | "nextcloud/pre-info.xslt"): Promise<string> {
  const bytes = await readReferenceFile(name);
  if (!bytes) throw new Error(`${name} is missing from the reference folder`);
  return bytes.toString("utf8");
}

describe("checkInfoXml on the 10 real apps", () => {
  test.each(REAL_APPS)("accepts %s", async (app) => {
    const file = `apps/${app}/appinfo/info.xml`;
    const { diagnostics, info } = await checkInfoXml(await readCorpusXml(file), file);
    expect(diagnostics).toEqual([]);
    expect(info?.id).toBe(app);
  });

  test("deck fails the raw info.xsd but passes after pre-info.xslt, as on the app store", async () => {
    const deck = (await readCorpusXml("apps/deck/appinfo/info.xml")).toString("utf8");
    const xsd = await reference("nextcloud/info.xsd");
    const raw = await validateAgainstInfoXsd(deck, xsd);
    expect(raw.map((p) => p.element)).toEqual(["post-migration"]); // after <live-migration> inside <repair-steps>
    expect(
      await validateAgainstInfoXsd(await applyPreInfoXslt(deck, await reference("nextcloud/pre-info.xslt")), xsd),
    ).toEqual([]);
    expect((await checkInfoXml(deck, "deck/appinfo/info.xml")).diagnostics).toEqual([]);
  });
});

describe("checkInfoXml on the app store's fixtures (expected.md)", () => {
  test("the table covers every fixture", async () => {
    const fixtures = (await readdir(path.join(NEXTCLOUD_CORPUS, "appstore-tests"))).filter((f) => f.endsWith(".xml"));
    expect(APPSTORE_FIXTURES.map((f) => f.fixture).sort()).toEqual(fixtures.sort());
  });

  test.each(APPSTORE_FIXTURES)("$fixture: $verdict", async ({ fixture, verdict, rules }) => {
    const { diagnostics } = await checkInfoXml(await readCorpusXml(`appstore-tests/${fixture}`), fixture);
    expect(hasErrors(diagnostics) ? "reject" : "accept").toBe(verdict);
    expect([...new Set(diagnostics.map((d) => d.ruleId))].sort()).toEqual(rules);
  });

  test.each(["full.xml", "app_api.xml", "authmigration.xml"])(
    "%s fails the raw info.xsd: the XSLT step is what accepts it",
    async (fixture) => {
      const xml = (await readCorpusXml(`appstore-tests/${fixture}`)).toString("utf8");
      expect(await validateAgainstInfoXsd(xml, await reference("nextcloud/info.xsd"))).not.toEqual([]);
    },
  );

  test("an XSD error points at the offending element's line in the file as written", async () => {
    const { diagnostics } = await checkInfoXml(await readCorpusXml("appstore-tests/badcommand.xml"), "badcommand.xml");
    expect(diagnostics.find((d) => d.message.includes("'bad command'"))).toMatchObject({
      ruleId: "nextcloud/xsd",
      file: "badcommand.xml",
      line: 14,
    });
  });

  test("a syntax error points at libxml2's line", async () => {
    const { diagnostics } = await checkInfoXml(await readCorpusXml("appstore-tests/broken-xml.xml"), "broken-xml.xml");
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: "nextcloud/xml-syntax", line: 12 })]);
  });
});

describe("without info.xsd and pre-info.xslt", () => {
  const missing = () => Promise.resolve(undefined);

  test("warns nextcloud/schema-unavailable and accepts a valid file", async () => {
    const { diagnostics } = await checkInfoXml(await readCorpusXml("apps/notes/appinfo/info.xml"), "notes.xml", {
      readReference: missing,
    });
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: "nextcloud/schema-unavailable", severity: "warning", file: "notes.xml" }),
    ]);
  });

  test("still runs the other rules", async () => {
    const xml = (await readCorpusXml("apps/notes/appinfo/info.xml"))
      .toString("utf8")
      .replace(
        ">https://raw.githubusercontent.com/nextcloud/screenshots/master/apps/Notes/notes.png<",
        ">http://example.com/notes.png<",
      );
    const { diagnostics } = await checkInfoXml(xml, "notes.xml", { readReference: missing });
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["nextcloud/schema-unavailable", "nextcloud/screenshot-https"]);
  });
});
