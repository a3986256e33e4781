/**
 * Where a repo path sits in the registry layout:
 * - `app-manifest`: `apps/<app>/app.yaml`
 * - `version`: `apps/<app>/versions/<delivery>/<version>.yaml`
 * - `app-file`: anything else inside `apps/<app>/` (icon, in-repo artifact, stray file)
 * - `registry`: everything outside an app folder (workflows, schema, code, `apps/README.md`)
 */
export type PathPlace =
  | { role: "registry" }
  | { role: "app-manifest"; app: string }
  | { role: "version"; app: string; delivery: string; version: string }
  | { role: "app-file"; app: string };

/** Places a repo-relative POSIX path; see {@link PathPlace}. Pure string work. */
export function placePath(path: string): PathPlace {
  const parts = path.split("/");
  const [top, app, ...rest] = parts;
  if (top !== "apps" || app === undefined || app === "" || rest.length === 0) return { role: "registry" };
  if (rest.length === 1 && rest[0] === "app.yaml") return { role: "app-manifest", app };
  const [versions, delivery, file] = rest;
  if (
    rest.length === 3 &&
    versions === "versions" &&
    delivery &&
    file?.endsWith(".yaml") &&
    file.length > ".yaml".length
  ) {
    return { role: "version", app, delivery, version: file.slice(0, -".yaml".length) };
  }
  return { role: "app-file", app };
}
