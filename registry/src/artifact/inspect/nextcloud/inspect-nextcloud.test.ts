import { readFile, rename, rm, mkdir, writeFile, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { Diagnostic } from "../../../report/diagnostic.ts";
import { inspectNextcloud, inspectNextcloudWith } from "./inspect-nextcloud.ts";
import {
  editFile,
  inputFor,
  NEXTCLOUD_CORPUS,
  packZip,
  readTree,
  REAL_RELEASES,
  rebuildReal,
  unpackReal,
} from "../../../../test/inspect/nextcloud-archives.ts";

const NOTES = "notes-6.0.2.tar.gz";
const NOTES_INFO = "notes/appinfo/info.xml";
const NOTES_MANIFEST = "apps/notes/versions/nextcloud/6.0.2.yaml";

function realBytes(archive: string): Promise<Buffer> {
  return readFile(path.join(NEXTCLOUD_CORPUS, "archives", archive));
}

/** Inspects a notes 6.0.2 archive against the real notes manifest (optionally edited). */
async function inspectNotes(bytes: Buffer, editYaml?: (text: string) => string) {
  return inspectNextcloud(await inputFor("notes", "6.0.2", bytes, NOTES, editYaml));
}

/** Without the `nextcloud/unsigned` warning every sample release gets (none is signed: see codesigning/). */
function signingAside(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.ruleId !== "nextcloud/unsigned");
}

function errorsOf(diagnostics: Diagnostic[]) {
  return diagnostics
    .filter((d) => d.severity === "error")
    .map(({ ruleId, file, line }) => (line === undefined ? { ruleId, file } : { ruleId, file, line }));
}

describe("the real release archives are accepted", () => {
  test.each(REAL_RELEASES)("$archive", async ({ appId, version, archive }) => {
    const result = await inspectNextcloud(await inputFor(appId, version, await realBytes(archive), archive));
    expect(signingAside(result.diagnostics)).toEqual([]);
    expect(result.metadata).toMatchObject({ nextcloud: { id: appId, version, licences: ["agpl"] } });
  });

  test("notes metadata is read from info.xml", async () => {
    const { metadata } = await inspectNotes(await realBytes(NOTES));
    expect(metadata).toEqual({
      nextcloud: {
        id: "notes",
        name: { en: "Notes" },
        summary: { en: "Distraction-free notes and writing" },
        version: "6.0.2",
        licences: ["agpl"],
        authors: [
          { name: "Kristof Hamann" },
          { name: "Bernhard Posselt" },
          { name: "Hendrik Leppelsack" },
          { name: "Jan-Christoph Borchardt" },
        ],
        categories: ["office", "organization", "tools"],
        screenshots: ["https://raw.githubusercontent.com/nextcloud/screenshots/master/apps/Notes/notes.png"],
        website: "https://github.com/nextcloud/notes",
        bugs: "https://github.com/nextcloud/notes/issues",
        repository: "https://github.com/nextcloud/notes.git",
        nextcloud: { min: "33", max: "35" },
        php: { min: "8.2", max: "8.5" },
      },
    });
  });

  test("a zip of the same files is accepted with the same metadata", async () => {
    const zip = packZip(await readTree(await unpackReal(NOTES)));
    const fromZip = await inspectNextcloud(await inputFor("notes", "6.0.2", zip, "notes-6.0.2.zip"));
    expect(signingAside(fromZip.diagnostics)).toEqual([]);
    expect(fromZip.metadata).toEqual((await inspectNotes(await realBytes(NOTES))).metadata);
  });

  test("translations keep their language tag; untagged is en", async () => {
    const bytes = await rebuildReal(NOTES, (dir) =>
      editFile(
        dir,
        NOTES_INFO,
        "<name>Notes</name>",
        '<name>Notes</name><name lang="de">Notizen</name><name lang="pt-br">Notas</name>',
      ),
    );
    const { metadata } = await inspectNotes(bytes);
    expect(metadata).toMatchObject({ nextcloud: { name: { en: "Notes", de: "Notizen", "pt-br": "Notas" } } });
  });
});

/** Broken copies of the real notes archive, each with the rule and file that must reject it. */
const BROKEN: {
  name: string;
  edit: (dir: string) => Promise<void>;
  errors: { ruleId: string; file: string; line?: number }[];
}[] = [
  {
    name: "top folder not named after the app id",
    edit: (dir) => rename(path.join(dir, "notes"), path.join(dir, "notes_app")),
    errors: [{ ruleId: "nextcloud/top-folder", file: `${NOTES}!notes_app` }],
  },
  {
    name: "top folder with an upper-case letter",
    edit: (dir) => rename(path.join(dir, "notes"), path.join(dir, "Notes")),
    errors: [{ ruleId: "nextcloud/top-folder", file: `${NOTES}!Notes` }],
  },
  {
    name: "two top-level folders",
    edit: async (dir) => {
      await mkdir(path.join(dir, "extra"));
      await writeFile(path.join(dir, "extra", "README.md"), "stray\n");
    },
    errors: [{ ruleId: "nextcloud/top-folder", file: NOTES }],
  },
  {
    name: "a file, not a folder, at the top",
    edit: async (dir) => {
      await rm(path.join(dir, "notes"), { recursive: true });
      await writeFile(path.join(dir, "notes"), "not a folder\n");
    },
    errors: [{ ruleId: "nextcloud/top-folder", file: `${NOTES}!notes` }],
  },
  {
    name: "no appinfo/info.xml",
    edit: (dir) => rm(path.join(dir, NOTES_INFO)),
    errors: [{ ruleId: "nextcloud/missing-info-xml", file: `${NOTES}!${NOTES_INFO}` }],
  },
  {
    name: "<id> other than the app id",
    edit: (dir) => editFile(dir, NOTES_INFO, "<id>notes</id>", "<id>notes_plus</id>"),
    errors: [{ ruleId: "nextcloud/id-mismatch", file: `${NOTES}!${NOTES_INFO}`, line: 8 }],
  },
  {
    name: "<version> other than the manifest's",
    edit: (dir) => editFile(dir, NOTES_INFO, "<version>6.0.2</version>", "<version>6.0.3</version>"),
    errors: [{ ruleId: "nextcloud/version-mismatch", file: NOTES_MANIFEST, line: 3 }],
  },
  {
    name: "no <nextcloud> dependency",
    edit: (dir) => editFile(dir, NOTES_INFO, /\t\t<nextcloud [^>]*\/>\n/, ""),
    errors: [
      { ruleId: "nextcloud/nextcloud-dependency", file: `${NOTES}!${NOTES_INFO}`, line: 27 },
      { ruleId: "nextcloud/xsd", file: `${NOTES}!${NOTES_INFO}`, line: 27 },
    ],
  },
  {
    name: "http screenshot",
    edit: (dir) =>
      editFile(
        dir,
        NOTES_INFO,
        ">https://raw.githubusercontent.com/nextcloud/screenshots/master/apps/Notes/notes.png<",
        ">http://example.com/notes.png<",
      ),
    errors: [
      { ruleId: "nextcloud/screenshot-https", file: `${NOTES}!${NOTES_INFO}`, line: 26 },
      { ruleId: "nextcloud/xsd", file: `${NOTES}!${NOTES_INFO}`, line: 26 },
    ],
  },
  {
    name: "DOCTYPE with an external entity (XXE)",
    edit: (dir) =>
      editFile(dir, NOTES_INFO, "<info ", '<!DOCTYPE info [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<info '),
    errors: [{ ruleId: "nextcloud/xml-doctype", file: `${NOTES}!${NOTES_INFO}`, line: 7 }],
  },
  {
    name: "info.xml that is not well-formed",
    edit: (dir) => editFile(dir, NOTES_INFO, "</dependencies>", ""),
    errors: [{ ruleId: "nextcloud/xml-syntax", file: `${NOTES}!${NOTES_INFO}`, line: 47 }],
  },
  {
    name: "a symbolic link (refused by the archive reader)",
    edit: (dir) => symlink("/etc/passwd", path.join(dir, "notes", "passwd")),
    errors: [{ ruleId: "archive/link", file: `${NOTES}!notes/passwd` }],
  },
];

describe("broken artifacts are rejected with the right rule and file", () => {
  test.each(BROKEN)("$name", async ({ edit, errors }) => {
    const result = await inspectNotes(await rebuildReal(NOTES, edit));
    expect(errorsOf(result.diagnostics)).toEqual(errors);
  });

  test("a registry app id with '-' cannot be a Nextcloud app folder, even when they are equal", async () => {
    const bytes = await rebuildReal(NOTES, (dir) => rename(path.join(dir, "notes"), path.join(dir, "notes-app")));
    const input = await inputFor("notes", "6.0.2", bytes, NOTES);
    const result = await inspectNextcloud({ ...input, appId: "notes-app" });
    expect(errorsOf(result.diagnostics)).toEqual([{ ruleId: "nextcloud/top-folder", file: `${NOTES}!notes-app` }]);
  });

  test("a broken artifact yields no metadata", async () => {
    const bytes = await rebuildReal(NOTES, (dir) => editFile(dir, NOTES_INFO, "<id>notes</id>", "<id>notes_plus</id>"));
    expect((await inspectNotes(bytes)).metadata).toBeUndefined();
  });

  test("a tar that is not gzip-compressed is refused", async () => {
    const result = await inspectNotes(Buffer.from("notes/appinfo/info.xml\0not an archive"));
    expect(errorsOf(result.diagnostics)).toEqual([{ ruleId: "archive/format", file: NOTES }]);
  });
});

describe("the manifest's compatibility.nextcloud must match info.xml", () => {
  test("<=35.0.0 is narrower than max-version 35: error at the manifest line", async () => {
    const result = await inspectNotes(await realBytes(NOTES), (yaml) =>
      yaml.replace('nextcloud: ">=33 <=35"', 'nextcloud: ">=33 <=35.0.0"'),
    );
    expect(errorsOf(result.diagnostics)).toEqual([
      { ruleId: "nextcloud/compatibility-mismatch", file: NOTES_MANIFEST, line: 12 },
    ]);
    expect(signingAside(result.diagnostics)[0]?.message).toBe(
      'compatibility.nextcloud is ">=33 <=35.0.0" but info.xml declares <nextcloud min-version="33" max-version="35">, i.e. ">=33 <=35"; they must admit the same Nextcloud versions',
    );
    expect(result.metadata).toBeDefined();
  });

  test("an equivalent spelling is accepted", async () => {
    const result = await inspectNotes(await realBytes(NOTES), (yaml) =>
      yaml.replace('nextcloud: ">=33 <=35"', 'nextcloud: ">=33.0.0 <36.0.0-0"'),
    );
    expect(signingAside(result.diagnostics)).toEqual([]);
  });

  test("a missing range is an error at compatibility", async () => {
    const result = await inspectNotes(await realBytes(NOTES), (yaml) => yaml.replace(/  nextcloud: ">=33 <=35"\n/, ""));
    expect(errorsOf(result.diagnostics)).toEqual([
      { ruleId: "nextcloud/compatibility-mismatch", file: NOTES_MANIFEST, line: 12 },
    ]);
  });
});

test("without info.xsd / pre-info.xslt: a warning, and the archive rules still run", async () => {
  const missing = () => Promise.resolve(undefined);
  const ok = await inspectNextcloudWith(await inputFor("notes", "6.0.2", await realBytes(NOTES), NOTES), {
    readReference: missing,
  });
  expect(signingAside(ok.diagnostics).map((d) => [d.ruleId, d.severity])).toEqual([
    ["nextcloud/schema-unavailable", "warning"],
  ]);
  expect(ok.metadata).toBeDefined();
  const broken = await rebuildReal(NOTES, (dir) => editFile(dir, NOTES_INFO, "<id>notes</id>", "<id>notes_plus</id>"));
  const bad = await inspectNextcloudWith(await inputFor("notes", "6.0.2", broken, NOTES), { readReference: missing });
  expect(errorsOf(bad.diagnostics).map((d) => d.ruleId)).toEqual(["nextcloud/id-mismatch"]);
});
