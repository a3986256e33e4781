import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadApp } from "../../src/manifest/load-registry.ts";
import type { Diagnostic } from "../../src/report/diagnostic.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { aPrRepo } from "../pr/pr-repo.ts";
import { CORPUS, tempRegistry } from "../temp-registry.ts";

/**
 * Layout (issue 13, class 9): symbolic links are refused at any depth of an app folder,
 * and file and folder names outside the layout's alphabet (look-alike letters, invisible
 * and bidi characters, other spaces) are refused and not read, in `validate` and
 * `check-pr`. Generated: link depths and targets; names with one letter swapped for a
 * confusable or one invisible character added.
 */
const SEGMENT = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/);
const TARGETS = ["/etc/passwd", "../../../../../../etc/shadow", "..", "../app.yaml", "/"];

/** Replacements a reader would not see: Cyrillic, Greek and fullwidth look-alikes; invisible, bidi and space characters. */
const CONFUSABLE: Record<string, string[]> = {
  a: ["\u0430", "\uff41"],
  e: ["\u0435"],
  o: ["\u043e", "\u03bf"],
  p: ["\u0440"],
  c: ["\u0441"],
  y: ["\u0443"],
  i: ["\u0456"],
  l: ["\u04cf", "\u0131"],
  s: ["\u0455"],
  m: ["\uff4d"],
};
const INVISIBLE = ["\u00a0", "\u200b", "\u200d", "\u2060", "\u202e", "\u2066", "\ufeff", "\u3000", "\u0301", "\u00ad"];
const REAL_NAMES = ["app.yaml", "icon.svg", "compose.yaml", "versions", "helm", "1.19.1.yaml"];

/** A real layout name made deceptive: one letter swapped for a look-alike, or an invisible character put in. */
const deceptiveName = fc
  .tuple(fc.constantFrom(...REAL_NAMES), fc.nat(), fc.nat(), fc.boolean())
  .map(([name, at, pick, swap]) => {
    const letters = [...name].map((c, i) => [c, i] as const).filter(([c]) => CONFUSABLE[c] !== undefined);
    if (swap && letters.length > 0) {
      const [c, i] = letters[at % letters.length] ?? ["a", 0];
      const options = CONFUSABLE[c] ?? ["\u0430"];
      return name.slice(0, i) + (options[pick % options.length] ?? "") + name.slice(i + 1);
    }
    const i = at % (name.length + 1);
    return name.slice(0, i) + (INVISIBLE[pick % INVISIBLE.length] ?? "") + name.slice(i);
  });

const rules = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${d.ruleId} ${d.file}`);

describe("layout: links at any depth, names outside the alphabet", () => {
  it("refuses a symbolic link at any depth of an app folder (generated paths and targets, 40 cases)", async () => {
    const r = await tempRegistry(["harbor"]);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(SEGMENT, { minLength: 0, maxLength: 5 }),
        SEGMENT,
        fc.constantFrom(...TARGETS),
        async (folders, name, target) => {
          const dir = `apps/harbor/case${n++}${folders.length ? `/${folders.join("/")}` : ""}`;
          await mkdir(path.join(r.root, dir), { recursive: true });
          await symlink(target, path.join(r.root, dir, name));
          const diagnostics: Diagnostic[] = [];
          loadApp(r.root, "harbor", diagnostics);
          expect(rules(diagnostics)).toContain(`layout/symlink ${dir}/${name}`);
        },
      ),
      { seed: 13, numRuns: 40 },
    );
  });

  it("refuses names with a look-alike letter or an invisible character, and does not read them (generated, 60 cases)", async () => {
    const r = await tempRegistry(["harbor"]);
    const app = await r.read("apps/harbor/app.yaml");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(deceptiveName, async (name) => {
        const dir = n++ % 2 === 0 ? "apps/harbor/versions/helm" : `apps/harbor/case${n}`;
        await mkdir(path.join(r.root, dir), { recursive: true });
        const file = `${dir}/${name}`;
        await writeFile(path.join(r.root, file), app.replace("name:", "name:\n  evil: true\n  x:"));
        const diagnostics: Diagnostic[] = [];
        const loaded = loadApp(r.root, "harbor", diagnostics);
        expect(rules(diagnostics), JSON.stringify(name)).toContain(`layout/file-name ${file}`);
        expect(loaded.versions.map((v) => v.parsed.file)).not.toContain(file);
        expect(diagnostics.find((d) => d.file === file)?.message).toMatch(/\\u\{[0-9A-F]{4}\}/);
      }),
      { seed: 13, numRuns: 60 },
    );
  });

  it("validate: a deep link to /etc/passwd and a Cyrillic аpp.yaml are errors", async () => {
    const r = await tempRegistry(["harbor"]);
    await mkdir(path.join(r.root, "apps/harbor/docs/deep"), { recursive: true });
    await symlink("/etc/passwd", path.join(r.root, "apps/harbor/docs/deep/link"));
    await r.write("apps/harbor/\u0430pp.yaml", await r.read("apps/harbor/app.yaml"));
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: false,
    });
    expect(rules(diagnostics.filter((d) => d.ruleId.startsWith("layout/"))).sort()).toEqual([
      "layout/file-name apps/harbor/\u0430pp.yaml",
      "layout/symlink apps/harbor/docs/deep/link",
    ]);
  });

  it("check-pr: the same pull request is refused", async () => {
    const r = await aPrRepo(["harbor"]);
    await mkdir(path.join(r.root, "apps/harbor/docs"), { recursive: true });
    await symlink("/etc/passwd", path.join(r.root, "apps/harbor/docs/link"));
    await r.write("apps/harbor/\u0430pp.yaml", await r.read("apps/harbor/app.yaml"));
    const result = await r.check("wy65701436");
    expect(result.ok).toBe(false);
    expect(rules(result.diagnostics.filter((d) => d.ruleId.startsWith("layout/"))).sort()).toEqual([
      "layout/file-name apps/harbor/\u0430pp.yaml",
      "layout/symlink apps/harbor/docs/link",
    ]);
  });
});
