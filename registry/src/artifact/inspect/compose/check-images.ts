import { error, warning, type Diagnostic } from "../../../report/diagnostic.ts";
import type { ComposeFile } from "./compose-file.ts";

/**
 * How an image reference is pinned (Compose Specification `image`: `[registry/]name[:tag][@digest]`).
 * `${VAR:-default}` and `${VAR-default}` are read with their default; a variable without
 * one makes the reference `variable`.
 */
export type ImagePin = "digest" | "tag" | "latest" | "untagged" | "variable";

/** Classifies an image reference; see {@link ImagePin}. */
export function pinOf(image: string): ImagePin {
  const resolved = image.replace(/\$\{[^}:?-]+:?-([^}]*)\}/g, "$1");
  if (/\$\{|\$[A-Za-z_]/.test(resolved)) return "variable";
  if (/@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/.test(resolved)) return "digest";
  const name = resolved.slice(resolved.lastIndexOf("/") + 1);
  const colon = name.indexOf(":");
  if (colon < 0) return "untagged";
  return name.slice(colon + 1) === "latest" ? "latest" : "tag";
}

/**
 * Every service runs a published image, pinned. Rule ids:
 * - `compose/no-image`: a service with neither `image` nor `build`.
 * - `compose/build-only`: `build` without `image`: a store artifact must run from
 *   published images, never need a local build.
 * - `compose/unpinned-image` (warning): no tag, the `latest` tag, or a tag left to a
 *   variable without default; pin a version tag or a digest (issue 3: "images should be
 *   pinned (tag or digest; `latest` is a warning)").
 */
export function checkImages(compose: ComposeFile): Diagnostic[] {
  const { parsed } = compose;
  return compose.services.flatMap(({ name, definition }) => {
    const { image, build } = definition;
    if (typeof image !== "string") {
      return build === undefined
        ? [
            error(
              "compose/no-image",
              parsed.file,
              parsed.locateKey(["services", name]),
              `service '${name}' has neither image nor build; it cannot run`,
            ),
          ]
        : [
            error(
              "compose/build-only",
              parsed.file,
              parsed.locate(["services", name, "build"]),
              `service '${name}' is built locally (build without image); an app in the store must run from published images`,
              "publish the image and set image: <name>:<version>",
            ),
          ];
    }
    const pin = pinOf(image);
    if (pin === "tag" || pin === "digest") return [];
    const why =
      pin === "latest"
        ? "uses the 'latest' tag"
        : pin === "untagged"
          ? "has no tag, so it means 'latest'"
          : "takes its tag from a variable without a default";
    return [
      warning(
        "compose/unpinned-image",
        parsed.file,
        parsed.locate(["services", name, "image"]),
        `service '${name}' image '${image}' ${why}; installs would not be repeatable`,
        "pin a version tag (e.g. postgres:17.6) or a digest (@sha256:...)",
      ),
    ];
  });
}
