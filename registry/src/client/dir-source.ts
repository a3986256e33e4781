import { createReadStream, readFileSync, type Stats, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { ClientLimits } from "./client-limits.ts";
import { ClientError } from "../errors/client-error.ts";
import { counted, openUrlArtifact } from "./http-source.ts";
import { assertRelativePath, isRelativeUrl, type RegistrySource } from "./registry-source.ts";
import { recordTransfer, type TransferStats } from "./transfer-stats.ts";

/**
 * A registry in a local folder with the layout of `dist/` (a build, a mirror, a mounted
 * volume). Files are verified exactly as over HTTP; artifacts kept in the registry are
 * read from the folder, others from their HTTPS URL. Metadata files are read with
 * synchronous calls: a thread-pool round trip for each of a stat, an open, a read and a
 * close cost more than the read itself (reading the 15,264 files of a 10,000-app registry:
 * 3.0 s of CPU asynchronously, 1.7 s synchronously; the whole `verify` of its site, 20,259
 * files: 4.9 s and 1.3 s).
 */
export function openDirSource(dir: string, limits: ClientLimits, stats: TransferStats): RegistrySource {
  const root = path.resolve(dir);
  const full = (relative: string) => {
    const file = path.join(root, ...assertRelativePath(relative).split("/"));
    if (!file.startsWith(root + path.sep))
      throw new ClientError(
        "invalid-metadata",
        `the registry names the file ${JSON.stringify(relative)}, which is outside ${root}`,
      );
    return file;
  };
  return {
    location: root,
    async read(relative, options) {
      const file = full(relative);
      const info = statOrUndefined(file);
      if (!info?.isFile()) {
        recordTransfer(stats, { url: file, status: 404, bytes: 0 });
        return { status: "missing" };
      }
      if (info.size > options.maxBytes) {
        recordTransfer(stats, { url: file, status: 0, bytes: 0 });
        throw new ClientError("too-large", `${file} is ${info.size} bytes; at most ${options.maxBytes} are accepted`);
      }
      const bytes = readFileSync(file);
      recordTransfer(stats, { url: file, status: 0, bytes: bytes.length });
      return { status: "ok", bytes };
    },
    async openArtifact(url) {
      if (!isRelativeUrl(url)) return openUrlArtifact(url, limits, stats);
      const file = full(url);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile())
        throw new ClientError("http-status", `${file} is missing: the artifact is not where the registry says`);
      return { from: file, body: counted(createReadStream(file), stats, file, 0), length: info.size };
    },
  };
}

/** The file's stat, or undefined when it cannot be had (missing, not reachable): the caller reports it missing. */
function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
