import { describe, expect, it } from "vitest";
import { countProgress } from "./count-progress.ts";

const stream = (isTTY: boolean) => {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
};

describe("countProgress", () => {
  it("redraws one line per whole percent on a terminal and erases it when done", () => {
    const tty = stream(true);
    const show = countProgress("checking apps", tty.stream, {});
    for (const done of [1, 2, 50, 51, 200]) show?.(done, 200);
    expect(tty.writes).toEqual([
      "\r\x1b[2Kchecking apps  1/200  0%",
      "\r\x1b[2Kchecking apps  2/200  1%",
      "\r\x1b[2Kchecking apps  50/200  25%",
      "\r\x1b[2K",
    ]);
  });

  it("stays quiet when the output is not a terminal, or in CI", () => {
    expect(countProgress("checking apps", stream(false).stream, {})).toBeUndefined();
    expect(countProgress("checking apps", stream(true).stream, { CI: "true" })).toBeUndefined();
  });
});
