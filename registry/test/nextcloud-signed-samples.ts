import { readFile } from "node:fs/promises";
import path from "node:path";
import { signRelease, type TestCa } from "./nextcloud-ca.ts";
import { CORPUS, tempRegistry } from "./temp-registry.ts";

/** The sample Nextcloud releases with their corpus archives (`../shared/corpus/nextcloud/archives/`). */
export const SAMPLE_NEXTCLOUD_RELEASES = [
  { id: "notes", version: "6.0.2", archive: "notes-6.0.2.tar.gz" },
  { id: "tasks", version: "0.18.1", archive: "tasks-0.18.1.tar.gz" },
] as const;

/**
 * A temp registry with the sample notes and tasks apps signed under `ca` (a throwaway CA made in the test, never
 * Nextcloud's root): each app.yaml gets `nextcloud.certificate` (CN = app id), each version file a release
 * `signature` (RSA SHA-512 over the corpus archive bytes).
 */
export async function signedSampleRegistry(ca: TestCa): Promise<Awaited<ReturnType<typeof tempRegistry>>> {
  const registry = await tempRegistry(SAMPLE_NEXTCLOUD_RELEASES.map((r) => r.id));
  for (const r of SAMPLE_NEXTCLOUD_RELEASES) {
    const cert = await ca.issue(r.id);
    const bytes = await readFile(path.join(CORPUS, "nextcloud/archives", r.archive));
    await registry.write(
      `apps/${r.id}/app.yaml`,
      `${await registry.read(`apps/${r.id}/app.yaml`)}nextcloud:\n  certificate: |\n${cert.pem.trim().replace(/^/gm, "    ")}\n`,
    );
    await registry.edit(
      `apps/${r.id}/versions/nextcloud/${r.version}.yaml`,
      "status: released",
      `signature: ${signRelease(bytes, cert)}\nstatus: released`,
    );
  }
  return registry;
}
