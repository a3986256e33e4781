import { createHash } from "node:crypto";
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT_LIMITS } from "../../src/client/client-limits.ts";
import { openDirSource } from "../../src/client/dir-source.ts";
import { downloadArtifact } from "../../src/client/download-artifact.ts";
import { openHttpSource } from "../../src/client/http-source.ts";
import { assertRelativePath, type RegistrySource } from "../../src/client/registry-source.ts";
import { newTransferStats } from "../../src/client/transfer-stats.ts";
import type { ShardVersion } from "../../src/index/index-types.ts";

/**
 * Client paths (issue 13, class 7): a path the registry names (bin, shard, in-registry
 * artifact) is normalised and refused before any request when it could leave the
 * registry's prefix, in every spelling (percent-encoded dots and slashes, backslashes,
 * queries, look-alike dots); and `pull --out` neither overwrites without --force nor
 * writes through a symbolic link. Generated inputs; a local HTTP server counts requests.
 */
const HOSTILE = [
  "..",
  ".",
  "%2e%2e",
  "%2E%2e",
  "%2e",
  ".%2e",
  "%2f",
  "%2F",
  "%5c",
  "\\",
  "",
  "?x=1",
  "#top",
  "%00",
  "%",
  "%252e%252e",
  "\uff0e\uff0e",
  "..\u2215",
  "http:",
  "//evil.example",
  "/etc",
  "C:",
  " ",
  "\u202e",
];
const PLAIN = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,12}$/);

/** A path of plain segments with at least one hostile segment (or piece of one) in it. */
const hostilePath = fc
  .tuple(
    fc.array(PLAIN, { maxLength: 3 }),
    fc.constantFrom(...HOSTILE),
    fc.option(PLAIN, { nil: undefined }),
    fc.array(PLAIN, { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([before, bad, glued, after, json]) =>
    [...before, glued === undefined || bad === "" ? bad : `${bad}${glued}`, ...after, json ? "outside.json" : "x"].join(
      "/",
    ),
  );

let server: Server;
let base: string;
let requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/registry/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("client paths: nothing outside the registry is ever requested", () => {
  it("refuses generated hostile paths over HTTP and in a folder, before any request or open (300 cases)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "appshelf-client-paths-"));
    try {
      await fc.assert(
        fc.asyncProperty(hostilePath, async (hostile) => {
          requests = [];
          const http = openHttpSource(base, DEFAULT_CLIENT_LIMITS, newTransferStats());
          const folder = openDirSource(dir, DEFAULT_CLIENT_LIMITS, newTransferStats());
          for (const source of [http, folder]) {
            await expect(source.read(hostile, { maxBytes: 1024 }), JSON.stringify(hostile)).rejects.toMatchObject({
              reason: "invalid-metadata",
            });
            // An artifact URL may also be absolute: a hostile one is refused either way (`//host` as a URL that is not HTTPS).
            await expect(source.openArtifact(hostile), JSON.stringify(hostile)).rejects.toMatchObject({
              reason: expect.stringMatching(/^(invalid-metadata|insecure-url)$/),
            });
          }
          expect(requests).toEqual([]);
        }),
        { seed: 13, numRuns: 300 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names the decoded path in the refusal", () => {
    expect(() => assertRelativePath("apps/%2e%2e/%2e%2e/outside.json")).toThrow(
      '"apps/%2e%2e/%2e%2e/outside.json" (decoded: "apps/../../outside.json")',
    );
  });

  it("accepts every path the registry itself writes", () => {
    fc.assert(
      fc.property(fc.array(PLAIN, { minLength: 1, maxLength: 5 }), (segments) => {
        const relative = segments.join("/");
        expect(assertRelativePath(relative)).toBe(relative);
        expect(new URL(relative, base).href.startsWith(base)).toBe(true);
      }),
      { seed: 13, numRuns: 300 },
    );
    for (const real of [
      "index.json",
      "bins/a3.json",
      "apps/harbor.json",
      "icons/harbor.svg",
      "artifacts/notes/nextcloud/6.0.2+build.1/notes-6.0.2.tar.gz",
    ])
      expect(assertRelativePath(real)).toBe(real);
  });
});

const PAYLOAD = Buffer.from("verified artifact bytes\n");
const VERSION = {
  version: "1.0.0",
  delivery: "helm",
  artifact: {
    url: "https://example.org/chart.tgz",
    sha256: createHash("sha256").update(PAYLOAD).digest("hex"),
    size: PAYLOAD.length,
  },
  status: "released",
  released: "2026-01-01",
} as unknown as ShardVersion;

/** A source serving PAYLOAD, remembering whether it was asked. */
function payloadSource(): RegistrySource & { opened: number } {
  const source = {
    location: "test",
    opened: 0,
    read: () => Promise.reject(new Error("not used")),
    async openArtifact() {
      source.opened++;
      return {
        from: "test",
        body: (async function* () {
          yield PAYLOAD;
        })(),
        length: PAYLOAD.length,
      };
    },
  };
  return source;
}

type Existing = "none" | "file" | "link-to-file" | "link-to-folder" | "dangling-link" | "folder";

describe("pull --out: no overwrite without --force, never through a symbolic link", () => {
  it("decides every kind of existing name, with and without --force (generated)", async () => {
    const kinds: Existing[] = ["none", "file", "link-to-file", "link-to-folder", "dangling-link", "folder"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), fc.boolean(), fc.boolean(), async (existing, force, outIsLink) => {
        const home = await mkdtemp(path.join(tmpdir(), "appshelf-out-"));
        try {
          const outside = path.join(home, "outside");
          await mkdir(outside);
          await writeFile(path.join(outside, "Makefile"), "precious\n");
          const realOut = path.join(home, "real-out");
          await mkdir(realOut);
          const out = outIsLink ? path.join(home, "out-link") : realOut;
          if (outIsLink) await symlink(realOut, out);
          const final = path.join(realOut, "chart.tgz");
          if (existing === "file") await writeFile(final, "old\n");
          if (existing === "link-to-file") await symlink(path.join(outside, "Makefile"), final);
          if (existing === "link-to-folder") await symlink(outside, final);
          if (existing === "dangling-link") await symlink(path.join(outside, "nothing"), final);
          if (existing === "folder") await mkdir(final);
          const source = payloadSource();
          const result = downloadArtifact(source, VERSION, "https://example.org/chart.tgz", {
            outDir: out,
            fileName: "chart.tgz",
            maxBytes: 1 << 20,
            force,
          });
          if (outIsLink) {
            await expect(result).rejects.toMatchObject({ reason: "output-symlink" });
          } else if (existing === "none" || (force && existing !== "folder")) {
            await result;
            expect((await lstat(final)).isFile()).toBe(true);
            expect(await readFile(final)).toEqual(PAYLOAD);
          } else {
            await expect(result).rejects.toMatchObject({ reason: "output-exists" });
          }
          if (outIsLink || (existing !== "none" && (!force || existing === "folder"))) expect(source.opened).toBe(0);
          // Whatever happened, nothing outside was written and no temp file is left.
          expect(await readFile(path.join(outside, "Makefile"), "utf8")).toBe("precious\n");
          expect(await readdir(outside)).toEqual(["Makefile"]);
          expect((await readdir(realOut)).filter((n) => n.endsWith(".part"))).toEqual([]);
          if (existing === "file" && !force && !outIsLink) expect(await readFile(final, "utf8")).toBe("old\n");
          if (existing === "link-to-file" && !force && !outIsLink)
            expect(await readlink(final)).toBe(path.join(outside, "Makefile"));
        } finally {
          await rm(home, { recursive: true, force: true });
        }
      }),
      { seed: 13, numRuns: 40 },
    );
  });
});
