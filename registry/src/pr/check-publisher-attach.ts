import type { PublisherRecord } from "../publisher/publisher-record.ts";
import { mayAttach, publisherPath } from "../publisher/publisher-record.ts";
import { error, warning, type Diagnostic } from "../report/diagnostic.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import type { AppDelta } from "./derive-app-delta.ts";
import { isMaintainer, stringAt } from "./manifest-fields.ts";

/**
 * `pr/publisher-not-yours` (error): attaching an app to a publisher (a new app's
 * `publisher`, a changed `publisher`, or a `packagedBy` none of the app's versions on the
 * base branch names) needs
 * the author to be one of the publisher's GitHub logins in its record on the BASE branch,
 * or a registry admin. Otherwise anybody could list an app under "Bitnami by Broadcom".
 * `pr/publisher-new` (warning): the record is not on the base branch (this pull request
 * adds it, a registry change admins review). Without an author nothing is checked. Pure.
 */
export function checkPublisherAttach(
  apps: readonly AppDelta[],
  author: string | undefined,
  publishers: ReadonlyMap<string, PublisherRecord>,
  admins: readonly string[],
  base: ReadonlyMap<string, ParsedYaml>,
): Diagnostic[] {
  if (author === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  const attach = (
    id: string | undefined,
    file: string,
    at: ReturnType<NonNullable<AppDelta["head"]>["locate"]> | undefined,
    what: string,
  ) => {
    if (id === undefined) return;
    const record = publishers.get(id);
    if (!record) {
      diagnostics.push(
        warning(
          "pr/publisher-new",
          file,
          at,
          `${what} names the publisher '${id}', whose record ${publisherPath(id)} is not on the base branch: admins review the new record before it vouches for anything`,
        ),
      );
      return;
    }
    if (mayAttach(record, author) || isMaintainer(author, admins)) return;
    const who =
      record.github.logins.length > 0 ? record.github.logins.map((l) => `@${l}`).join(", ") : "nobody but the admins";
    diagnostics.push(
      error(
        "pr/publisher-not-yours",
        file,
        at,
        `@${author} attaches ${what} to the publisher '${record.name}' (${id}), but only its logins (${who}) or an admin may`,
        `ask ${record.name} to submit it, name a publisher record of your own, or ask admins to add you to ${publisherPath(id)}`,
      ),
    );
  };
  for (const app of apps) {
    if (
      app.head &&
      (app.isNew ||
        (app.manifest && stringAt(app.base?.data, ["publisher"]) !== stringAt(app.head.data, ["publisher"])))
    ) {
      attach(
        stringAt(app.head.data, ["publisher"]),
        app.head.file,
        app.head.locate(["publisher"]),
        `the app ${app.id}`,
      );
    }
    const prefix = `apps/${app.id}/versions/`;
    const known = new Set(
      app.isNew
        ? []
        : [...base.values()].filter((p) => p.file.startsWith(prefix)).map((p) => stringAt(p.data, ["packagedBy"])),
    );
    for (const v of app.versions) {
      const packager = stringAt(v.head?.data, ["packagedBy"]);
      if (v.head && packager !== undefined && !known.has(packager))
        attach(
          packager,
          v.head.file,
          v.head.locate(["packagedBy"]),
          `version ${v.version} (${v.delivery}) of ${app.id} as its packager`,
        );
    }
  }
  return diagnostics;
}
