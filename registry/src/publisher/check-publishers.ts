import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";
import { schemaDiagnostics } from "../manifest/schema-diagnostics.ts";
import { schemaCheck } from "../json/schemas.ts";
import { PUBLISHERS_DIR, type PublisherRecord } from "./publisher-record.ts";

/** The publisher records that passed their checks, by id, and the problems of the others. */
export interface PublisherList {
  records: ReadonlyMap<string, PublisherRecord>;
  diagnostics: Diagnostic[];
}

/**
 * Checks parsed publisher records (`.github/appshelf/publishers/<id>.yaml`): YAML,
 * `schema/publisher.schema.json`, and `publisher/id-matches-file` (the id is the file
 * name). A record with any problem is left out, so an app naming it gets
 * `app/publisher-exists`: nothing is vouched for from a broken record. Pure.
 */
export function checkPublishers(files: readonly ParsedYaml[]): PublisherList {
  const records = new Map<string, PublisherRecord>();
  const diagnostics: Diagnostic[] = [];
  for (const parsed of files) {
    if (parsed.diagnostics.length > 0) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    const problems = schemaDiagnostics(parsed, schemaCheck("publisher")(parsed.data));
    if (problems.length > 0) {
      diagnostics.push(...problems);
      continue;
    }
    const record = parsed.data as PublisherRecord;
    const expected = parsed.file.slice(`${PUBLISHERS_DIR}/`.length, -".yaml".length);
    if (record.id !== expected) {
      diagnostics.push(
        error(
          "publisher/id-matches-file",
          parsed.file,
          parsed.locate(["id"]),
          `publisher id '${record.id}' does not match its file name '${expected}.yaml'`,
          `set id: ${expected}, or rename the file to ${record.id}.yaml`,
        ),
      );
      continue;
    }
    records.set(record.id, record);
  }
  return { records, diagnostics };
}
