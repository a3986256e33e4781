import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkInfoXml } from "../../src/artifact/inspect/nextcloud/check-info-xml.ts";
import { locateElement, positionAt } from "../../src/artifact/inspect/nextcloud/locate-in-xml.ts";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import { capPerFile, MAX_DIAGNOSTICS_PER_FILE } from "../../src/report/cap-diagnostics.ts";
import { error, warning } from "../../src/report/diagnostic.ts";
import { schemaDiagnostics } from "../../src/manifest/schema-diagnostics.ts";
import { schemaCheck } from "../../src/json/schemas.ts";
import { CORPUS, REPO_ROOT } from "./hostile-archives.ts";

/**
 * Issue 13, class 5: a file with tens of thousands of problems gets the first 100 listed
 * plus a count, and locating them reads the file a bounded number of times.
 */
const INFO_XML = readFileSync(path.join(CORPUS, "nextcloud/apps/tasks/appinfo/info.xml"), "utf8");

describe("diagnostics: capped per file, located in linear time", () => {
  it("info.xml with 40,000 unknown attributes on one element: one nextcloud/too-many-attributes at its line, before libxml2 runs", async () => {
    const attributes = Array.from({ length: 40_000 }, (_, i) => ` u${i}="x"`).join("");
    const hostile = INFO_XML.replace("<id>", `<id${attributes}>`);
    const { diagnostics } = await checkInfoXml(hostile, "tasks.tar.gz!tasks/appinfo/info.xml");
    expect(diagnostics).toEqual([
      {
        ruleId: "nextcloud/too-many-attributes",
        severity: "error",
        file: "tasks.tar.gz!tasks/appinfo/info.xml",
        line: positionAt(hostile, hostile.indexOf("<id ")).line,
        column: positionAt(hostile, hostile.indexOf("<id ")).column,
        message:
          "an element of info.xml has more than 128 attributes; at most 32 are accepted (info.xsd allows at most 3)",
      },
    ]);
  });

  it("a '>' inside attribute values does not hide attributes from the count", async () => {
    const attributes = Array.from({ length: 40 }, (_, i) => ` u${i}=">"`).join("");
    const { diagnostics } = await checkInfoXml(INFO_XML.replace("<id>", `<id${attributes}>`), "f");
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["nextcloud/too-many-attributes"]);
  });

  it("300 elements each with an attribute info.xsd refuses: the first 100 nextcloud/xsd errors, located, and one report/truncated counting the other 200", async () => {
    const authors = Array.from({ length: 300 }, (_, i) => `<author u${i}="x">A</author>\n`).join("");
    const hostile = INFO_XML.replace("<author", `${authors}<author`);
    const { diagnostics } = await checkInfoXml(hostile, "f");
    expect(diagnostics.filter((d) => d.ruleId === "nextcloud/xsd")).toHaveLength(MAX_DIAGNOSTICS_PER_FILE);
    expect(diagnostics.filter((d) => d.ruleId === "report/truncated")).toEqual([
      expect.objectContaining({
        severity: "error",
        message: "200 more problems in this file are not listed (the first 100 are)",
      }),
    ]);
    const first = diagnostics.find((d) => d.message.includes("'u0'"));
    expect(first?.line).toBe(positionAt(hostile, hostile.indexOf("<author u0=")).line);
  });

  it("a manifest with 5,000 unknown properties: 100 schema/unknown-property, each at its key, and a count", () => {
    const base = readFileSync(path.join(REPO_ROOT, "apps/gitea/app.yaml"), "utf8");
    const text = `${base}${Array.from({ length: 5000 }, (_, i) => `extra${i}: 1\n`).join("")}`;
    const parsed = parseYaml("apps/gitea/app.yaml", text);
    const diagnostics = schemaDiagnostics(parsed, schemaCheck("app")(parsed.data));
    const unknown = diagnostics.filter((d) => d.ruleId === "schema/unknown-property");
    expect(unknown).toHaveLength(MAX_DIAGNOSTICS_PER_FILE);
    expect(unknown[99]).toMatchObject({ line: base.split("\n").length + 99, column: 1 });
    expect(diagnostics.at(-1)).toMatchObject({
      ruleId: "report/truncated",
      message: "4900 more problems in this file are not listed (the first 100 are)",
    });
  });

  it("capPerFile keeps the first 100 of each file in order, counts the rest, and leaves other files alone", () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      (i === 200 ? error : warning)("r/x", "a.yaml", { line: i + 1, column: 1 }, `problem ${i}`),
    );
    const capped = capPerFile([...many, error("r/y", "b.yaml", undefined, "other file")]);
    expect(capped).toHaveLength(102);
    expect(capped.slice(0, 100).map((d) => d.message)).toEqual(many.slice(0, 100).map((d) => d.message));
    expect(capped.at(-1)).toMatchObject({
      ruleId: "report/truncated",
      file: "a.yaml",
      severity: "error",
      message: "150 more problems in this file are not listed (the first 100 are)",
    });
  });

  it("capPerFile counts a file's diagnostics across the list when they are not in one run (an unsorted list)", () => {
    const files = ["c.yaml", "a.yaml", "b.yaml"];
    const list = Array.from({ length: 900 }, (_, i) =>
      (i % 97 === 0 ? error : warning)("r/x", files[(i * 7) % 3] ?? "", { line: i + 1, column: 1 }, `p${i}`),
    );
    // The rule spelled out: the first 100 of each file in list order, then one count per capped file, in the order files first appear.
    const seen = new Map<string, typeof list>();
    for (const d of list) seen.set(d.file, [...(seen.get(d.file) ?? []), d]);
    const keptOf = new Set([...seen.values()].flatMap((ds) => ds.slice(0, MAX_DIAGNOSTICS_PER_FILE)));
    const counts = [...seen].map(([file, ds]) => ({
      file,
      severity: ds.slice(MAX_DIAGNOSTICS_PER_FILE).some((d) => d.severity === "error") ? "error" : "warning",
      message: `${ds.length - MAX_DIAGNOSTICS_PER_FILE} more problems in this file are not listed (the first 100 are)`,
    }));
    const capped = capPerFile(list);
    expect(capped.slice(0, 300)).toEqual(list.filter((d) => keptOf.has(d)));
    expect(capped.slice(300).map(({ file, severity, message }) => ({ file, severity, message }))).toEqual(counts);
  });

  it("the XML locator answers as a fresh scan would, for every line of a real file (the index is built once per text)", () => {
    const lines = INFO_XML.split("\n");
    for (let offset = 0; offset < INFO_XML.length; offset += 37) {
      const before = INFO_XML.slice(0, offset);
      expect(positionAt(INFO_XML, offset)).toEqual({
        line: before.split("\n").length,
        column: offset - (before.lastIndexOf("\n") + 1) + 1,
      });
    }
    expect(locateElement(INFO_XML, "author")).toEqual(positionAt(INFO_XML, INFO_XML.indexOf("<author")));
    expect(locateElement(`<!-- <id> -->\n${INFO_XML}`, "id")?.line).toBe(
      lines.findIndex((l) => l.includes("<id>")) + 2,
    );
  });
});
