import { imageSize } from "image-size";
import { error, type Diagnostic } from "../../report/diagnostic.ts";
import type { AppRule } from "./facts.ts";
import { svgDangers } from "./svg-dangers.ts";

/** Largest icon accepted, in bytes. */
export const MAX_ICON_BYTES = 65_536;
/** Smallest PNG icon side, in pixels. */
export const MIN_ICON_PX = 64;

/**
 * `app/icon`: the icon named in app.yaml exists in the app folder, is at most
 * {@link MAX_ICON_BYTES} bytes, really is the SVG or PNG its name says, and a PNG is
 * square and at least {@link MIN_ICON_PX} px. An SVG may not carry scripts, event
 * handlers, embedded HTML, animations or references to other documents (`svg-dangers.ts`).
 */
export const appIcon: AppRule = ({ app, icon }) => {
  const name = app?.data.icon;
  if (!app || name === undefined) return [];
  const at = app.parsed.locate(["icon"]);
  const file = app.parsed.file;
  if (!icon) return [error("app/icon", file, at, `icon '${name}' is not a file in the app folder`)];
  if (icon.bytes.length > MAX_ICON_BYTES) {
    return [
      error("app/icon", file, at, `icon is ${icon.bytes.length} bytes; at most ${MAX_ICON_BYTES} bytes are allowed`),
    ];
  }
  const expected = name.endsWith(".svg") ? "svg" : "png";
  let size: ReturnType<typeof imageSize> | undefined;
  try {
    size = imageSize(icon.bytes);
  } catch {
    size = undefined;
  }
  if (!size || size.type !== expected) {
    return [error("app/icon", file, at, `icon ${icon.file} is not a valid ${expected.toUpperCase()} image`)];
  }
  return expected === "svg" ? svgProblems(icon.bytes.toString("utf8"), file, at) : pngProblems(size, file, at);
};

function pngProblems(
  size: { width: number; height: number },
  file: string,
  at: { line: number; column: number },
): Diagnostic[] {
  if (size.width !== size.height || size.width < MIN_ICON_PX) {
    return [
      error(
        "app/icon",
        file,
        at,
        `icon is ${size.width}x${size.height} px; it must be square and at least ${MIN_ICON_PX}x${MIN_ICON_PX}`,
      ),
    ];
  }
  return [];
}

function svgProblems(text: string, file: string, at: { line: number; column: number }): Diagnostic[] {
  return svgDangers(text).map((what) =>
    error("app/icon", file, at, `SVG icon contains ${what}; icons must be self-contained drawings`),
  );
}
