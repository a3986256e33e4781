import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import { stringify } from "yaml";

/** Shape of a synthetic registry: `apps` apps with `versions` versions each. */
export interface RegistryShape {
  apps: number;
  versions: number;
  /** Seed of the pseudo-random generator: same seed, same files. */
  seed: number;
}

const CATEGORIES = [
  "ai",
  "analytics",
  "collaboration",
  "communication",
  "content-management",
  "database",
  "developer-tools",
  "files",
  "iot",
  "monitoring",
  "multimedia",
  "networking",
  "organization",
  "security",
  "web-server",
];
const LICENSES = ["Apache-2.0", "MIT", "AGPL-3.0-or-later", "GPL-3.0-only", "BSD-3-Clause", "MPL-2.0"];
const WORDS =
  "store deploy cluster service storage secure fast simple open cloud native metrics backup sync share chart release team data stream queue cache proxy search index".split(
    " ",
  );
const DELIVERY_MIX = [
  ["helm"],
  ["helm"],
  ["helm", "compose"],
  ["compose"],
  ["nextcloud"],
  ["vm"],
  ["helm"],
  ["compose"],
] as const;

/** mulberry32: a small, fast, deterministic PRNG (public domain). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes a deterministic synthetic registry into `root` (apps/ plus a copy of the real
 * schema/ folder made by the caller): realistic sizes — 1-3 KB Markdown descriptions, some
 * Chinese translations, several delivery types, maintainers, screenshots, an SVG icon for
 * half the apps. Every file is valid, so validation exercises the whole pipeline.
 *
 * @returns the number of files written
 */
export async function generateRegistry(root: string, shape: RegistryShape): Promise<number> {
  const rnd = random(shape.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  let files = 0;
  // Publisher records (.github/appshelf/publishers/<id>.yaml) the apps name by id.
  const publishers = path.join(root, ".github/appshelf/publishers");
  await mkdir(publishers, { recursive: true });
  for (let p = 0; p < Math.min(997, shape.apps); p++) {
    const record = {
      id: `publisher-${p}`,
      name: `Publisher ${p}`,
      url: `https://publisher-${p}.example.org`,
      contact: `apps@publisher-${p}.example.org`,
      github: { logins: [`dev-${p}`] },
      verification: { state: "unverified" },
    };
    await writeFile(path.join(publishers, `publisher-${p}.yaml`), stringify(record, { lineWidth: 0 }));
    files++;
  }
  for (let i = 0; i < shape.apps; i++) {
    const id = `app-${i.toString(36).padStart(4, "0")}`;
    const dir = path.join(root, "apps", id);
    await mkdir(dir, { recursive: true });
    const paragraphs = Array.from(
      { length: 3 + Math.floor(rnd() * 6) },
      () => `${words(25 + Math.floor(rnd() * 20))}.`,
    );
    const app: Record<string, unknown> = {
      id,
      name: { en: `App ${i} ${words(2)}` },
      summary: { en: words(10).slice(0, 120) },
      description: { en: `${paragraphs.join("\n\n")}\n\n## Features\n\n- ${words(6)}\n- ${words(6)}\n- ${words(6)}\n` },
      categories: [pick(CATEGORIES)],
      keywords: [...new Set([pick(WORDS), pick(WORDS), pick(WORDS)])],
      license: pick(LICENSES),
      publisher: `publisher-${i % 997}`,
      maintainers: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => `dev-${(i * 7 + k) % 5003}`),
      links: { website: `https://${id}.example.org`, repository: `https://github.com/example/${id}` },
      screenshots: Array.from({ length: Math.floor(rnd() * 3) }, (_, k) => ({
        url: `https://${id}.example.org/shot-${k}.png`,
      })),
      status: rnd() < 0.01 ? "suspended" : "active",
    };
    if (rnd() < 0.3) (app.summary as Record<string, string>)["zh-CN"] = "示例应用摘要";
    if (i % 2 === 0) {
      app.icon = "icon.svg";
      await writeFile(
        path.join(dir, "icon.svg"),
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#${((i * 2654435761) % 0xffffff).toString(16).padStart(6, "0")}"/></svg>\n`,
      );
      files++;
    }
    await writeFile(
      path.join(dir, "app.yaml"),
      `# yaml-language-server: $schema=../../schema/app.schema.json\n${stringify(app, { lineWidth: 0 })}`,
    );
    files++;
    const deliveries = pick(DELIVERY_MIX);
    for (let v = 0; v < shape.versions; v++) {
      const delivery = deliveries[v % deliveries.length] as string;
      const version = `${1 + Math.floor(v / 4)}.${v % 4}.${Math.floor(rnd() * 10)}`;
      const vdir = path.join(dir, "versions", delivery);
      await mkdir(vdir, { recursive: true });
      const sha256 = createHash("sha256").update(`${id}/${delivery}/${version}`).digest("hex");
      const manifest = {
        version,
        delivery,
        artifact: {
          url: `https://downloads.example.org/${id}/${id}-${version}.tgz`,
          sha256,
          size: 10_000 + Math.floor(rnd() * 500_000),
        },
        ...(delivery === "helm"
          ? { compatibility: { kubernetes: ">=1.25.0-0" } }
          : delivery === "nextcloud"
            ? { compatibility: { nextcloud: ">=30 <=32" } }
            : {}),
        changelog: { en: `- ${words(8)}\n- ${words(8)}\n` },
        status: "released",
        released: `2025-${String(1 + (v % 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`,
      };
      const text = stringify(manifest, { lineWidth: 0 }).replace(/^version: (.*)$/m, 'version: "$1"');
      await writeFile(
        path.join(vdir, `${version}.yaml`),
        `# yaml-language-server: $schema=../../../../schema/version.schema.json\n${text}`,
      );
      files++;
    }
  }
  return files;
}
