import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ClientLimits } from "./client-limits.ts";
import { ClientError } from "../errors/client-error.ts";
import { counted, openUrlArtifact } from "./http-source.ts";
import { assertRelativePath, isRelativeUrl, type RegistrySource } from "./registry-source.ts";
import { recordTransfer, type TransferStats } from "./transfer-stats.ts";

/**
 * A registry in a local folder with the layout of `dist/` (a build, a mirror, a mounted
 * volume). Files are verified exactly as over HTTP; artifacts kept in the registry are
 * read from the folder, others from their HTTPS URL.
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
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        recordTransfer(stats, { url: file, status: 404, bytes: 0 });
        return { status: "missing" };
      }
      if (info.size > options.maxBytes) {
        recordTransfer(stats, { url: file, status: 0, bytes: 0 });
        throw new ClientError("too-large", `${file} is ${info.size} bytes; at most ${options.maxBytes} are accepted`);
      }
      const bytes = await readFile(file);
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
