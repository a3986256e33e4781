/**
 * Generator of SVG icons that mix namespaces the ways browsers honour (default and
 * prefixed declarations, redeclared on any element, XHTML and MathML elements inside SVG,
 * xlink and unknown attribute namespaces) with elements and attributes that fetch or
 * navigate (`img src`, `video`, `meta refresh`, `image href`, CSS `url()`...), every URL
 * pointing at `TRACK` (replaced by a local server's origin), and the property: an icon
 * `svgDangers` accepts makes Chromium, opening it as a document, request nothing but the
 * icon and stay on its URL. Imports nothing from vitest, so `scripts/fuzz.ts` can run it.
 */
import fc from "fast-check";
import type { Browser } from "playwright-core";
import { svgDangers } from "../../../src/validate/rules/svg-dangers.ts";
import { launchChromium } from "../../browser/chromium.ts";
import { fuzzTarget, type FuzzTarget } from "../fuzz-target.ts";
import { openIcon } from "./icon-in-chromium.ts";

const NAMESPACES = {
  svg: "http://www.w3.org/2000/svg",
  html: "http://www.w3.org/1999/xhtml",
  math: "http://www.w3.org/1998/Math/MathML",
  xlink: "http://www.w3.org/1999/xlink",
  other: "https://example.org/ns",
} as const;
type Prefix = keyof typeof NAMESPACES;

const ELEMENTS = [
  "rect",
  "g",
  "image",
  "use",
  "a",
  "img",
  "video",
  "audio",
  "source",
  "iframe",
  "meta",
  "link",
  "input",
  "script",
  "foreignObject",
  "animate",
  "set",
  "style",
  "text",
  "feImage",
  "filter",
  "math",
  "mtext",
];
const ATTRIBUTES = [
  'width="8"',
  'fill="#123456"',
  'href="#r"',
  'href="TRACK/href"',
  'xlink:href="TRACK/xlink"',
  'src="TRACK/src"',
  'srcset="TRACK/srcset 1x"',
  'imagesrcset="TRACK/imagesrcset 1x"',
  'rel="preload"',
  'as="image"',
  'http-equiv="refresh"',
  'content="0;url=TRACK/refresh"',
  'type="image"',
  'style="fill:url(TRACK/css)"',
  'fill="url(#r)"',
  "onload=\"location='TRACK/onload'\"",
  'poster="TRACK/poster"',
  'data="TRACK/data"',
  'id="r"',
  'autoplay=""',
];

interface GeneratedElement {
  name: string;
  prefix: Prefix | "";
  declare: Prefix | "" | null;
  attributes: string[];
  children: GeneratedElement[];
  text: string;
}

/** Arbitrary icons: nested elements in random namespaces, with fetching and navigating attributes. */
export function svgIconArbitrary(): fc.Arbitrary<string> {
  const prefix = fc.constantFrom<Prefix | "">("", "", "", "svg", "html", "math", "other");
  const element = (children: fc.Arbitrary<GeneratedElement[]>): fc.Arbitrary<GeneratedElement> =>
    fc.record({
      name: fc.constantFrom(...ELEMENTS),
      prefix,
      declare: fc.option(fc.constantFrom<Prefix | "">("", "svg", "html", "math", "other"), { freq: 4 }),
      attributes: fc.uniqueArray(fc.constantFrom(...ATTRIBUTES), { maxLength: 3 }),
      children,
      text: fc.constantFrom("", "", "x", "rect{fill:url(TRACK/style)}", "@import 'TRACK/import';"),
    });
  // Three levels at most: namespace declarations are inherited, so nesting matters, deep nesting does not.
  const leaf = element(fc.constant([]));
  const middle = element(fc.array(leaf, { maxLength: 2 }));
  return fc
    .array(element(fc.array(middle, { maxLength: 2 })), { maxLength: 3 })
    .map(
      (children) =>
        `<svg xmlns="${NAMESPACES.svg}" xmlns:xlink="${NAMESPACES.xlink}" xmlns:svg="${NAMESPACES.svg}" xmlns:html="${NAMESPACES.html}" xmlns:math="${NAMESPACES.math}" xmlns:other="${NAMESPACES.other}" viewBox="0 0 64 64" width="64" height="64"><rect width="64" height="64" fill="#0a0"/>${children.map(write).join("")}</svg>`,
    );
}

function write(element: GeneratedElement): string {
  const name = element.prefix === "" ? element.name : `${element.prefix}:${element.name}`;
  const declaration =
    element.declare === null ? "" : element.declare === "" ? ' xmlns=""' : ` xmlns="${NAMESPACES[element.declare]}"`;
  const attributes = element.attributes.map((a) => ` ${a}`).join("");
  return `<${name}${declaration}${attributes}>${element.text}${element.children.map(write).join("")}</${name}>`;
}

/** Checks one icon: when `svgDangers` accepts it, Chromium must fetch nothing else and stay on it. Returns whether it was accepted. */
export async function checkIconInChromium(browser: Browser, icon: string): Promise<boolean> {
  if (svgDangers(icon.replaceAll("TRACK", "http://127.0.0.1:9")).length > 0) return false;
  const { requests, navigated } = await openIcon(browser, icon);
  if (requests.length > 0 || navigated)
    throw new Error(
      `an accepted icon fetched ${JSON.stringify(requests)}${navigated ? " and navigated away" : ""}: ${icon}`,
    );
  return true;
}

let shared: Promise<Browser> | undefined;

/** One Chromium for every case of the process, closed at exit. */
function sharedBrowser(): Promise<Browser> {
  shared ??= launchChromium().then((browser) => {
    process.once("beforeExit", () => void browser.close());
    return browser;
  });
  return shared;
}

/** The SVG-namespace target for `npm run fuzz` and `fuzz.test.ts` (Chromium opens each accepted icon). */
export const svgFuzzTargets: readonly FuzzTarget[] = [
  fuzzTarget(
    "svg",
    "SVG icons mixing SVG, XHTML, MathML and unknown namespaces with fetching and navigating elements: whatever app/icon accepts makes no request and cannot navigate when Chromium opens it",
    { cost: 10, ciRuns: 15 },
    async () => {
      const browser = await sharedBrowser();
      return fc.asyncProperty(svgIconArbitrary(), async (icon) => void (await checkIconInChromium(browser, icon)));
    },
  ),
];
