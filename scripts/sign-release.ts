/**
 * The signing job's whole program (`.github/workflows/publish.yml`, job `sign`):
 * `node scripts/sign-release.ts --dir <built folder> --key-env <VARIABLE>`. It checks the
 * built folder (`checkBuiltFolder`: no links, a fresh index.json, every pinned file's
 * SHA-256 and size), then signs index.json (`signIndex`) and writes index.json.sig through
 * a temp file and a rename. It imports Node's built-ins and four files of this repository
 * only (the job checks out just those, at the pushed commit, and runs no `npm install`);
 * `signing-job.test.ts` holds it to that.
 *
 * Exit code 1, and no signature written, when the check fails or the key cannot be read.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkBuiltFolder } from "../registry/src/signing/check-built-folder.ts";
import { signIndex } from "../registry/src/signing/sign-index.ts";
import { loadSigningKey } from "../registry/src/signing/signing-keys.ts";

const { values } = parseArgs({ options: { dir: { type: "string" }, "key-env": { type: "string" } } });
const dir = values.dir;
const keyEnv = values["key-env"];
if (!dir || !keyEnv) {
  console.error("usage: node scripts/sign-release.ts --dir <built folder> --key-env <VARIABLE>");
  process.exit(2);
}
try {
  const pinned = checkBuiltFolder(dir);
  const pem = process.env[keyEnv];
  if (!pem) throw new Error(`the environment variable ${keyEnv} that should hold the signing key is not set or empty`);
  const key = loadSigningKey(pem);
  const target = path.join(dir, "index.json.sig");
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, signIndex(readFileSync(path.join(dir, "index.json")), [key]));
  renameSync(temp, target);
  console.log(`Checked ${pinned} pinned files in ${dir}; signed index.json with ${key.keyId}.`);
} catch (cause) {
  console.error(`not signed: ${(cause as Error).message}`);
  process.exit(1);
}
