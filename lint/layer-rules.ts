/**
 * The layer table: which code may import what. This list is the source of truth for the import
 * rules; `npm run gen:lint` turns it into `biome.json` (Biome `style/noRestrictedImports`
 * overrides) and into the table of docs/architecture.md, and registry/test/lint/ checks that both
 * are up to date and that Biome really reports a break of every rule.
 */

/** Which files of a scope a rule binds. */
export type RuleFiles =
  /** Source files: everything under the scope but `*.test.ts`. */
  | "source"
  /** Tests: a `test/` folder whole, elsewhere only `*.test.ts` files. */
  | "tests";

/** One row of the layer table. */
export interface LayerRule {
  /** Stable id, used in the doc and by the rule tests (kebab-case). */
  id: string;
  /** Repo-relative folders whose files the rule binds, e.g. `registry/src/review`. */
  scope: string[];
  /** Folders inside the scope the rule does not bind (e.g. `registry/src/git` for "only git/ imports simple-git"). */
  except?: string[];
  files: RuleFiles;
  /** Bare module names the files may not import, matched exactly (`node:fs`, `simple-git`). */
  modules?: string[];
  /**
   * Gitignore-style patterns matched by Biome against the import specifier as written
   * (`**\/git/**` catches `../git/open-repo.ts`).
   */
  patterns?: string[];
  /** What may not be imported, in words, for the doc's table. */
  forbids: string;
  /** Why, shown by Biome at each violation and in the doc. */
  message: string;
}

/** Node built-ins that do I/O, in both spellings (`node:fs`, `fs`): a pure core imports none of them. */
export const IO_MODULES = [
  "fs",
  "fs/promises",
  "child_process",
  "net",
  "http",
  "https",
  "os",
  "dns",
  "worker_threads",
].flatMap((m) => [`node:${m}`, m]);

/** The same list in words, for the doc's table. */
const IO_WORDS =
  "Node I/O modules (`fs`, `fs/promises`, `child_process`, `net`, `http`, `https`, `os`, `dns`, `worker_threads`; with or without `node:`)";

/**
 * The engine's layers (`registry/src/<folder>/`), lowest first: a folder imports only from
 * folders on its own layer or below, type imports included. registry/src/api.ts sits above
 * them all, with cli/ and scripts/.
 */
export const ENGINE_LAYERS: string[][] = [
  ["json", "sandbox", "generated", "fs"],
  ["report", "errors", "markdown"],
  ["manifest"],
  ["git", "artifact"],
  ["names", "ledger", "publisher", "signing"],
  ["pr", "review", "expiry"],
  ["validate"],
  ["index"],
  ["run", "client"],
  ["check-pr", "import", "publish", "deploy", "github"],
  ["cli"],
];

/** An upward import the layers allow for now, with why; each is listed in docs/architecture.md. */
export interface LayerException {
  from: string;
  to: string;
  why: string;
}

/** Upward imports still allowed (none is a cycle). Remove an entry once its import is gone. */
export const LAYER_EXCEPTIONS: LayerException[] = [
  {
    from: "git",
    to: "pr",
    why: "git/ lists a pull request's changes as pr/'s `FileChange` type (a type import; pr/ imports nothing from git/).",
  },
];

/** Specifier patterns for the top-level `scripts/` folder from a file up to `depth` folders deep. */
const scriptsFolder = (depth: number): string[] =>
  Array.from({ length: depth }, (_, i) => `${"../".repeat(i + 1)}scripts/**`);

/** Specifier patterns for top-level engine folders (`registry/src/<name>/`). */
const folders = (...names: string[]): string[] => names.map((n) => `**/${n}/**`);

/** The delivery inspectors under registry/src/artifact/inspect/: none imports another. */
export const INSPECTORS = ["helm", "compose", "nextcloud", "vm"];

const PURE = "a pure core does no I/O and calls no shell: take the data as an argument (see docs/architecture.md).";

/** The rules, general before specific. */
export const LAYER_RULES: LayerRule[] = [
  {
    id: "source-not-tests",
    scope: ["registry/src", "packages/client"],
    files: "source",
    patterns: ["**/test/**", "**/scripts/**"],
    forbids: "`test/`, `scripts/`",
    message:
      "what ships never imports tests or scripts: move the shared code into registry/src (fixtures go to registry/test).",
  },
  {
    id: "tests-not-scripts",
    scope: ["registry/test", "site/test", "registry/src"],
    files: "tests",
    patterns: scriptsFolder(8),
    forbids: "the top-level `scripts/` (and `site/scripts/`)",
    message:
      "tests never import scripts: scripts are thin entry points; move the shared code into the engine or registry/test.",
  },
  {
    id: "only-git-imports-simple-git",
    scope: ["registry/src"],
    except: ["registry/src/git"],
    files: "source",
    modules: ["simple-git"],
    forbids: "`simple-git`",
    message: "only registry/src/git/ imports simple-git: call a function of git/ instead.",
  },
  {
    id: "only-github-imports-octokit",
    scope: ["registry/src"],
    except: ["registry/src/github"],
    files: "source",
    modules: ["octokit"],
    patterns: ["@octokit/*"],
    forbids: "`octokit`, `@octokit/*`",
    message: "only registry/src/github/ imports octokit: call a function of github/ instead.",
  },
  {
    id: "review-is-pure",
    scope: ["registry/src/review"],
    files: "source",
    modules: IO_MODULES,
    patterns: folders("git", "github", "cli", "artifact"),
    forbids: `${IO_WORDS}, \`git/\`, \`github/\`, \`cli/\`, \`artifact/\``,
    message: `review/ decides from a snapshot handed in, so decisions replay from recorded data; ${PURE}`,
  },
  {
    id: "pr-is-pure",
    scope: ["registry/src/pr"],
    files: "source",
    modules: IO_MODULES,
    patterns: folders("git", "github", "cli", "artifact", "validate"),
    forbids: `${IO_WORDS}, \`git/\`, \`github/\`, \`cli/\`, \`artifact/\`, \`validate/\``,
    message: `pr/ judges the facts its shell gathered; ${PURE}`,
  },
  {
    id: "rules-are-pure",
    scope: ["registry/src/validate/rules"],
    files: "source",
    modules: IO_MODULES,
    patterns: folders("git", "github", "cli", "artifact", "index", "client"),
    forbids: `${IO_WORDS}, \`git/\`, \`github/\`, \`cli/\`, \`artifact/\`, \`index/\`, \`client/\``,
    message: `validation rules judge one app's parsed files and facts handed in; ${PURE}`,
  },
  ...ENGINE_LAYERS.flatMap((line, i) =>
    line.map((name): LayerRule => {
      const allowed = new Set(LAYER_EXCEPTIONS.filter((x) => x.from === name).map((x) => x.to));
      const above = ENGINE_LAYERS.slice(i + 1)
        .flat()
        .filter((f) => !allowed.has(f));
      return {
        id: `layer-${name}`,
        scope: [`registry/src/${name}`],
        files: "source",
        patterns: folders(...above),
        forbids:
          above.length > 0 ? `folders of higher layers: ${above.map((f) => `\`${f}/\``).join(", ")}` : "(top layer)",
        message: `${name}/ is on layer ${i + 1} of the engine's layers (docs/architecture.md): it imports only from folders on its own layer or below, never from a higher one.`,
      };
    }),
  ).filter((rule) => (rule.patterns?.length ?? 0) > 0),
  ...INSPECTORS.map(
    (name): LayerRule => ({
      id: `inspector-${name}-stands-alone`,
      scope: [`registry/src/artifact/inspect/${name}`],
      files: "source",
      patterns: folders(...INSPECTORS.filter((other) => other !== name)),
      forbids: `the other inspectors (${INSPECTORS.filter((o) => o !== name)
        .map((o) => `\`${o}/\``)
        .join(", ")})`,
      message: "a delivery inspector never imports another: helpers they share live in artifact/inspect/shared/.",
    }),
  ),
];

/**
 * Files still in an import cycle, exempt from `noImportCycles` until the change that breaks the
 * cycle lands (issue 18: validate/ split into a pure core and a run/ layer). Empty means none.
 */
export const CYCLE_EXEMPTIONS: string[] = [];
