import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, tempDir, tempRegistry } from "../temp-registry.ts";
import { runAppshelf, type CliRun } from "../run-appshelf.ts";

/** Runs the real `appshelf` command (not a terminal: no progress line). */
const appshelf = (args: string[]): Promise<CliRun> => runAppshelf(args);

describe("appshelf validate --partition (old name --shard) and appshelf merge-reports", () => {
  it("splits validation by app id and merges the JSON reports into the report of one run", async () => {
    const r = await tempRegistry();
    await r.edit("apps/harbor/app.yaml", "website: https://goharbor.io", "website: http://goharbor.io");
    const common = ["--root", r.root, "--mirror", CORPUS, "--offline", "--no-cache", "--format", "json"];
    const whole = await appshelf(["validate", ...common]);
    expect(whole.code).toBe(1);
    expect(whole.stderr).toBe("");
    const out = await tempDir();
    const files: string[] = [];
    // The second job uses the option's old name, --shard.
    for (const [flag, partition] of [
      ["--partition", "0/2"],
      ["--shard", "1/2"],
    ] as const) {
      const part = await appshelf(["validate", ...common, flag, partition]);
      expect(JSON.parse(part.stdout).partition).toEqual({ index: Number(partition[0]), count: 2 });
      files.push(path.join(out, `${partition[0]}.json`));
      await writeFile(files.at(-1) ?? "", part.stdout);
    }
    const merged = await appshelf(["merge-reports", "--format", "json", ...files.reverse()]);
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    const text = await appshelf(["merge-reports", ...files]);
    expect(text.stdout).toContain("apps/harbor/app.yaml:35:12 error url/https");
    const missing = await appshelf(["merge-reports", files[0] ?? ""]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/appshelf: the reports must be the partitions 0..1 of 2, each once; got 1\/2/);
    expect((await appshelf(["validate", ...common, "--partition", "2/2"])).stderr).toMatch(
      /--partition must be <index>\/<count> with 0 <= index < count <= 256, e.g. 0\/4, not '2\/2'/,
    );
    expect((await appshelf(["validate", ...common, "--shard", "2/2"])).stderr).toMatch(
      /--shard must be <index>\/<count> with 0 <= index < count <= 256, e.g. 0\/4, not '2\/2'/,
    );
  });
});
