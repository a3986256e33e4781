/**
 * The client package's runtime dependencies as installed in the project: each dependency of
 * the client's package.json and everything it needs, found in the project's package-lock.json
 * as Node would find them. The client package bundles exactly these folders
 * (`bundleDependencies`), at the versions the project was tested with, so installing its
 * tarball reads nothing from any package registry: no name on npm can be squatted or
 * swapped under it, and `npm install <tarball> --offline` works in an empty folder.
 */

/** One entry of a lockfile's `packages` (npm lockfile version 3). */
export interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  [field: string]: unknown;
}

/** A package-lock.json (lockfile version 3): entries by folder, e.g. `node_modules/ajv`. */
export interface Lockfile {
  packages: Record<string, LockEntry>;
}

/**
 * Lockfile keys (folders such as `node_modules/ajv`, `node_modules/a/node_modules/b`) of
 * `dependencies` and everything they need: each found from where it is required, walking up
 * `node_modules` folders like Node's resolution; optional dependencies and optional peers
 * that are absent are left out. Sorted. Pure.
 *
 * @throws Error naming a required dependency the lockfile does not hold.
 */
export function runtimeClosure(lock: Lockfile, dependencies: readonly string[]): string[] {
  const found = new Set<string>();
  const queue = dependencies.map((dep) => ({ from: "", dep, optional: false }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const at = locate(lock, next.from, next.dep);
    if (at === undefined) {
      if (next.optional) continue;
      throw new Error(
        `package-lock.json has no ${next.dep} reachable from ${next.from || "the project root"}; run npm install`,
      );
    }
    if (found.has(at)) continue;
    found.add(at);
    const entry = lock.packages[at] as LockEntry;
    for (const d of Object.keys(entry.dependencies ?? {})) queue.push({ from: at, dep: d, optional: false });
    for (const d of Object.keys(entry.optionalDependencies ?? {})) queue.push({ from: at, dep: d, optional: true });
    for (const d of Object.keys(entry.peerDependencies ?? {}))
      queue.push({ from: at, dep: d, optional: entry.peerDependenciesMeta?.[d]?.optional === true });
  }
  return [...found].sort();
}

/** Where Node finds `dep` required from the package at `from` (lockfile keys): `from/node_modules/dep`, then up. */
function locate(lock: Lockfile, from: string, dep: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${dep}`;
    if (lock.packages[candidate]) return candidate;
    if (base === "") return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}
