/**
 * What an icon may contain: elements of the SVG namespace that draw (shapes, text,
 * gradients, patterns, masks, filters) and attributes that style or place them. Anything
 * else, in particular every element of another namespace (XHTML `img`, `video`, `iframe`,
 * `meta`…, which a browser creates and runs inside an SVG document), is refused: a list
 * of what is allowed cannot leak the way a list of what is dangerous did (issue 13).
 * Sources: SVG 2 element and attribute indexes (w3.org/TR/SVG2/eltindex.html, attindex.html).
 */

/** The SVG namespace: the only one whose elements an icon may hold. */
export const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

/** The xlink namespace: only `xlink:href` (checked like `href`) is accepted from it. */
export const XLINK_NAMESPACE = "http://www.w3.org/1999/xlink";

/** The `xml:` namespace (`xml:space`, `xml:lang`). */
export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

/**
 * Drawing elements by exact (case-sensitive) local name. Not here, so refused: `script`,
 * `foreignObject`, `a` (navigates on click), `animate*`/`set` (rewrite attributes after any
 * static check), `iframe`, `video`, `audio`, `canvas`, `view`, `switch`, `cursor`, fonts.
 */
export const SVG_ELEMENTS: ReadonlySet<string> = new Set([
  "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
  "text", "tspan", "textPath",
  "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "image", "style",
  "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
  "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
  "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
  "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
]);

/**
 * Attributes without a namespace, by exact name: geometry, presentation and filter
 * parameters. `href` is accepted but its value checked (a `#fragment` or an embedded
 * raster image); `style` is accepted but its CSS checked. Not here, so refused: every
 * `on*` handler, `src`, `srcset`, `action`, `formaction`, `http-equiv`, `content`, `target`.
 */
export const SVG_ATTRIBUTES: ReadonlySet<string> = new Set([
  "id", "class", "style", "transform", "lang", "tabindex", "role", "aria-label", "aria-hidden", "focusable",
  "version", "baseProfile", "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "x1", "y1", "x2", "y2",
  "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength", "href",
  "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
  "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color", "display", "visibility", "overflow",
  "clip-path", "clip-rule", "mask", "filter", "marker-start", "marker-mid", "marker-end", "paint-order", "vector-effect",
  "shape-rendering", "image-rendering", "text-rendering", "color-interpolation", "color-interpolation-filters",
  "mix-blend-mode", "isolation", "offset", "stop-color", "stop-opacity",
  "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits", "patternContentUnits", "patternTransform",
  "clipPathUnits", "maskUnits", "maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
  "font-family", "font-size", "font-weight", "font-style", "font-variant", "text-anchor", "dominant-baseline",
  "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode",
  "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
  "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4",
  "values", "type", "tableValues", "slope", "intercept", "amplitude", "exponent", "flood-color", "flood-opacity",
  "lighting-color", "surfaceScale", "diffuseConstant", "specularConstant", "specularExponent", "kernelMatrix",
  "kernelUnitLength", "order", "divisor", "bias", "targetX", "targetY", "edgeMode", "preserveAlpha", "scale",
  "xChannelSelector", "yChannelSelector", "radius", "baseFrequency", "numOctaves", "seed", "stitchTiles",
  "azimuth", "elevation", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "z",
]);
