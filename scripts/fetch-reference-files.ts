// Downloads the third-party reference files that artifact inspection checks against
// (Nextcloud's info.xsd and pre-info.xslt, its code-signing root.crt and root.crl, the
// Compose Specification schema) at pinned
// upstream commits, verifies each by sha256, and writes them to a folder laid out like
// ../shared/corpus. CI on GitHub runs it and points APPSHELF_REFERENCE_DIR at the folder;
// the files are never committed here (their licences and owners are their own).
//
// Usage: node scripts/fetch-reference-files.ts <out-dir>
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fetchArtifact } from "../registry/src/api.ts";
import { replaceFile } from "../registry/src/fs/replace-file.ts";

/** Pinned sources: the same revisions as the test corpus (see ../shared/corpus/README.md). */
const FILES = [
  {
    name: "nextcloud/info.xsd",
    url: "https://raw.githubusercontent.com/nextcloud/appstore/40f0a1b7/nextcloudappstore/api/v1/release/info.xsd",
    sha256: "a8ec208d4be9e507dc28b24e1bb7d8fafa45cbf00ed4b460f1545b131369d362",
  },
  {
    name: "nextcloud/pre-info.xslt",
    url: "https://raw.githubusercontent.com/nextcloud/appstore/40f0a1b7/nextcloudappstore/api/v1/release/pre-info.xslt",
    sha256: "edc56d17b2a0601a945c724b600b95a66593feffc3a979a6ca93dab8d0f06499",
  },
  {
    name: "nextcloud/codesigning/root.crt",
    url: "https://raw.githubusercontent.com/nextcloud/server/592f2ec8/resources/codesigning/root.crt",
    sha256: "78d190bc030b96646b7836229902e4b57ba61655015f72a187bcef5f6730c1df",
  },
  {
    name: "nextcloud/codesigning/root.crl",
    url: "https://raw.githubusercontent.com/nextcloud/server/084e6286/resources/codesigning/root.crl",
    sha256: "1ee66c8344aeed03b33422816045ae36b74327750e030655ffb36059648fd19e",
  },
  {
    name: "compose/compose-spec.json",
    url: "https://raw.githubusercontent.com/compose-spec/compose-spec/170098ba/schema/compose-spec.json",
    sha256: "1f91e091f16b2dd50ab8860e02bb391d22df553d91c145eacedb1b6eff9c3f0e",
  },
] as const;

const out = process.argv[2];
if (!out) {
  process.stderr.write("usage: node scripts/fetch-reference-files.ts <out-dir>\n");
  process.exit(2);
}
for (const file of FILES) {
  const { bytes, sha256 } = await fetchArtifact(file.url);
  if (sha256 !== file.sha256) throw new Error(`${file.url}: sha256 is ${sha256}, expected ${file.sha256}`);
  const target = path.join(out, file.name);
  await mkdir(path.dirname(target), { recursive: true });
  await replaceFile(target, bytes);
  process.stdout.write(`${file.name}: ${bytes.length} bytes, sha256 verified\n`);
}
