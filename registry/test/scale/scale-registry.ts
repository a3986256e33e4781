import { appendFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleGit } from "simple-git";
import { generateRegistry } from "./generate-registry.ts";
import { CORPUS, tempDir, tempRegistry } from "../temp-registry.ts";

/** Apps the scale tests add to the real ones: enough for worker threads and the manifest cache (which start at 100 apps). */
export const SYNTHETIC_APPS = 130;

/**
 * A temp Git repository holding the real sample apps, {@link SYNTHETIC_APPS} generated
 * ones (`registry/test/scale/generate-registry.ts`, 2 versions each) and, committed with them,
 * files broken in the ways validation reports (duplicate keys, YAML outside the fast path,
 * a schema error, a misnamed version, a stray folder). Nothing is left uncommitted; tests
 * change the work tree themselves. Removed after the test.
 */
export async function aScaleRegistry(): Promise<{
  root: string;
  cacheDir: string;
  options: { root: string; mirrors: string[]; offline: boolean; requireArtifacts: boolean };
}> {
  const registry = await tempRegistry();
  await generateRegistry(registry.root, { apps: SYNTHETIC_APPS, versions: 2, seed: 7 });
  const file = (rel: string) => path.join(registry.root, rel);
  await appendFile(file("apps/app-0001/app.yaml"), "license: MIT\n");
  await writeFile(
    file("apps/app-0002/versions/helm/9.9.9.yaml"),
    'version: &v "9.9.9"\ndelivery: helm\nartifact: { url: "https://x.example/a.tgz", sha256: "' +
      "a".repeat(64) +
      '" }\nstatus: released\nreleased: "2025-01-01"\n',
  );
  await writeFile(
    file("apps/app-0003/versions/helm/1.0.0.yaml"),
    'version: "1.0.1"\ndelivery: helm\nartifact:\n  url: http://insecure.example/a.tgz\n  sha256: nothex\nstatus: released\nreleased: 2025-13-01\n',
  );
  await mkdir(file("apps/app-0004/versions/rpm"), { recursive: true });
  await writeFile(file("apps/app-0004/versions/rpm/1.0.0.yaml"), "version: 1.0.0\n");
  await rm(file("apps/app-0005/versions"), { recursive: true, force: true });
  await commitAll(registry.root, "scale registry");
  return {
    root: registry.root,
    cacheDir: await tempDir(),
    options: { root: registry.root, mirrors: [CORPUS], offline: true, requireArtifacts: false },
  };
}

/** Makes `root` a Git repository (branch main, a test identity, no signing) and commits everything in it as `message`. */
export async function commitAll(root: string, message: string): Promise<void> {
  const git = simpleGit({ baseDir: root });
  await git.init(["--initial-branch=main"]);
  await git.addConfig("user.name", "Appshelf Test");
  await git.addConfig("user.email", "test@appshelf.invalid");
  await git.addConfig("commit.gpgsign", "false");
  await git.add(".");
  await git.commit(message);
}
