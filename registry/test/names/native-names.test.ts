import { cp } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { runAppshelf } from "../run-appshelf.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry, type TempRegistry } from "../temp-registry.ts";

/** Copies `apps/<from>` to `apps/<to>` and renames it (id in app.yaml). */
async function impostor(r: TempRegistry, from: string, to: string): Promise<void> {
  await cp(path.join(r.root, "apps", from), path.join(r.root, "apps", to), { recursive: true });
  await r.edit(`apps/${to}/app.yaml`, `id: ${from}`, `id: ${to}`);
}

const taken = async (r: TempRegistry) =>
  errorsOf(
    (await validateRegistry({ root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: true })).diagnostics,
  )
    .filter((d) => d.ruleId === "index/name-taken")
    .map((d) => `${d.file}: ${d.message}`);

describe("native names belong to one app (index/name-taken)", () => {
  it("an outsider's app declaring chart: wordpress is refused, naming the owner", async () => {
    const r = await tempRegistry(["wordpress"]);
    await impostor(r, "wordpress", "a-wp");
    await r.edit("apps/a-wp/versions/helm/27.0.0.yaml", "delivery: helm\n", "delivery: helm\nchart: wordpress\n");
    expect(await taken(r)).toEqual([
      "apps/a-wp/versions/compose/6.8.2.yaml: a-wp claims the Compose project name 'wordpress', which belongs to the app wordpress: a native client resolves a name to one app",
      "apps/a-wp/versions/helm/27.0.0.yaml: a-wp claims the helm chart name 'wordpress', which belongs to the app wordpress: a native client resolves a name to one app",
    ]);
  });

  it("a second app publishing the emqx chart is refused even when both are valid on their own", async () => {
    const r = await tempRegistry(["emqx"]);
    await impostor(r, "emqx", "mqtt");
    await r.edit("apps/mqtt/versions/helm/5.8.5.yaml", "delivery: helm\n", "delivery: helm\nchart: emqx\n");
    expect(await taken(r)).toEqual([
      "apps/mqtt/versions/helm/5.8.5.yaml: mqtt claims the helm chart name 'emqx', which belongs to the app emqx: a native client resolves a name to one app",
    ]);
  });

  it("appshelf validate (a run keeping only diagnostics) refuses the duplicate too", async () => {
    const r = await tempRegistry(["emqx"]);
    await impostor(r, "emqx", "mqtt");
    await r.edit("apps/mqtt/versions/helm/5.8.5.yaml", "delivery: helm\n", "delivery: helm\nchart: emqx\n");
    const run = await runAppshelf(["validate", "--root", r.root, "--mirror", CORPUS, "--offline"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "apps/mqtt/versions/helm/5.8.5.yaml error index/name-taken mqtt claims the helm chart name 'emqx', which belongs to the app emqx",
    );
  });

  it("a Nextcloud app id belongs to one app: another app shipping the notes archive is refused", async () => {
    const r = await tempRegistry(["notes"]);
    await impostor(r, "notes", "notes-2");
    // The archive's top folder (the app store's app id) must be the app's own id, so another app's archive is refused.
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    expect(errorsOf(diagnostics).map((d) => d.ruleId)).toEqual(["nextcloud/top-folder"]);
  });

  it("appshelf build refuses the duplicate and writes nothing", async () => {
    const r = await tempRegistry(["emqx"]);
    await impostor(r, "emqx", "mqtt");
    await r.edit("apps/mqtt/versions/helm/5.8.5.yaml", "delivery: helm\n", "delivery: helm\nchart: emqx\n");
    const out = path.join(await tempDir(), "dist");
    const run = await runAppshelf(["build", "--root", r.root, "--mirror", CORPUS, "--offline", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "apps/mqtt/versions/helm/5.8.5.yaml error index/name-taken mqtt claims the helm chart name 'emqx', which belongs to the app emqx",
    );
    expect(run.stderr).toContain("Nothing was written");
  });
});
