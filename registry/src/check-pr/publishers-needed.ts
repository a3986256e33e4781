import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseManifestText } from "../manifest/text-encoding.ts";
import { PUBLISHERS_DIR } from "../publisher/publisher-record.ts";

/**
 * The publisher records a pull request's validation needs, so it reads those and not every
 * record of the registry: the ids the touched apps name at head (app.yaml `publisher`,
 * version files' `packagedBy`, read with `parseManifestText` as validation reads them) and
 * the records the pull request itself changes (`registryPaths` under
 * `.github/appshelf/publishers/`, so a changed record is still checked). A file that cannot
 * be read or parsed names none (validation reports it).
 *
 * @param root the work tree at head
 * @param apps ids of the touched apps that exist at head
 * @param registryPaths changed paths outside `apps/` (repo-relative)
 * @returns publisher ids
 */
export async function publishersNeeded(
  root: string,
  apps: Iterable<string>,
  registryPaths: readonly string[],
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const p of registryPaths) {
    const name = p.startsWith(`${PUBLISHERS_DIR}/`) ? p.slice(PUBLISHERS_DIR.length + 1) : "";
    if (name.endsWith(".yaml") && !name.includes("/")) ids.add(name.slice(0, -".yaml".length));
  }
  for (const app of apps) {
    const dir = path.join(root, "apps", app);
    const files = ["app.yaml"];
    for (const folder of await readdir(path.join(dir, "versions")).catch(() => [])) {
      const names = await readdir(path.join(dir, "versions", folder)).catch(() => []);
      files.push(...names.filter((n) => n.endsWith(".yaml")).map((n) => `versions/${folder}/${n}`));
    }
    for (const file of files) {
      const text = await readFile(path.join(dir, file), "utf8").catch(() => undefined);
      if (text === undefined) continue;
      const data = parseManifestText(`apps/${app}/${file}`, text).data as Record<string, unknown> | undefined;
      for (const key of ["publisher", "packagedBy"]) if (typeof data?.[key] === "string") ids.add(data[key] as string);
    }
  }
  return ids;
}
