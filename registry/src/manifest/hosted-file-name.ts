import type { ArtifactRef } from "./types.ts";

/** File name of a URL's last path segment (`artifact` when it has none). */
export function urlFileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "") || "artifact";
  } catch {
    return "artifact";
  }
}

/**
 * File name a hosted copy is published under: the last segment of its `source` URL, else
 * `<app-id>-<version>` with the version file's delivery extension guessed from the path.
 *
 * @param versionFile the version manifest's path, `apps/<id>/versions/<delivery>/<version>.yaml`
 */
export function hostedFileName(versionFile: string, artifact: Pick<ArtifactRef, "source">): string {
  if (artifact.source !== undefined) {
    const name = urlFileName(artifact.source);
    if (/^[A-Za-z0-9._-]+$/.test(name) && name !== "artifact") return name;
  }
  const [, id = "app", , delivery = "", file = ""] = versionFile.split("/");
  const version = file.replace(/\.yaml$/, "");
  return `${id}-${version}${delivery === "compose" ? ".yaml" : ".tgz"}`;
}
