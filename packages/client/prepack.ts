/**
 * `npm pack` step of the client package (packages/client):
 * 1. compiles the client (registry/src/cli/client-main.ts and what it imports) to JavaScript
 *    in build/ with the project's TypeScript (Node does not strip types inside node_modules);
 * 2. copies the files the compiled code reads at run time to the same places relative to it
 *    as in the repository: schema/ (metadata schemas) and registry/keys/ (the registry's
 *    trusted keys, the default of --trusted-keys);
 * 3. copies the runtime dependencies, as installed in the project, into node_modules/ to be
 *    bundled (see runtime-closure.ts). Each must be declared with the same range as in the
 *    project's package.json.
 * Both folders are made in a temp folder and renamed into place: a failed step leaves no half build.
 */
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { runtimeClosure, type Lockfile } from "./runtime-closure.ts";

const here = import.meta.dirname;
const repo = path.resolve(here, "../..");
const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, "utf8")) as T;
type Manifest = { dependencies: Record<string, string> };

const own = await readJson<Manifest>(path.join(here, "package.json"));
const project = await readJson<Manifest>(path.join(repo, "package.json"));
for (const [dep, range] of Object.entries(own.dependencies)) {
  if (project.dependencies[dep] !== range)
    throw new Error(
      `packages/client/package.json: ${dep} ${range} must be declared as in package.json (${project.dependencies[dep] ?? "absent"})`,
    );
}
const closure = runtimeClosure(
  await readJson<Lockfile>(path.join(repo, "package-lock.json")),
  Object.keys(own.dependencies),
);

const temp = await mkdtemp(path.join(here, ".build-"));
try {
  const build = path.join(temp, "build");
  execFileSync(
    process.execPath,
    [path.join(repo, "node_modules/typescript/bin/tsc"), "-p", path.join(here, "tsconfig.json"), "--outDir", build],
    { stdio: "inherit" },
  );
  await cp(path.join(repo, "schema"), path.join(build, "schema"), { recursive: true });
  await cp(path.join(repo, "registry/keys"), path.join(build, "registry/keys"), { recursive: true });
  for (const folder of closure) {
    // A nested folder (a/node_modules/b) came with its parent's copy.
    if (!closure.some((other) => folder.startsWith(`${other}/`)))
      await cp(path.join(repo, folder), path.join(temp, folder), { recursive: true });
  }
  for (const name of ["build", "node_modules"]) {
    await rm(path.join(here, name), { recursive: true, force: true });
    await rename(path.join(temp, name), path.join(here, name));
  }
} finally {
  await rm(temp, { recursive: true, force: true });
}
