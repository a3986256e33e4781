import { describe, expect, it } from "vitest";
import { toCheckFacts } from "../../src/github/read-pr-check.ts";
import { toPrResult } from "../../src/check-pr/pr-result.ts";
import { decide } from "../../src/review/decide.ts";
import { parseReviewSnapshot } from "../../src/review/parse-snapshot.ts";
import { aSnapshot, HEAD, repoPolicy } from "./snapshot-builder.ts";

const render = {
  tool: "helm v4.1.4",
  kubeVersion: "v1.20.0",
  objects: [{ apiVersion: "apps/v1", kind: "DaemonSet", count: 1 }],
  images: [{ ref: "evil/img`:1", name: "evil/img`", tag: "1" }],
  flags: [{ flag: "host-network" as const, object: "DaemonSet/agent" }],
};

/** A check result for HEAD with one changed version's render report. */
function resultWith(renders: unknown) {
  const result = toPrResult(
    {
      kinds: ["new-app"],
      apps: [{ id: "wordpress", kinds: ["new-app"], versions: [] }],
      registryFiles: [],
      diagnostics: [],
    },
    {
      base: { ref: "main", sha: "a".repeat(40) },
      head: { ref: "HEAD", sha: HEAD },
      mergeBase: "a".repeat(40),
      author: "wp-packager",
      validated: { apps: 1, versions: 1 },
      diagnostics: [],
    },
  );
  return { ...result, renders };
}

describe("render reports in the review gate", () => {
  it("the gate reads the check's render reports as capped text lines, and drops a result whose reports are malformed", () => {
    const facts = toCheckFacts(resultWith([{ app: "wordpress", delivery: "helm", version: "27.0.0", render }]));
    expect(facts?.renders).toEqual([
      {
        app: "wordpress",
        delivery: "helm",
        version: "27.0.0",
        tool: "helm v4.1.4",
        objects: ["1 × DaemonSet"],
        images: ["evil/img`:1"],
        flags: ["host network: DaemonSet/agent"],
      },
    ]);
    expect(
      toCheckFacts(
        resultWith([
          {
            app: "wordpress",
            delivery: "helm",
            version: "27.0.0",
            render: { ...render, flags: [{ flag: "made-up", object: "x" }] },
          },
        ]),
      ),
    ).toBeNull();
    expect(toCheckFacts(resultWith("not a list"))).toBeNull();
  });

  it("the comment's technical checklist shows what will be created, as code, and the snapshot with it stays schema-valid", () => {
    const snapshot = aSnapshot();
    const facts = toCheckFacts(resultWith([{ app: "wordpress", delivery: "helm", version: "27.0.0", render }]));
    snapshot.check = { conclusion: "success", result: facts };
    const parsed = parseReviewSnapshot(JSON.parse(JSON.stringify(snapshot)), "snapshot");
    const decision = decide(parsed, repoPolicy());
    const technical = decision.comment.slice(decision.comment.indexOf("3. technical review**"));
    expect(technical).toContain(
      "What the changed versions will create (render reports of the pull-request check, from its own run):",
    );
    expect(technical).toContain(
      "- `wordpress 27.0.0` (`helm`, rendered by `helm v4.1.4`)\n  - objects: `1 × DaemonSet`\n  - images: `evil/img :1`\n  - flags: `host network: DaemonSet/agent`",
    );
    const without = decide(aSnapshot(), repoPolicy());
    expect(without.comment).not.toContain("will create");
    expect(without).not.toHaveProperty("renders");
  });
});
