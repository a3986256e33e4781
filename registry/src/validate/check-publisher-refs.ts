import type { PublisherRecord } from "../publisher/publisher-record.ts";
import { publisherPath } from "../publisher/publisher-record.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";
import type { AppFacts } from "./rules/index.ts";

/**
 * `app/publisher-exists` (error): the app's `publisher` and every version's `packagedBy`
 * name a publisher record `.github/appshelf/publishers/<id>.yaml` that exists and passed
 * its checks. The catalog and clients show the record, never a name typed in a manifest,
 * so nobody can appear as another publisher by writing its name. Pure.
 */
export function checkPublisherRefs(facts: AppFacts, publishers: ReadonlyMap<string, PublisherRecord>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const app = facts.app;
  const id = app?.data.publisher;
  if (app && id !== undefined && !publishers.has(id)) {
    diagnostics.push(
      error(
        "app/publisher-exists",
        app.parsed.file,
        app.parsed.locate(["publisher"]),
        `publisher '${id}' has no record: ${publisherPath(id)} does not exist or is invalid`,
        `name an existing publisher id, or add ${publisherPath(id)} (admins review it as a registry change)`,
      ),
    );
  }
  for (const v of facts.versions) {
    const packager = v.data.packagedBy;
    if (packager !== undefined && !publishers.has(packager)) {
      diagnostics.push(
        error(
          "app/publisher-exists",
          v.parsed.file,
          v.parsed.locate(["packagedBy"]),
          `packagedBy '${packager}' has no record: ${publisherPath(packager)} does not exist or is invalid`,
          `name an existing publisher id, or add ${publisherPath(packager)}`,
        ),
      );
    }
  }
  return diagnostics;
}
