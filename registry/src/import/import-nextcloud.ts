import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { readArchive } from "../artifact/archive/read-archive.ts";
import { sha256Hex } from "../artifact/digest.ts";
import { fetchArtifact, type FetchLimits } from "../artifact/fetch-artifact.ts";
import { buildMetadata } from "../artifact/inspect/nextcloud/build-metadata.ts";
import { checkInfoXml } from "../artifact/inspect/nextcloud/check-info-xml.ts";
import { error, hasErrors } from "../report/diagnostic.ts";
import { ImportError } from "../errors/import-error.ts";
import { assertValidManifests, existingVersions, exists } from "./import-files.ts";
import { planNextcloudImport, type NextcloudImportPlan } from "./plan-nextcloud-import.ts";
import { replaceFile } from "../fs/replace-file.ts";

/** An import request: the release archive and what info.xml cannot say. */
export interface ImportNextcloudRequest {
  /** Absolute registry root. */
  root: string;
  /** Path of the release archive (tar.gz or zip), or its HTTPS URL. */
  source: string;
  /** Where runtimes download these exact bytes (HTTPS); default: `source` when it is a URL. Required for a file. */
  url?: string;
  /** Upstream URL kept as provenance only (`artifact.source`), e.g. when `url` is a hosted copy. */
  provenance?: string;
  /** For a new app: GitHub logins (at least one) and the publisher id (its record must exist under .github/appshelf/publishers/). */
  maintainers: string[];
  publisher?: string;
  /** Release signature (base64) and, for a new app, the code-signing certificate (PEM). */
  signature?: string;
  certificate?: string;
  limits: FetchLimits;
  /** Today, YYYY-MM-DD: the release date when CHANGELOG.md gives none. */
  today: string;
}

/**
 * `appshelf import nextcloud`: reads a Nextcloud release archive as the app store does
 * (one top folder = app id, `appinfo/info.xml` through pre-info.xslt + info.xsd and the
 * rules: any error stops the import) and writes `apps/<id>/app.yaml` for a new app and
 * `apps/<id>/versions/nextcloud/<version>.yaml` for a new version (see
 * `planNextcloudImport`); an existing app.yaml and existing versions are left as they are,
 * so re-running adds only new versions. Planned files are checked against their schemas,
 * then written through temp files and renames.
 *
 * @throws ImportError (with diagnostics) when the archive or a planned manifest is not valid
 * @throws FetchError when a URL cannot be downloaded
 */
export async function importNextcloud(request: ImportNextcloudRequest): Promise<NextcloudImportPlan> {
  const isUrl = /^https?:\/\//.test(request.source);
  const bytes = isUrl ? (await fetchArtifact(request.source, request.limits)).bytes : await readFile(request.source);
  const url = request.url ?? (isUrl ? request.source : undefined);
  if (url === undefined)
    throw new ImportError(
      "pass --url <https URL>: where runtimes download these exact bytes (a file has no URL of its own)",
      [],
    );
  const label = path.basename(isUrl ? new URL(request.source).pathname : request.source) || "archive";
  const { archive, diagnostics } = await readArchive(bytes, label, ["tar.gz", "zip"]);
  if (!archive) throw new ImportError(`${label} cannot be read as a Nextcloud release archive`, diagnostics);
  const top = archive.topLevel.length === 1 ? archive.topLevel[0] : undefined;
  const infoPath = `${top}/appinfo/info.xml`;
  const infoBytes = top === undefined ? undefined : archive.files.get(infoPath);
  if (!infoBytes)
    throw new ImportError(`${label} has no single app folder with appinfo/info.xml`, [
      error(
        "nextcloud/missing-info-xml",
        label,
        undefined,
        "expected <app-id>/appinfo/info.xml as the only top-level folder",
      ),
    ]);
  const checked = await checkInfoXml(infoBytes, `${label}!${infoPath}`);
  const metadata = checked.info && buildMetadata(checked.info);
  if (!checked.info || !metadata || hasErrors(checked.diagnostics))
    throw new ImportError(
      `${label}: info.xml is not accepted by the app store's rules; nothing was written`,
      checked.diagnostics,
    );
  const dir = path.join(request.root, "apps", metadata.id);
  const existing = {
    app: await exists(path.join(dir, "app.yaml")),
    versions: await existingVersions(path.join(dir, "versions/nextcloud")),
  };
  if (!existing.app && request.maintainers.length === 0)
    throw new ImportError(`apps/${metadata.id} is a new app: pass --maintainer <github-login> (who may change it)`, []);
  if (!existing.app && !request.publisher)
    throw new ImportError(
      `apps/${metadata.id} is a new app: pass --publisher <id> (a record under .github/appshelf/publishers/)`,
      [],
    );
  const changelog = archive.files.get(`${top}/CHANGELOG.md`);
  const plan = planNextcloudImport({
    info: checked.info,
    metadata,
    ...(changelog ? { changelog: changelog.toString("utf8") } : {}),
    artifact: {
      url,
      sha256: sha256Hex(bytes),
      size: bytes.length,
      ...(request.provenance ? { source: request.provenance } : {}),
    },
    ...(request.signature ? { signature: request.signature } : {}),
    ...(request.certificate ? { certificate: request.certificate } : {}),
    maintainers: request.maintainers,
    ...(request.publisher ? { publisher: request.publisher } : {}),
    existing,
    today: request.today,
  });
  assertValidManifests(plan.files);
  for (const [file, content] of plan.files) {
    const full = path.join(request.root, file);
    await mkdir(path.dirname(full), { recursive: true });
    await replaceFile(full, content);
  }
  return plan;
}
