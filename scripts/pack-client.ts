/**
 * Packs the client package (packages/client, see its prepack.ts) into a folder, by default
 * dist/site/client, so the registry's site serves `client/appshelf-client-<version>.tgz`
 * (registry/src/client/client-package.ts). Usage: node scripts/pack-client.ts [dest-dir]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "..");
const dest = path.resolve(process.argv[2] ?? path.join(repo, "dist/site/client"));
mkdirSync(dest, { recursive: true });
execFileSync("npm", ["pack", "--pack-destination", dest], {
  cwd: path.join(repo, "packages/client"),
  stdio: ["ignore", "inherit", "inherit"],
  shell: process.platform === "win32",
});
