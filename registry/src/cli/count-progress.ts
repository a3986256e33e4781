/**
 * A progress line for long registry runs (`validate`, `build` over thousands of apps):
 * `checking apps  5000/10000  50%`, redrawn in place on `stream` whenever the whole
 * percentage changes, and erased when the count is complete. Undefined (no output at all)
 * when `stream` is not a terminal or `CI=true`, so logs and pipes stay quiet.
 *
 * @param label what is counted, e.g. "checking apps"
 */
export function countProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY || env.CI === "true") return undefined;
  let shown = -1;
  return (done, total) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (done >= total) {
      if (shown !== -1) stream.write("\r\x1b[2K");
      shown = 100;
      return;
    }
    if (percent === shown) return;
    shown = percent;
    stream.write(`\r\x1b[2K${label}  ${done}/${total}  ${percent}%`);
  };
}
