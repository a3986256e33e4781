import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appPagesByBundle, planBundles, writeSearchIndex } from "../src/integrations/search-index.ts";
import { SearchThread } from "../src/integrations/search-thread.ts";
import { hashes } from "./file-hashes.ts";

const temp = mkdtempSync(join(tmpdir(), "appshelf-search-thread-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const workerFile = new URL("../src/integrations/search-worker.ts", import.meta.url);

/** A built site with one listed app page per id in English and Chinese. */
function site(name: string, ids: string[]): string {
  const dir = join(temp, name);
  for (const id of ids) {
    for (const [prefix, lang] of [
      ["", "en"],
      ["zh-CN/", "zh-CN"],
    ] as const) {
      mkdirSync(join(dir, prefix, "apps", id), { recursive: true });
      writeFileSync(
        join(dir, prefix, "apps", id, "index.html"),
        `<!doctype html><html lang="${lang}"><body><article data-pagefind-body><h1 data-pagefind-meta="title">${id}</h1><p>${id} words</p></article></body></html>`,
      );
    }
  }
  return dir;
}

describe("search thread", () => {
  // A republish renders a few app pages and reuses the rest of their bundle: the worker must
  // get the rendered ones as soon as the last is in, not at the end of the build (allWritten).
  it("indexes once every page the build renders is handed over, without waiting for the end of the build", async () => {
    const ids = ["alpha", "beta", "gamma", "delta"];
    const dir = site("built", ids);
    const plan = planBundles(appPagesByBundle(dir));
    const rendered = ["apps/beta/index.html", "zh-CN/apps/beta/index.html"];
    const reused = plan.flatMap((b) => b.pages).filter((path) => !rendered.includes(path));
    const out = join(temp, "out");
    const thread = new SearchThread(workerFile, plan, reused, dir, out);
    for (const path of rendered) thread.offer(path, readFileSync(join(dir, path)));
    const report = await thread.result;
    expect(report.indexed).toEqual({ en: 4, "zh-cn": 4 });
    const fromDisk = join(temp, "from-disk");
    await writeSearchIndex(dir, undefined, fromDisk);
    expect(hashes(join(out, "pagefind"))).toEqual(hashes(join(fromDisk, "pagefind")));
  }, 60_000);
});
