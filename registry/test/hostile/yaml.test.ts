import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inspectCompose } from "../../src/artifact/inspect/compose/inspect-compose.ts";
import { resolveMergeKeys } from "../../src/artifact/inspect/compose/resolve-merge-keys.ts";
import type { InspectInput } from "../../src/artifact/inspect/inspect-types.ts";
import { MAX_MANIFEST_BYTES, parseYaml } from "../../src/manifest/parse-yaml.ts";
import type { VersionManifest } from "../../src/manifest/types.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { CORPUS, REPO_ROOT, tempRegistry } from "../temp-registry.ts";

/**
 * YAML (issue 9): attacks written into the real `apps/harbor/app.yaml` and a real Compose
 * file of `../shared/corpus`, read by `parseYaml` (`yaml`, the only YAML reader) and,
 * where the schema is the defence, by `validateRegistry`.
 */
const APP = "apps/harbor/app.yaml";
const harbor = readFileSync(path.join(REPO_ROOT, APP), "utf8");

/** The real app.yaml with `extra` appended as more top-level keys. */
const harborWith = (extra: string): string => `${harbor}${extra}`;

/** Rule ids `parseYaml` reports; `data` must be undefined exactly when there are errors. */
function parseErrors(text: string): string[] {
  const { data, diagnostics } = parseYaml(APP, text);
  expect(data === undefined).toBe(diagnostics.length > 0);
  return [...new Set(diagnostics.map((d) => d.ruleId))];
}

describe("YAML: the parser's own defences", () => {
  it("parses the real manifest (the base of every attack)", () => {
    expect(parseErrors(harbor)).toEqual([]);
  });

  it("stops an alias bomb (billion laughs) at the alias cap", () => {
    const levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i <= 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    expect(parseErrors(harborWith(`x-bomb:\n${levels.map((l) => `  ${l}`).join("\n")}\n`))).toEqual(["yaml/aliases"]);
  });

  it.each([
    ["a JS-YAML function tag", "x: !!js/function 'function () { return process.exit(1) }'"],
    ["a Python object tag", "x: !!python/object/apply:os.system ['rm -rf /']"],
    ["a local tag", "x: !shell rm -rf /"],
    ["a YAML 1.1 binary tag", "x: !!binary aGVsbG8="],
    ["a YAML 1.1 set", "x: !!set { a, b }"],
  ])("refuses %s (unknown tags are only warnings in `yaml`: treated as errors)", (_name, line) => {
    expect(parseErrors(harborWith(`${line}\n`))).toEqual(["yaml/unknown-tag"]);
  });

  it("a %YAML 1.1 directive does not switch to 1.1 rules: yes, on and 0777 keep their 1.2 core meanings, << is a plain key", () => {
    const { data, diagnostics } = parseYaml(
      APP,
      `%YAML 1.1\n---\nflag: yes\nswitch: on\nmode: 0777\nbase: &b { k: 1 }\nmerged:\n  <<: *b\n`,
    );
    expect(diagnostics).toEqual([]);
    expect(data).toEqual({ flag: "yes", switch: "on", mode: 777, base: { k: 1 }, merged: { "<<": { k: 1 } } });
  });

  it("refuses a duplicate key: which maintainers list wins would depend on the reader", () => {
    expect(parseErrors(harborWith("maintainers: [mallory]\n"))).toEqual(["yaml/duplicate-key"]);
  });

  it.each([
    ["an integer key", "1: one"],
    ["a boolean key", "true: yes"],
    ["a null key", "null: nothing"],
    ["a sequence key", "? [a, b]\n: c"],
    ["a mapping key", "? { a: b }\n: c"],
  ])("refuses %s", (_name, text) => {
    expect(parseErrors(harborWith(`${text}\n`))).toEqual(["yaml/key-type"]);
  });

  it("keeps a __proto__ key as plain data: Object.prototype is untouched and the schema refuses the key", async () => {
    const { data } = parseYaml(APP, harborWith("__proto__: { isAdmin: true }\n"));
    expect(Object.hasOwn(data as object, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
    const r = await tempRegistry(["harbor"]);
    await r.write(APP, harborWith("__proto__: { isAdmin: true }\n"));
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: false,
    });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "schema/unknown-property",
        file: APP,
        message: "unknown property '__proto__'",
      }),
    );
  });

  it("refuses a 50 MB manifest by its size, before parsing, and validation reports it on the file", async () => {
    const huge = harborWith(`x-padding: "${"x".repeat(50 * 1024 * 1024)}"\n`);
    expect(parseErrors(huge)).toEqual(["yaml/too-large"]);
    const r = await tempRegistry(["harbor"]);
    await r.write(APP, huge);
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: false,
    });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "yaml/too-large",
        file: APP,
        message: expect.stringContaining(`at most ${MAX_MANIFEST_BYTES} bytes`),
      }),
    );
  });

  it.each([
    ["flow sequences", (n: number) => `x: ${"[".repeat(n)}${"]".repeat(n)}\n`],
    ["flow mappings", (n: number) => `x: ${"{a: ".repeat(n)}1${"}".repeat(n)}\n`],
    ["block sequences", (n: number) => `x:\n${"- ".repeat(n)}deep\n`],
  ])("refuses deep nesting of %s with an error, without crashing", (_name, make) => {
    expect(parseErrors(make(20_000)).length).toBeGreaterThan(0);
    expect(parseErrors(make(50))).toEqual([]);
  });
});

describe("YAML: Compose merge keys (the `Object.assign` trap)", () => {
  it("resolving `<<` never replaces a prototype: a __proto__ key stays an own key", () => {
    const { data } = parseYaml(
      "compose.yaml",
      "x-base: &base { image: nginx }\nservices:\n  web:\n    <<: *base\n    __proto__: { privileged: true }\n",
    );
    const web = (resolveMergeKeys(data) as { services: { web: Record<string, unknown> } }).services.web;
    expect(Object.getPrototypeOf(web)).toBe(Object.prototype);
    expect(web.privileged).toBeUndefined();
    expect(Object.keys(web)).toEqual(["image", "__proto__"]);
  });

  it("the Compose schema then refuses the __proto__ key that Docker Compose would refuse too", async () => {
    const text = readFileSync(path.join(CORPUS, "compose/apps/wordpress-mysql/compose.yaml"), "utf8");
    const hostile = text.replace(
      /^services:\n(\s+)(\S+):\n/m,
      (all, indent: string) =>
        `x-base: &base { restart: always }\n${all}${indent}${indent}<<: *base\n${indent}${indent}__proto__: { privileged: true }\n`,
    );
    expect(hostile).not.toBe(text);
    const manifest = parseYaml("apps/x/versions/compose/1.0.0.yaml", 'version: "1.0.0"\ndelivery: compose\n');
    const input: InspectInput = {
      bytes: Buffer.from(hostile),
      label: "compose.yaml",
      appId: "x",
      version: manifest.data as VersionManifest,
      manifest,
    };
    const { diagnostics, metadata } = await inspectCompose(input);
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId)).toContain("compose/schema");
    expect(diagnostics.some((d) => d.message.includes("__proto__"))).toBe(true);
    expect(metadata).toBeUndefined();
  });
});
