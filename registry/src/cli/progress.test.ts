import { describe, expect, it } from "vitest";
import { ttyProgress } from "./progress.ts";

const stream = (isTTY: boolean) => {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
};

describe("ttyProgress", () => {
  it("draws one line per whole percent for downloads of 1 MiB or more, and ends it with a newline", () => {
    const tty = stream(true);
    const show = ttyProgress(tty.stream);
    const total = 4 * 1048576;
    for (const received of [1000, 1048576, 1048577, total]) show?.({ name: "big.tgz", received, total });
    expect(tty.writes).toEqual([
      "\r\x1b[2Kbig.tgz  0.0/4.0 MiB  0%",
      "\r\x1b[2Kbig.tgz  1.0/4.0 MiB  25%",
      "\r\x1b[2Kbig.tgz  4.0/4.0 MiB  100%\n",
    ]);
  });

  it("shows nothing for small downloads, and nothing at all when the output is not a terminal", () => {
    const tty = stream(true);
    ttyProgress(tty.stream)?.({ name: "small.tgz", received: 10, total: 54222 });
    expect(tty.writes).toEqual([]);
    expect(ttyProgress(stream(false).stream)).toBeUndefined();
  });
});
