import { describe, expect, it } from "vitest";
import type { RegistryRunOptions as ValidateOptions } from "../src/run/run-options.ts";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { CORPUS, errorsOf, HARBOR_V1_WARNING, tempRegistry, type TempRegistry } from "./temp-registry.ts";

const APP = "apps/harbor/app.yaml";
const VERSION = "apps/harbor/versions/helm/1.19.1.yaml";
const PUBLISHER = ".github/appshelf/publishers/goharbor.yaml";

interface Case {
  name: string;
  /** Breaks a copy of the real registry. */
  breakIt: (r: TempRegistry) => Promise<void>;
  expected: { ruleId: string; file: string; line?: number; message?: RegExp };
  options?: Partial<ValidateOptions>;
}

/** One broken copy of a real manifest per rule, with the file, line and rule it must be reported at. */
const CASES: Case[] = [
  {
    name: "id differs from folder",
    breakIt: (r) => r.edit(APP, "id: harbor", "id: harbour"),
    expected: {
      ruleId: "app/id-matches-folder",
      file: APP,
      line: 2,
      message: /'harbour' but the app folder is 'harbor'/,
    },
  },
  {
    name: "missing license",
    breakIt: (r) => r.edit(APP, "license: Apache-2.0\n", ""),
    expected: { ruleId: "schema/required", file: APP, line: 2, message: /missing the required property 'license'/ },
  },
  {
    name: "misspelt property",
    breakIt: (r) => r.edit(APP, "license: Apache-2.0", "licence: Apache-2.0"),
    expected: { ruleId: "schema/unknown-property", file: APP, line: 31 },
  },
  {
    name: "http website",
    breakIt: (r) => r.edit(APP, "website: https://goharbor.io", "website: http://goharbor.io"),
    expected: { ruleId: "url/https", file: APP, line: 35 },
  },
  {
    name: "javascript: URL",
    breakIt: (r) => r.edit(APP, "website: https://goharbor.io", "website: javascript:alert(1)"),
    expected: { ruleId: "url/https", file: APP, line: 35 },
  },
  {
    name: "unknown category",
    breakIt: (r) => r.edit(APP, "[developer-tools, security]", "[developer-tool, security]"),
    expected: { ruleId: "app/category-exists", file: APP, line: 29, message: /unknown category 'developer-tool'/ },
  },
  {
    name: "publisher without a record",
    breakIt: (r) => r.edit(APP, "publisher: goharbor", "publisher: bitnami-by-broadcom"),
    expected: {
      ruleId: "app/publisher-exists",
      file: APP,
      line: 32,
      message: /publisher 'bitnami-by-broadcom' has no record: .github\/appshelf\/publishers\/bitnami-by-broadcom.yaml/,
    },
  },
  {
    name: "publisher as free text",
    breakIt: (r) =>
      r.edit(APP, "publisher: goharbor", "publisher: { name: Bitnami by Broadcom, url: 'https://bitnami.com' }"),
    expected: { ruleId: "schema/type", file: APP, line: 32 },
  },
  {
    name: "packagedBy without a record",
    breakIt: (r) => r.edit(VERSION, "status: released", "packagedBy: someone\nstatus: released"),
    expected: { ruleId: "app/publisher-exists", file: VERSION, message: /packagedBy 'someone' has no record/ },
  },
  {
    name: "publisher record with another id",
    breakIt: (r) => r.edit(PUBLISHER, "id: goharbor", "id: harbor"),
    expected: { ruleId: "publisher/id-matches-file", file: PUBLISHER, line: 2 },
  },
  {
    name: "publisher record of a broken file vouches for nothing",
    breakIt: (r) => r.edit(PUBLISHER, "  state: unverified", "  state: verified"),
    expected: { ruleId: "app/publisher-exists", file: APP, line: 32 },
  },
  {
    name: "license not SPDX",
    breakIt: (r) => r.edit(APP, "license: Apache-2.0", "license: Apache 2"),
    expected: { ruleId: "app/license-spdx", file: APP, line: 31 },
  },
  {
    name: "icon missing",
    breakIt: (r) => r.edit(APP, "icon: icon.svg", "icon: logo.svg"),
    expected: { ruleId: "app/icon", file: APP, line: 39, message: /not a file in the app folder/ },
  },
  {
    name: "icon with a script",
    breakIt: (r) => r.edit("apps/harbor/icon.svg", "</svg>", "<script>alert(1)</script></svg>"),
    expected: { ruleId: "app/icon", file: APP, line: 39, message: /<script>/ },
  },
  {
    name: "icon not an image",
    breakIt: (r) => r.write("apps/harbor/icon.svg", "hello"),
    expected: { ruleId: "app/icon", file: APP, line: 39, message: /not a valid SVG/ },
  },
  {
    name: "duplicate key",
    breakIt: (r) => r.edit(APP, "status: active", "status: active\nlicense: MIT"),
    expected: { ruleId: "yaml/duplicate-key", file: APP, line: 41 },
  },
  {
    name: "unknown tag",
    breakIt: (r) => r.edit(APP, "license: Apache-2.0", "license: !spdx Apache-2.0"),
    expected: { ruleId: "yaml/unknown-tag", file: APP, line: 31 },
  },
  {
    name: "syntax error",
    breakIt: (r) => r.edit(APP, "categories: [developer-tools, security]", "categories: [developer-tools, security"),
    expected: { ruleId: "yaml/syntax", file: APP },
  },
  {
    name: "summary too long",
    breakIt: (r) => r.edit(APP, /summary:\n  en: [^\n]*/, `summary:\n  en: ${"x".repeat(129)}`),
    expected: { ruleId: "string/too-long", file: APP, line: 7, message: /129 characters; at most 128/ },
  },
  {
    name: "name on two lines",
    breakIt: (r) => r.edit(APP, "  en: Harbor\n", '  en: "Har\\nbor"\n'),
    expected: { ruleId: "string/single-line", file: APP, line: 4 },
  },
  {
    name: "bad language tag",
    breakIt: (r) => r.edit(APP, "  zh-CN: Harbor 镜像仓库", "  chinese: Harbor 镜像仓库"),
    expected: { ruleId: "lang/tag", file: APP, line: 5 },
  },
  {
    name: "unquoted version",
    breakIt: (r) => r.edit(VERSION, 'version: "1.19.1"', "version: 1.10"),
    expected: { ruleId: "schema/type", file: VERSION, line: 3, message: /must be a string, not the number 1.1/ },
  },
  {
    name: "version differs from file name",
    breakIt: (r) => r.edit(VERSION, 'version: "1.19.1"', 'version: "1.19.2"'),
    expected: { ruleId: "version/file-name", file: VERSION, line: 3 },
  },
  {
    name: "delivery differs from folder",
    breakIt: (r) => r.edit(VERSION, "delivery: helm", "delivery: compose"),
    expected: { ruleId: "version/delivery-folder", file: VERSION, line: 4 },
  },
  {
    name: "unknown delivery type",
    breakIt: (r) => r.edit(VERSION, "delivery: helm", "delivery: snap"),
    expected: { ruleId: "schema/enum", file: VERSION, line: 4 },
  },
  {
    name: "version not semver",
    breakIt: async (r) =>
      r.write(
        "apps/harbor/versions/helm/v1.19.yaml",
        (await r.read(VERSION)).replace('version: "1.19.1"', 'version: "v1.19"'),
      ),
    expected: { ruleId: "version/semver", file: "apps/harbor/versions/helm/v1.19.yaml", line: 3 },
  },
  {
    name: "duplicate version by semver precedence",
    breakIt: async (r) =>
      r.write(
        "apps/harbor/versions/helm/1.19.1+repack.yaml",
        (await r.read(VERSION)).replace('version: "1.19.1"', 'version: "1.19.1+repack"'),
      ),
    expected: { ruleId: "version/duplicate", file: "apps/harbor/versions/helm/1.19.1.yaml", line: 3 },
  },
  {
    name: "bad compatibility range",
    breakIt: (r) => r.edit(VERSION, 'kubernetes: ">=1.20.0-0"', 'kubernetes: "newest please"'),
    expected: { ruleId: "version/compatibility-range", file: VERSION, line: 11 },
  },
  {
    name: "bad release date",
    breakIt: (r) => r.edit(VERSION, 'released: "2026-05-27"', 'released: "2026-02-30"'),
    expected: { ruleId: "schema/format", file: VERSION, line: 17 },
  },
  {
    name: "both url and path",
    breakIt: (r) => r.edit(VERSION, "  sha256:", "  path: harbor.tgz\n  sha256:"),
    expected: { ruleId: "artifact/url-or-path", file: VERSION, line: 7 },
  },
  {
    name: "digest not hex",
    breakIt: (r) => r.edit(VERSION, "sha256: 593f", "sha256: 593F"),
    expected: { ruleId: "digest/format", file: VERSION, line: 8 },
  },
  {
    name: "digest changed (the corpus holds a file of that name with another digest)",
    breakIt: (r) =>
      r.edit(VERSION, "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1", "ab".repeat(32)),
    expected: {
      ruleId: "artifact/digest-mismatch",
      file: VERSION,
      line: 8,
      message: /harbor-1\.19\.1\.tgz is [0-9a-f]{64}, but the manifest says (ab){32}/,
    },
  },
  {
    name: "size changed",
    breakIt: (r) => r.edit(VERSION, "size: 54222", "size: 54221"),
    expected: {
      ruleId: "artifact/size-mismatch",
      file: VERSION,
      line: 9,
      message: /54222 bytes, but the manifest says 54221/,
    },
  },
  {
    name: "in-repo artifact missing",
    breakIt: (r) =>
      r.edit("apps/wordpress/versions/compose/6.8.2.yaml", "path: compose.yaml", "path: docker-compose.yaml"),
    expected: { ruleId: "artifact/missing", file: "apps/wordpress/versions/compose/6.8.2.yaml" },
  },
  {
    name: "in-repo artifact edited after release",
    breakIt: async (r) =>
      r.write("apps/wordpress/compose.yaml", `${await r.read("apps/wordpress/compose.yaml")}# tampered\n`),
    expected: { ruleId: "artifact/digest-mismatch", file: "apps/wordpress/versions/compose/6.8.2.yaml" },
  },
  {
    name: "artifact required but unverifiable",
    breakIt: async () => undefined,
    options: { mirrors: [], requireArtifacts: true },
    expected: { ruleId: "artifact/not-verified", file: VERSION, line: 7 },
  },
  {
    name: "unknown delivery folder",
    breakIt: async (r) => r.write("apps/harbor/versions/snap/1.0.0.yaml", "version: '1.0.0'\n"),
    expected: { ruleId: "layout/unknown-delivery", file: "apps/harbor/versions/snap" },
  },
  {
    name: "version file with .yml",
    breakIt: async (r) => r.write("apps/harbor/versions/helm/1.0.0.yml", "version: '1.0.0'\n"),
    expected: { ruleId: "layout/unexpected-file", file: "apps/harbor/versions/helm/1.0.0.yml" },
  },
  {
    name: "app folder without app.yaml",
    breakIt: async (r) => r.write("apps/ghost/versions/helm/.keep", ""),
    expected: { ruleId: "layout/missing-app-yaml", file: "apps/ghost" },
  },
];

async function run(r: TempRegistry, options: Partial<ValidateOptions> = {}) {
  return validateRegistry({ root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: true, ...options });
}

describe("each rule rejects a broken copy of a real manifest", () => {
  it("the unbroken copy is clean", async () => {
    const r = await tempRegistry(["harbor", "wordpress"]);
    expect((await run(r)).diagnostics).toMatchObject([HARBOR_V1_WARNING]);
  });

  it.each(CASES)("$expected.ruleId: $name", async ({ breakIt, expected, options }) => {
    const r = await tempRegistry(["harbor", "wordpress"]);
    await breakIt(r);
    const { diagnostics } = await run(r, options);
    const match = diagnostics.find((d) => d.ruleId === expected.ruleId && d.file === expected.file);
    expect(match, JSON.stringify(diagnostics, null, 2)).toBeDefined();
    expect(match?.severity).toBe("error");
    if (expected.line !== undefined) expect(match?.line).toBe(expected.line);
    if (expected.message) expect(match?.message).toMatch(expected.message);
  });
});

describe("reporting", () => {
  it("reports every problem of a run, not just the first", async () => {
    const r = await tempRegistry(["harbor", "wordpress"]);
    await r.edit(APP, "id: harbor", "id: harbour");
    await r.edit(APP, "website: https://goharbor.io", "website: http://goharbor.io");
    await r.edit(VERSION, 'version: "1.19.1"', 'version: "1.19.2"');
    await r.edit("apps/wordpress/app.yaml", "license: Apache-2.0", "license: Apache 2");
    const { diagnostics } = await run(r);
    expect(errorsOf(diagnostics).map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([
      "apps/harbor/app.yaml:2 app/id-matches-folder",
      "apps/harbor/app.yaml:35 url/https",
      "apps/harbor/versions/helm/1.19.1.yaml:3 helm/version-mismatch",
      "apps/harbor/versions/helm/1.19.1.yaml:3 version/file-name",
      "apps/wordpress/app.yaml:51 app/license-spdx",
    ]);
  });

  it("explains an unquoted version and a misspelt property in plain words", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit(VERSION, 'version: "1.19.1"', "version: 1.10");
    await r.edit(APP, "license: Apache-2.0", "licence: Apache-2.0");
    const { diagnostics } = await run(r);
    const byRule = Object.fromEntries(diagnostics.map((d) => [d.ruleId, d]));
    expect(byRule["schema/type"]).toMatchInlineSnapshot(`
      {
        "column": 10,
        "file": "apps/harbor/versions/helm/1.19.1.yaml",
        "hint": "quote it: YAML reads an unquoted version as a number (1.10 becomes 1.1), so write the exact digits in quotes, e.g. version: "1.10"",
        "line": 3,
        "message": "version must be a string, not the number 1.1",
        "ruleId": "schema/type",
        "severity": "error",
      }
    `);
    expect(byRule["schema/unknown-property"]?.message).toBe("unknown property 'licence'");
    expect(byRule["schema/unknown-property"]?.hint).toBe("did you mean 'license'?");
  });

  it("an unverifiable artifact is a warning in local runs", async () => {
    const r = await tempRegistry(["harbor"]);
    const { diagnostics } = await run(r, { mirrors: [], requireArtifacts: false });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: "artifact/not-verified", severity: "warning", file: VERSION });
  });
});
