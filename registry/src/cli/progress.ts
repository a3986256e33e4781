import type { ProgressListener } from "../client/download-artifact.ts";

/** Downloads smaller than this (bytes) show no progress: they are over before it would help. */
const MIN_BYTES = 1024 * 1024;

/**
 * A progress line for long downloads, redrawn in place on `stream`, or undefined when
 * `stream` is not a TTY (pipes and CI logs get no progress). Redraws only when the shown
 * percentage (or, with no known total, the shown MiB) changes.
 */
export function ttyProgress(stream: NodeJS.WriteStream = process.stdout): ProgressListener | undefined {
  if (!stream.isTTY) return undefined;
  let shown = "";
  return ({ name, received, total }) => {
    if ((total ?? received) < MIN_BYTES) return;
    const mib = (n: number) => (n / 1048576).toFixed(1);
    const line = total
      ? `${name}  ${mib(received)}/${mib(total)} MiB  ${Math.floor((received / total) * 100)}%`
      : `${name}  ${mib(received)} MiB`;
    if (line === shown) return;
    shown = line;
    stream.write(`\r\x1b[2K${line}${total !== undefined && received >= total ? "\n" : ""}`);
  };
}
