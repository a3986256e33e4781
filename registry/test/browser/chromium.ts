/**
 * The one way browser tests get a Chromium, without root and without a download at install time.
 *
 * Resolution order (first that exists wins):
 * 1. `$APPSHELF_CHROMIUM` — an explicit executable; an error if it is set but missing.
 * 2. The system Chromium at `/usr/bin/chromium` (Debian's `chromium` package).
 * 3. The Chromium that the npm package `@sparticuz/chromium` ships inside its tarball (a devDependency,
 *    so `npm ci` brings it; linux x64 only): its Brotli-compressed binary and the NSS/expat libraries it
 *    links against are unpacked once into `node_modules/.cache/appshelf/chromium-<version>/`, atomically
 *    (unpacked into a temp folder, then renamed), so parallel test workers never see a half-written file.
 *
 * When none can be had, {@link findChromium} throws an error that says what to install — browser tests
 * never skip silently.
 */
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { chromium, type Browser, type LaunchOptions } from "playwright-core";
import * as tar from "tar";

/** Debian's Chromium, where `apt-get install chromium` puts it. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** Flags every browser test starts Chromium with: headless, no sandbox (CI runs as root), and no background traffic (the machine's network is closed). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A Chromium executable and where it came from. `libraryPath` is prepended to `LD_LIBRARY_PATH` when set. */
export interface ChromiumBinary {
  executablePath: string;
  source: "APPSHELF_CHROMIUM" | "system" | "@sparticuz/chromium";
  libraryPath?: string;
}

const HOW_TO_GET_ONE =
  "Browser tests need Chromium: run `npm ci` (brings @sparticuz/chromium, linux x64), or install Debian's `chromium` package, or set APPSHELF_CHROMIUM to a Chromium executable.";

/**
 * Finds a Chromium as described in this module's header, unpacking the npm-shipped one on first use.
 * @param env environment to read `APPSHELF_CHROMIUM` from (default `process.env`).
 * @throws Error naming what to install when no Chromium is available.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumBinary> {
  const explicit = env.APPSHELF_CHROMIUM;
  if (explicit) {
    if (!existsSync(explicit))
      throw new Error(`APPSHELF_CHROMIUM is set to ${explicit}, which does not exist. ${HOW_TO_GET_ONE}`);
    return { executablePath: explicit, source: "APPSHELF_CHROMIUM" };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system" };
  const packaged = await unpackPackagedChromium();
  if (packaged) return packaged;
  throw new Error(
    `No Chromium found (APPSHELF_CHROMIUM unset, ${SYSTEM_CHROMIUM} absent, @sparticuz/chromium not installed or not for ${process.platform}-${process.arch}). ${HOW_TO_GET_ONE}`,
  );
}

/**
 * Starts headless Chromium from {@link findChromium} with {@link CHROMIUM_ARGS}.
 * @throws Error when no Chromium is available, or when it fails to start.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const binary = await findChromium();
  const env = binary.libraryPath
    ? {
        ...process.env,
        LD_LIBRARY_PATH: [binary.libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter),
      }
    : process.env;
  return chromium.launch({
    ...options,
    executablePath: binary.executablePath,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    env: { ...env, ...options.env },
  });
}

/** Unpacks `@sparticuz/chromium`'s binary and libraries into the cache once; undefined when the package is absent or not for this platform. */
async function unpackPackagedChromium(): Promise<ChromiumBinary | undefined> {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  let entry: string;
  try {
    // The package's exports hide package.json; its entry point is build/index.js.
    entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  } catch {
    return undefined;
  }
  const packageDir = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  const nodeModules = path.dirname(path.dirname(packageDir));
  const target = path.join(nodeModules, ".cache", "appshelf", `chromium-${version}`);
  const binary: ChromiumBinary = {
    executablePath: path.join(target, "chromium"),
    source: "@sparticuz/chromium",
    libraryPath: path.join(target, "lib"),
  };
  if (existsSync(binary.executablePath)) return binary;

  await mkdir(path.dirname(target), { recursive: true });
  const temp = await mkdtemp(`${target}.tmp-`);
  try {
    await pipeline(
      createReadStream(path.join(packageDir, "bin", "chromium.br")),
      createBrotliDecompress(),
      createWriteStream(path.join(temp, "chromium")),
    );
    await chmod(path.join(temp, "chromium"), 0o755);
    // al2023.tar.br holds lib/ (NSS, NSPR, expat) for machines without them.
    await pipeline(
      createReadStream(path.join(packageDir, "bin", "al2023.tar.br")),
      createBrotliDecompress(),
      tar.x({ cwd: temp }),
    );
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Another worker may have finished first; its complete folder is as good as ours.
    if (existsSync(binary.executablePath)) return binary;
    throw error;
  }
  return binary;
}
