import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { inspectCompose } from "../../src/artifact/inspect/compose/inspect-compose.ts";
import type { ArtifactMetadata } from "../../src/artifact/inspect/inspect-types.ts";
import { checkPullRequest } from "../../src/check-pr/check-pull-request.ts";
import { scanBaseNames } from "../../src/check-pr/scan-base-names.ts";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import { versionKey, type VersionManifest } from "../../src/manifest/types.ts";
import { nativeNamesOf } from "../../src/names/native-names.ts";
import { aPrRepo, type PrRepo } from "../pr/pr-repo.ts";

// Differential test of the base side of `pr/name-taken`: the names check-pr reads from the
// merge base must be exactly what `nativeNamesOf` gives over `yaml`'s reading of every base
// file (and the real Compose inspector's reading of in-repo Compose files), whatever YAML
// style a manifest is written in. The old reader (a regex over `git grep`) is kept here to
// show the test catches it.

const ARTIFACT = `artifact:\n  url: https://charts.example.org/x-1.0.0.tgz\n  sha256: ${"a".repeat(64)}\n  size: 1\n`;
const TAIL = `status: released\nreleased: "2026-01-02"\n`;

/** Helm version files declaring a chart name, each in another YAML style: [app id, chart name, file text]. */
const HELM_STYLES: [string, string, string][] = [
  ["s-plain", "c-plain", `version: "1.0.0"\ndelivery: helm\nchart: c-plain\n${ARTIFACT}${TAIL}`],
  ["s-single", "c-single", `version: "1.0.0"\ndelivery: helm\nchart: 'c-single'\n${ARTIFACT}${TAIL}`],
  ["s-double", "c-double", `version: "1.0.0"\ndelivery: helm\nchart: "c-double"\n${ARTIFACT}${TAIL}`],
  ["s-escape", "c-escape", `version: "1.0.0"\ndelivery: helm\nchart: "c\\x2descape"\n${ARTIFACT}${TAIL}`],
  ["s-unicode", "c-unicode", `version: "1.0.0"\ndelivery: helm\nchart: "c-\\u0075nicode"\n${ARTIFACT}${TAIL}`],
  [
    "s-comment",
    "c-comment",
    `version: "1.0.0"\ndelivery: helm\nchart: c-comment # the chart's name\n${ARTIFACT}${TAIL}`,
  ],
  [
    "s-flow",
    "c-flow",
    `{version: "1.0.0", delivery: helm, chart: c-flow, artifact: {url: "https://charts.example.org/x-1.0.0.tgz", sha256: "${"a".repeat(64)}", size: 1}, status: released, released: "2026-01-02"}\n`,
  ],
  ["s-folded", "c-folded", `version: "1.0.0"\ndelivery: helm\nchart: >-\n  c-folded\n${ARTIFACT}${TAIL}`],
  ["s-literal", "c-literal", `version: "1.0.0"\ndelivery: helm\nchart: |-\n  c-literal\n${ARTIFACT}${TAIL}`],
  ["s-nextline", "c-nextline", `version: "1.0.0"\ndelivery: helm\nchart:\n  c-nextline\n${ARTIFACT}${TAIL}`],
  ["s-anchor", "c-anchor", `version: "1.0.0"\ndelivery: helm\nchart: &name c-anchor\n${ARTIFACT}${TAIL}`],
  ["s-alias", "c-alias", `version: "1.0.0"\ndelivery: helm\nappVersion: &a c-alias\nchart: *a\n${ARTIFACT}${TAIL}`],
  ["s-explicit", "c-explicit", `version: "1.0.0"\ndelivery: helm\n? chart\n: c-explicit\n${ARTIFACT}${TAIL}`],
  ["s-tagged", "c-tagged", `version: "1.0.0"\ndelivery: helm\nchart: !!str c-tagged\n${ARTIFACT}${TAIL}`],
  ["s-crlf", "c-crlf", `version: "1.0.0"\ndelivery: helm\nchart: c-crlf\n${ARTIFACT}${TAIL}`.replace(/\n/g, "\r\n")],
  ["s-bom", "c-bom", `\uFEFFchart: c-bom\nversion: "1.0.0"\ndelivery: helm\n${ARTIFACT}${TAIL}`],
  [
    "s-indent",
    "c-indent",
    `  version: "1.0.0"\n  delivery: helm\n  chart:   c-indent\t\n${ARTIFACT.replace(/^/gm, "  ")}${TAIL.replace(/^/gm, "  ")}`,
  ],
];

/** Compose files kept in the app folder, each setting its project name in another style: [app id, project, file text]. */
const COMPOSE_STYLES: [string, string, string][] = [
  ["q-double", "p-double", `name: "p\\x2ddouble"\nservices:\n  web:\n    image: nginx:1.27\n`],
  ["q-comment", "p-comment", `name: p-comment # the project\nservices:\n  web:\n    image: nginx:1.27\n`],
  ["q-flow", "p-flow", `{name: p-flow, services: {web: {image: "nginx:1.27"}}}\n`],
  ["q-folded", "p-folded", `name: >-\n  p-folded\nservices:\n  web:\n    image: nginx:1.27\n`],
  ["q-crlf", "p-crlf", `name: p-crlf\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n`],
  ["q-anchor", "p-anchor", `name: &p p-anchor\nservices:\n  web:\n    image: nginx:1.27\n    container_name: *p\n`],
];

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A Compose version file pinning `compose` (kept at apps/<id>/compose.yaml). */
const composeVersion = (compose: string, version = "1.0.0") =>
  `version: "${version}"\ndelivery: compose\nartifact:\n  path: compose.yaml\n  sha256: ${sha256(compose)}\n  size: ${Buffer.byteLength(compose)}\n${TAIL}`;

/** Writes an app folder: emqx's app.yaml (renamed) and the given files. */
async function writeApp(
  r: { read(f: string): Promise<string>; write(f: string, t: string): Promise<void> },
  id: string,
  files: Record<string, string>,
) {
  await r.write(`apps/${id}/app.yaml`, (await r.read("apps/emqx/app.yaml")).replace("id: emqx", `id: ${id}`));
  await r.write(`apps/${id}/icon.svg`, await r.read("apps/emqx/icon.svg"));
  for (const [file, text] of Object.entries(files)) await r.write(`apps/${id}/${file}`, text);
}

/** A PR repository whose base holds emqx, gitea and one app per style. */
async function styledBase(): Promise<PrRepo> {
  return aPrRepo(["emqx", "gitea"], async (base) => {
    for (const [id, , text] of HELM_STYLES) await writeApp(base, id, { "versions/helm/1.0.0.yaml": text });
    for (const [id, , compose] of COMPOSE_STYLES)
      await writeApp(base, id, { "compose.yaml": compose, "versions/compose/1.0.0.yaml": composeVersion(compose) });
  });
}

type Triple = string;
const triples = (names: readonly { kind: string; name: string; app: string }[]): Triple[] =>
  [...new Set(names.map((n) => `${n.app} ${n.kind} ${n.name}`))].sort();

/**
 * The reference: every version file of the base read with `yaml` itself, names by
 * `nativeNamesOf` with the metadata the real Compose inspector reads from in-repo Compose
 * files, plus each version's declared name (`nativeNamesOf` without metadata).
 */
async function referenceNames(r: PrRepo): Promise<Triple[]> {
  const files = (await r.git.raw(["ls-tree", "-r", "--name-only", "main", "--", "apps"]))
    .split("\n")
    .filter((f) => /^apps\/[^/]+\/versions\/[^/]+\/[^/]+\.yaml$/.test(f));
  const names = [];
  for (const file of files) {
    const app = file.split("/")[1] ?? "";
    const text = await r.git.raw(["show", `main:${file}`]);
    const v = parse(text) as VersionManifest;
    const metadata = new Map<string, ArtifactMetadata>();
    if (v.delivery === "compose" && v.artifact.path) {
      const bytes = Buffer.from(await r.git.raw(["show", `main:apps/${app}/${v.artifact.path}`]));
      const inspected = await inspectCompose({
        bytes,
        label: `apps/${app}/${v.artifact.path}`,
        appId: app,
        version: v,
        manifest: parseYaml(file, text),
      });
      if (inspected.metadata) metadata.set(versionKey(v), inspected.metadata);
    }
    names.push(...nativeNamesOf(app, [v], metadata, () => file), ...nativeNamesOf(app, [v], undefined, () => file));
  }
  return triples(names);
}

/** The reader check-pr used before: a regex over `git grep` (declared `chart:` lines, `name:` lines of Compose files). */
async function oldRegexNames(r: PrRepo): Promise<Triple[]> {
  const grep = async (pattern: string, spec: string) =>
    (await r.git.raw(["grep", "-z", "-I", "-E", "-e", pattern, "main", "--", `:(glob)${spec}`]).catch(() => ""))
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => {
        const [where = "", text = ""] = l.split("\0");
        return { path: where.slice("main:".length), text };
      });
  const unquote = (s: string) => s.trim().replace(/^["']|["']$/g, "");
  const charts = (await grep("^chart:[ \t]*[\"']?[a-z0-9-]+[\"']?[ \t]*$", "apps/*/versions/helm/*.yaml")).map((h) => ({
    kind: "helm chart",
    name: unquote(h.text.replace(/^chart:/, "")),
    app: h.path.split("/")[1] ?? "",
  }));
  const projects = (await grep("^name:[ \t]*[\"']?[A-Za-z0-9_-]+[\"']?[ \t]*$", "apps/*/*.yaml"))
    .filter((h) => !h.path.endsWith("/app.yaml"))
    .map((h) => ({
      kind: "Compose project",
      name: unquote(h.text.replace(/^name:/, "")),
      app: h.path.split("/")[1] ?? "",
    }));
  return triples([...charts, ...projects]);
}

describe("check-pr reads base-branch names as yaml and nativeNamesOf do, in every YAML style", () => {
  it("the names read from the base equal nativeNamesOf over yaml's parse of every base version file", async () => {
    const r = await styledBase();
    const reference = await referenceNames(r);
    // Every style's name is in the reference (the styles are read as intended).
    for (const [id, name] of HELM_STYLES) expect(reference).toContain(`${id} helm chart ${name}`);
    for (const [id, project] of COMPOSE_STYLES) expect(reference).toContain(`${id} Compose project ${project}`);
    expect(triples(await scanBaseNames(r.root, "main", { mirrors: [] }))).toEqual(reference);
  });

  it("the old regex reader misses names in most styles: this test would have caught it", async () => {
    const r = await styledBase();
    const reference = await referenceNames(r);
    const old = await oldRegexNames(r);
    // Names other than the app's own id (an app id is held as a name of every kind anyway).
    const beyondIds = reference.filter((t) => !t.endsWith(` ${t.split(" ")[0]}`));
    expect(old).not.toEqual(beyondIds);
    const missed = beyondIds.filter((t) => !old.includes(t)).map((t) => t.split(" ").at(-1));
    for (const style of ["c-escape", "c-comment", "c-flow", "c-folded", "c-anchor", "c-alias", "c-crlf", "c-bom"])
      expect(missed).toContain(style);
    for (const style of ["p-double", "p-comment", "p-flow", "p-folded", "p-anchor", "p-crlf"])
      expect(missed).toContain(style);
  });

  it("a pull request claiming any of those names fails pr/name-taken, for each claiming file", async () => {
    const r = await styledBase();
    const files: Record<string, string> = {};
    HELM_STYLES.forEach(([, name], i) => {
      files[`versions/helm/2.0.${i}.yaml`] = `version: "2.0.${i}"\ndelivery: helm\nchart: ${name}\n${ARTIFACT}${TAIL}`;
    });
    await writeApp(r, "claimer", files);
    for (const [i, [, project]] of COMPOSE_STYLES.entries()) {
      const compose = `name: ${project}\nservices:\n  web:\n    image: nginx:1.27\n`;
      await writeApp(r, `claimer-${i}`, {
        "compose.yaml": compose,
        "versions/compose/1.0.0.yaml": composeVersion(compose),
      });
    }
    await r.commit("head");
    const result = await checkPullRequest({
      base: "main",
      head: "HEAD",
      author: "emqx",
      validate: { root: r.root, mirrors: [], offline: true, requireArtifacts: false },
    });
    const taken = result.diagnostics.filter((d) => d.ruleId === "pr/name-taken").map((d) => d.file);
    const expected = [
      ...HELM_STYLES.map((_, i) => `apps/claimer/versions/helm/2.0.${i}.yaml`),
      ...COMPOSE_STYLES.map((_, i) => `apps/claimer-${i}/versions/compose/1.0.0.yaml`),
    ];
    expect(taken.sort()).toEqual(expected.sort());
  });
});
