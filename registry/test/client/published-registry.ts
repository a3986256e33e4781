import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildRegistry } from "../../src/index/build-registry.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import { canonicalJson } from "../../src/json/canonical-json.ts";
import type { RegistryIndex } from "../../src/index/index-types.ts";
import type { Publication } from "../../src/index/publication.ts";
import { signIndex } from "../../src/signing/sign-index.ts";
import { generateSigningKey, type SigningKey } from "../../src/signing/signing-keys.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { CORPUS, REPO_ROOT } from "../temp-registry.ts";

/** Serial and expiry of the base build: far in the future, so only the expiry test meets an expired index. */
export const BASE_PUBLICATION: Publication = { serial: 7, expires: "2099-01-01T00:00:00Z" };

/** A folder of test registries that outlives single tests (beforeAll), removed with `cleanup`. */
export interface Workspace {
  dir: string;
  /** The key the test trusts, and one it does not. */
  key: SigningKey;
  strangerKey: SigningKey;
  /** A trusted-keys file listing `key` only. */
  keysFile: string;
  /** A new empty folder inside the workspace. */
  folder(name: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** Creates a workspace with a fresh trusted key. */
export async function createWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "appshelf-client-"));
  const key = generateSigningKey().key;
  const keysFile = path.join(dir, "trusted-keys.json");
  await writeFile(
    keysFile,
    canonicalJson({ formatVersion: 1, keys: [{ keyId: key.keyId, algorithm: "ed25519", publicKey: key.publicKey }] }),
  );
  let n = 0;
  return {
    dir,
    key,
    strangerKey: generateSigningKey().key,
    keysFile,
    async folder(name) {
      n += 1;
      return path.join(dir, `${n}-${name}`);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Validates a registry (default: the real sample apps; artifacts from the corpus, offline) and builds it, signed by `keys`, into `out`. */
export async function publish(
  out: string,
  keys: readonly SigningKey[],
  root = REPO_ROOT,
  publication = BASE_PUBLICATION,
): Promise<string> {
  const result = await validateRegistry({ root, mirrors: [CORPUS], offline: true, requireArtifacts: true });
  await buildRegistry(indexBuildInput(result), out, publication, keys);
  return out;
}

/** Copies a built registry to `to` and applies `edit` to the copy. */
export async function variant(from: string, to: string, edit: (dir: string) => Promise<void>): Promise<string> {
  await cp(from, to, { recursive: true });
  await edit(to);
  return to;
}

/** Rewrites index.json of a build with `change` and signs it again with `keys` (none: unsigned, the signature is removed). */
export async function reissueIndex(
  dir: string,
  change: (index: RegistryIndex) => void,
  keys: readonly SigningKey[],
): Promise<void> {
  const index = JSON.parse(await readFile(path.join(dir, "index.json"), "utf8")) as RegistryIndex;
  change(index);
  const bytes = canonicalJson(index);
  await writeFile(path.join(dir, "index.json"), bytes);
  if (keys.length > 0) await writeFile(path.join(dir, "index.json.sig"), signIndex(bytes, keys));
  else await rm(path.join(dir, "index.json.sig"), { force: true });
}
