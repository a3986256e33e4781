import { beforeAll, describe, expect, test } from "vitest";
import type { Diagnostic } from "../../../report/diagnostic.ts";
import { checkInfoXml } from "./check-info-xml.ts";
import { readCorpusXml } from "../../../../test/inspect/nextcloud-archives.ts";

const FILE = "notes-6.0.2.tar.gz!notes/appinfo/info.xml";
let notes = "";

beforeAll(async () => {
  notes = (await readCorpusXml("apps/notes/appinfo/info.xml")).toString("utf8");
});

/** Checks the real notes info.xml with `from` replaced by `to` (which must be there). */
async function checkEdited(from: string | RegExp, to: string): Promise<Diagnostic[]> {
  const edited = notes.replace(from, to);
  if (edited === notes) throw new Error(`${String(from)} not in notes info.xml`);
  return (await checkInfoXml(edited, FILE)).diagnostics;
}

/** The diagnostics of one rule, as rule id, line and severity. */
function only(diagnostics: Diagnostic[], ruleId: string) {
  return diagnostics
    .filter((d) => d.ruleId === ruleId)
    .map(({ ruleId: id, file, line, severity }) => ({ ruleId: id, file, line, severity }));
}

describe("rules beyond the schema, on broken copies of the real notes info.xml", () => {
  test("the unedited file passes every rule", async () => {
    expect((await checkInfoXml(notes, FILE)).diagnostics).toEqual([]);
  });

  test("nextcloud/version-semver: a version that is not semver, even padded", async () => {
    const diagnostics = await checkEdited("<version>6.0.2</version>", "<version>6.0.x</version>");
    expect(only(diagnostics, "nextcloud/version-semver")).toEqual([
      { ruleId: "nextcloud/version-semver", file: FILE, line: 13, severity: "error" },
    ]);
  });

  test("nextcloud/version-semver: `6.0` pads to 6.0.0 (only info.xsd asks for three numbers)", async () => {
    const diagnostics = await checkEdited("<version>6.0.2</version>", "<version>6.0</version>");
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["nextcloud/xsd"]);
  });

  test("nextcloud/licence: not an SPDX id nor an app store alias", async () => {
    const diagnostics = await checkEdited("<licence>agpl</licence>", "<licence>proprietary</licence>");
    expect(only(diagnostics, "nextcloud/licence")).toEqual([
      { ruleId: "nextcloud/licence", file: FILE, line: 14, severity: "error" },
    ]);
  });

  test.each(["AGPL", "Apache", "MIT", "GPL-3.0-or-later"])(
    "nextcloud/licence: accepts %s (aliases mapped as pre-info.xslt does)",
    async (licence) => {
      expect(await checkEdited("<licence>agpl</licence>", `<licence>${licence}</licence>`)).toEqual([]);
    },
  );

  test("nextcloud/author: no author", async () => {
    const diagnostics = await checkEdited(/\t<author>.*\n/g, "");
    expect(only(diagnostics, "nextcloud/author")).toEqual([
      { ruleId: "nextcloud/author", file: FILE, line: 7, severity: "error" },
    ]);
  });

  test("nextcloud/text-en: a name only in German", async () => {
    const diagnostics = await checkEdited("<name>Notes</name>", '<name lang="de">Notizen</name>');
    expect(only(diagnostics, "nextcloud/text-en")).toEqual([
      { ruleId: "nextcloud/text-en", file: FILE, line: 9, severity: "error" },
    ]);
  });

  test('nextcloud/text-en: lang="en" counts as English', async () => {
    expect(
      await checkEdited("<name>Notes</name>", '<name lang="de">Notizen</name><name lang="en">Notes</name>'),
    ).toEqual([]);
  });

  test("nextcloud/category: not in info.xsd's enumeration", async () => {
    const diagnostics = await checkEdited("<category>tools</category>", "<category>pim</category>");
    expect(only(diagnostics, "nextcloud/category")).toEqual([
      { ruleId: "nextcloud/category", file: FILE, line: 22, severity: "error" },
    ]);
  });

  test("nextcloud/category: the legacy `auth` is read as `security`", async () => {
    expect(await checkEdited("<category>tools</category>", "<category>auth</category>")).toEqual([]);
  });

  test("nextcloud/screenshot-https: an http screenshot and thumbnail", async () => {
    const diagnostics = await checkEdited(
      /https:\/\/raw\.githubusercontent\.com\/nextcloud\/screenshots/g,
      "http://raw.githubusercontent.com/nextcloud/screenshots",
    );
    expect(only(diagnostics, "nextcloud/screenshot-https")).toEqual([
      { ruleId: "nextcloud/screenshot-https", file: FILE, line: 26, severity: "error" },
      { ruleId: "nextcloud/screenshot-https", file: FILE, line: 26, severity: "error" },
    ]);
  });

  test("nextcloud/nextcloud-dependency: no <nextcloud> element", async () => {
    const diagnostics = await checkEdited(/\t\t<nextcloud [^>]*\/>\n/, "");
    expect(only(diagnostics, "nextcloud/nextcloud-dependency")).toEqual([
      { ruleId: "nextcloud/nextcloud-dependency", file: FILE, line: 27, severity: "error" },
    ]);
  });

  test("nextcloud/nextcloud-dependency: min-version above max-version", async () => {
    const diagnostics = await checkEdited('min-version="33" max-version="35"', 'min-version="36" max-version="35"');
    expect(only(diagnostics, "nextcloud/nextcloud-dependency")).toEqual([
      { ruleId: "nextcloud/nextcloud-dependency", file: FILE, line: 29, severity: "error" },
    ]);
  });

  test("nextcloud/nextcloud-dependency: max-version 35 covers 35.1", async () => {
    expect(await checkEdited('min-version="33" max-version="35"', 'min-version="35.1" max-version="35"')).toEqual([]);
  });

  test("nextcloud/info-root: a root element other than <info>", async () => {
    const diagnostics = await checkInfoXml("<app><id>notes</id></app>", FILE);
    expect(diagnostics.diagnostics.map((d) => d.ruleId)).toEqual(["nextcloud/info-root"]);
  });
});
