import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { appshelfTarList, compareTarReaders, paxArchiveArbitrary, paxArchiveBytes } from "./fuzz/pax-archives.ts";
import { paxData, rawTar, type RawHeader } from "./fuzz/raw-tar.ts";
import { gnuTarList, pythonTarList, ustarModelList } from "./fuzz/real-tar-readers.ts";

/**
 * Issue 13, class 1: tar archives whose entry names differ between readers. Each case is
 * read by Appshelf and by the real readers (the GNU `tar` binary, Python's `tarfile`) and
 * a model of PHP's Archive_Tar; the regression cases first show the readers really
 * disagree, then that Appshelf refuses, naming the entry.
 */
const dir = mkdtempSync(path.join(tmpdir(), "appshelf-tar-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function onDisk(tar: Buffer): string {
  const file = path.join(dir, `t${Math.random().toString(36).slice(2)}.tar`);
  writeFileSync(file, tar);
  return file;
}

const infoXml: RawHeader = { name: "appinfo/info.xml", prefix: "app", type: "0", data: "<info/>" };

describe("tar: entry names readers disagree on", () => {
  it("a pax global header with path= renames the next entry in GNU tar and Python only: archive/ambiguous-entry", async () => {
    const tar = rawTar([
      { name: "pax_global_header", type: "g", data: paxData([["path", "app/appinfo/info.xml"]]) },
      { name: "app/README", type: "0", data: "evil" },
    ]);
    const file = onDisk(tar);
    expect(gnuTarList(file)).toEqual({ ok: true, names: ["app/appinfo/info.xml"] });
    expect(pythonTarList(file)).toEqual({ ok: true, names: ["app/appinfo/info.xml"] });
    expect(ustarModelList(tar)).toEqual({ ok: true, names: ["app/README"] });
    const ours = await appshelfTarList(tar);
    expect(ours).toMatchObject({ ok: false, ruleId: "archive/ambiguous-entry" });
    expect(ours.ok ? "" : ours.error).toContain("a pax global header sets 'path'");
  });

  it("a pax local path that differs from the ustar prefix/name splits GNU tar and Python from Archive_Tar: archive/ambiguous-entry naming both", async () => {
    const tar = rawTar([
      { name: "PaxHeaders/x", type: "x", data: paxData([["path", "app/appinfo/info.xml"]]) },
      { name: "README", prefix: "app", type: "0", data: "x" },
    ]);
    const file = onDisk(tar);
    expect(gnuTarList(file)).toEqual({ ok: true, names: ["app/appinfo/info.xml"] });
    expect(pythonTarList(file)).toEqual({ ok: true, names: ["app/appinfo/info.xml"] });
    expect(ustarModelList(tar)).toEqual({ ok: true, names: ["app/README"] });
    const ours = await appshelfTarList(tar);
    expect(ours).toMatchObject({ ok: false, ruleId: "archive/ambiguous-entry" });
    expect(ours.ok ? "" : ours.error).toBe(
      "the pax header names entry 'app/appinfo/info.xml' but its ustar header names it 'app/README': GNU tar, Python and node's tar read the first, PHP's Archive_Tar (Nextcloud) the second",
    );
  });

  it("accepts a pax path equal to the prefix-joined ustar name, and a GNU long name abbreviated beside it; every reader agrees", async () => {
    const long = `app/${"l".repeat(150)}.txt`;
    const tar = rawTar([
      {
        name: "PaxHeaders/i",
        type: "x",
        data: paxData([
          ["path", "app/appinfo/info.xml"],
          ["mtime", "1.5"],
        ]),
      },
      infoXml,
      { name: "././@LongLink", type: "L", data: `${long}\u0000`, magic: "gnu" },
      { name: long.slice(0, 99), type: "0", data: "y", magic: "gnu" },
    ]);
    expect(await compareTarReaders(tar, dir)).toEqual({ accepted: true });
    expect(await appshelfTarList(tar)).toEqual({ ok: true, names: ["app/appinfo/info.xml", long] });
  });

  it.each<[string, RawHeader[], string, string]>([
    [
      "a pax size other than the header's",
      [{ name: "P", type: "x", data: paxData([["size", "1024"]]) }, infoXml],
      "archive/ambiguous-entry",
      "gives size 1024, the ustar header 7",
    ],
    [
      "hdrcharset",
      [{ name: "P", type: "x", data: paxData([["hdrcharset", "BINARY"]]) }, infoXml],
      "archive/ambiguous-entry",
      "sets 'hdrcharset'",
    ],
    [
      "two long names",
      [
        { name: "././@LongLink", type: "L", data: "app/a\u0000" },
        { name: "././@LongLink", type: "L", data: "app/b\u0000" },
        { name: "app/a", type: "0" },
      ],
      "archive/ambiguous-entry",
      "two GNU long-name headers",
    ],
    [
      "a long name and a pax path",
      [
        { name: "P", type: "x", data: paxData([["path", "app/a"]]) },
        { name: "././@LongLink", type: "L", data: "app/a\u0000" },
        { name: "app/a", type: "0" },
      ],
      "archive/ambiguous-entry",
      "both by a GNU long name and a pax path",
    ],
    [
      "a long name the ustar name does not abbreviate",
      [
        { name: "././@LongLink", type: "L", data: "app/appinfo/info.xml\u0000" },
        { name: "app/README", type: "0" },
      ],
      "archive/ambiguous-entry",
      "does not begin with the name 'app/README'",
    ],
    [
      "a GNU sparse entry",
      [{ name: "app/big", type: "S", magic: "gnu" }],
      "archive/sparse",
      "entry 'app/big' is a GNU sparse file",
    ],
    [
      "pax GNU.sparse keys",
      [{ name: "P", type: "x", data: paxData([["GNU.sparse.major", "1"]]) }, infoXml],
      "archive/sparse",
      "sets 'GNU.sparse.major'",
    ],
    ["a volume label", [{ name: "label", type: "V" }, infoXml], "archive/entry-type", "entry 'label' has tar type 'V'"],
    [
      "a folder with data",
      [{ name: "app/", type: "5", data: "x" }],
      "archive/ambiguous-entry",
      "Python reads that data as the next header",
    ],
    [
      "a GNU header with a prefix",
      [{ ...infoXml, magic: "gnu" }],
      "archive/ambiguous-entry",
      "GNU header with data in the POSIX prefix field",
    ],
    ["a nameless header", [{ name: "", type: "0", data: "x" }], "archive/ambiguous-entry", "has no name"],
  ])("refuses %s", async (_what, headers, ruleId, message) => {
    const ours = await appshelfTarList(rawTar(headers));
    expect(ours).toMatchObject({ ok: false, ruleId });
    expect(ours.ok ? "" : ours.error).toContain(message);
  });

  it("refuses data after the end-of-archive blocks (a tar with a zip appended inside the gzip)", async () => {
    const ours = await appshelfTarList(rawTar([infoXml], Buffer.from("PK\u0003\u0004")));
    expect(ours).toMatchObject({ ok: false, ruleId: "archive/ambiguous-entry" });
  });

  it("differential, 80 generated archives (seed 13): whatever Appshelf accepts, GNU tar, Python and Archive_Tar list the same", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(paxArchiveArbitrary(), async (archive) => {
        if ((await compareTarReaders(paxArchiveBytes(archive), dir)).accepted) accepted++;
      }),
      { seed: 13, numRuns: 80 },
    );
    // The generator reaches both sides: a property that only ever refuses proves nothing.
    expect(accepted).toBeGreaterThan(8);
    expect(accepted).toBeLessThan(72);
  });
});
