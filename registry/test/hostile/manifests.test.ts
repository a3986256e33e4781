import { symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/report/format-text.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { CORPUS, tempRegistry, type TempRegistry } from "../temp-registry.ts";

/**
 * Manifests (issue 9): one hostile edit per case of the real Harbor manifests, validated
 * as CI does (`validateRegistry`, artifacts from the corpus mirror). Each must be an error
 * with the expected rule on the expected file and line.
 */
const APP = "apps/harbor/app.yaml";
const VERSION = "apps/harbor/versions/helm/1.19.1.yaml";
const PUBLISHER = ".github/appshelf/publishers/goharbor.yaml";

interface Case {
  name: string;
  attack: (r: TempRegistry) => Promise<void>;
  ruleId: string;
  file?: string;
  line?: number;
}

const CASES: Case[] = [
  // Over-long strings (Nextcloud app store limits).
  {
    name: "a name of 129 characters",
    attack: (r) => r.edit(APP, "  en: Harbor\n", `  en: ${"H".repeat(129)}\n`),
    ruleId: "string/too-long",
    line: 4,
  },
  {
    name: "a description of 32 769 characters",
    attack: (r) => r.edit(APP, "    ## Highlights", `    ${"x".repeat(32_769)}`),
    ruleId: "string/too-long",
    line: 10,
  },
  {
    name: "a URL of 257 characters",
    attack: (r) => r.edit(APP, "website: https://goharbor.io", `website: https://goharbor.io/${"a".repeat(240)}`),
    ruleId: "string/too-long",
    line: 35,
  },
  // Control characters and bidi overrides.
  {
    name: "a BEL control character in a name",
    attack: (r) => r.edit(APP, "  en: Harbor\n", '  en: "Har\\abor"\n'),
    ruleId: "string/hidden-characters",
    line: 4,
  },
  {
    name: "an ANSI escape sequence in a summary",
    attack: (r) => r.edit(APP, /  en: Trusted[^\n]*/, '  en: "\\e[2J\\e[1;1HTrusted registry"'),
    ruleId: "string/hidden-characters",
    line: 7,
  },
  {
    name: "a right-to-left override in a name (Trojan Source)",
    attack: (r) => r.edit(APP, "  en: Harbor\n", "  en: Harbor\u202Egpj.exe\n"),
    ruleId: "string/hidden-characters",
    line: 4,
  },
  {
    name: "a bidi isolate in a keyword",
    attack: (r) => r.edit(APP, "harbor, oci", "harbor, o\u2067ci"),
    ruleId: "string/hidden-characters",
    line: 30,
  },
  {
    name: "a zero-width space in a publisher name",
    attack: (r) => r.edit(PUBLISHER, "name: The Harbor project", "name: The Harbor\u200B project"),
    ruleId: "string/hidden-characters",
    file: PUBLISHER,
    line: 3,
  },
  {
    name: "a right-to-left override in a description",
    attack: (r) => r.edit(APP, "    ## Highlights", "    ## High\u202Elights"),
    ruleId: "string/hidden-characters",
    line: 10,
  },
  {
    name: "a NUL in a changelog",
    attack: (r) => r.edit(VERSION, /changelog:\n  en: \|\n    [^\n]*\n/, 'changelog:\n  en: "Harbor\\0 chart"\n'),
    ruleId: "string/hidden-characters",
    file: VERSION,
    line: 14,
  },
  // Non-HTTPS, javascript: and look-alike URLs.
  {
    name: "an http website",
    attack: (r) => r.edit(APP, "website: https://goharbor.io", "website: http://goharbor.io"),
    ruleId: "url/https",
    line: 35,
  },
  {
    name: "a javascript: URL",
    attack: (r) => r.edit(APP, "website: https://goharbor.io", 'website: "javascript:alert(document.cookie)"'),
    ruleId: "url/https",
    line: 35,
  },
  {
    name: "a data: URL",
    attack: (r) => r.edit(APP, "website: https://goharbor.io", 'website: "data:text/html,<script>alert(1)</script>"'),
    ruleId: "url/https",
    line: 35,
  },
  {
    name: "a file: URL as the artifact",
    attack: (r) => r.edit(VERSION, "url: https://helm.goharbor.io/harbor-1.19.1.tgz", "url: file:///etc/passwd"),
    ruleId: "url/https",
    file: VERSION,
    line: 7,
  },
  {
    name: "an upper-case HTTPS: scheme",
    attack: (r) => r.edit(APP, "website: https://goharbor.io", "website: HTTPS://goharbor.io"),
    ruleId: "url/https",
    line: 35,
  },
  {
    name: "a scheme-relative URL",
    attack: (r) => r.edit(PUBLISHER, "url: https://goharbor.io", "url: //evil.example"),
    ruleId: "url/https",
    file: PUBLISHER,
    line: 4,
  },
  {
    name: "a homoglyph domain (Cyrillic а) in a URL",
    attack: (r) => r.edit(APP, "website: https://goharbor.io", "website: https://goh\u0430rbor.io"),
    ruleId: "url/https",
    line: 35,
  },
  {
    name: "a javascript: screenshot",
    attack: (r) => r.edit(APP, "icon: icon.svg", 'icon: icon.svg\nscreenshots:\n  - url: "javascript:alert(1)"'),
    ruleId: "url/https",
    line: 41,
  },
  // Ids with homoglyphs.
  {
    name: "an id with a Cyrillic е",
    attack: (r) => r.edit(APP, "id: harbor", "id: harbоr"),
    ruleId: "app/id-format",
    line: 2,
  },
  {
    name: "an id with a fullwidth letter",
    attack: (r) => r.edit(APP, "id: harbor", "id: ｈarbor"),
    ruleId: "app/id-format",
    line: 2,
  },
  // A version whose file name disagrees with its content.
  {
    name: "a version file named 1.19.1 saying 1.19.2",
    attack: (r) => r.edit(VERSION, 'version: "1.19.1"', 'version: "1.19.2"'),
    ruleId: "version/file-name",
    file: VERSION,
    line: 3,
  },
  {
    name: "an unquoted version that YAML reads as a number",
    attack: (r) => r.edit(VERSION, 'version: "1.19.1"', "version: 1.10"),
    ruleId: "schema/type",
    file: VERSION,
    line: 3,
  },
  {
    name: "a version filed under another delivery",
    attack: (r) => r.edit(VERSION, "delivery: helm", "delivery: compose"),
    ruleId: "version/delivery-folder",
    file: VERSION,
    line: 4,
  },
  // Paths out of the app folder.
  {
    name: "an in-repo artifact path climbing out",
    attack: (r) => r.edit(VERSION, "url: https://helm.goharbor.io/harbor-1.19.1.tgz", "path: ../../../etc/passwd"),
    ruleId: "schema/pattern",
    file: VERSION,
    line: 7,
  },
  {
    name: "a symlinked icon pointing outside the app",
    attack: async (r) => symlink("/etc/passwd", path.join(r.root, "apps/harbor/evil.svg")),
    ruleId: "layout/symlink",
    file: "apps/harbor/evil.svg",
  },
];

describe("manifests: hostile values are errors on their line", () => {
  it.each(CASES)("$ruleId: $name", async ({ attack, ruleId, file = APP, line }) => {
    const r = await tempRegistry(["harbor"]);
    await attack(r);
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    const match = diagnostics.find((d) => d.ruleId === ruleId && d.file === file);
    expect(match, JSON.stringify(diagnostics, null, 2)).toMatchObject({ severity: "error" });
    if (line !== undefined) expect(match?.line).toBe(line);
    for (const d of diagnostics) expect(formatDiagnostic(d).split("\n").length).toBeLessThanOrEqual(2);
  });

  it("names the hidden characters, so a reviewer can find what the editor does not show", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit(APP, "  en: Harbor\n", "  en: Harbor\u202Egpj.exe\n");
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    expect(diagnostics.find((d) => d.ruleId === "string/hidden-characters")?.message).toMatchInlineSnapshot(
      `"name.en contains U+202E (RIGHT-TO-LEFT OVERRIDE): control, invisible and direction-changing characters make text display differently from what it is"`,
    );
  });

  it("keeps legitimate text: CJK names, right-to-left marks and tabs in Markdown, emoji", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit(APP, "  zh-CN: Harbor 镜像仓库", "  zh-CN: Harbor 镜像仓库 🚢\n  ar: هاربر");
    await r.edit(APP, "    ## Highlights", "    ## Highlights \u200F(RTL mark)\t(tab)");
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
