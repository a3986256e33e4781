/**
 * Accessibility checks run inside the page (no library): landmarks, one h1, alt text, names
 * of links and form fields, and WCAG 2 text contrast computed from the styles in use (both
 * colour schemes are checked by the caller). They stand in for axe-core where it is not
 * installed and run beside it where it is.
 */
import type { Page } from "playwright-core";

export interface A11yProblem {
  rule: string;
  target: string;
}

/** Problems found on the page as it is shown. */
export function checkAccessibility(page: Page): Promise<A11yProblem[]> {
  return page.evaluate(() => {
    const problems: { rule: string; target: string }[] = [];
    const describe = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    const visible = (el: Element): boolean => {
      const box = (el as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.display !== "none";
    };
    if (!document.documentElement.lang) problems.push({ rule: "html-lang", target: "html" });
    if (!document.title.trim()) problems.push({ rule: "document-title", target: "title" });
    for (const selector of ["header", "main", "footer", "nav[aria-label]"]) {
      if (!document.querySelector(selector)) problems.push({ rule: "landmark", target: selector });
    }
    if (document.querySelectorAll("h1").length !== 1)
      problems.push({ rule: "one-h1", target: `${document.querySelectorAll("h1").length} h1` });
    for (const img of document.querySelectorAll("img"))
      if (!img.hasAttribute("alt")) problems.push({ rule: "image-alt", target: img.src });
    for (const a of document.querySelectorAll("a[href]")) {
      const name =
        (a.getAttribute("aria-label") ?? "") +
        (a.textContent ?? "") +
        [...a.querySelectorAll("img")].map((i) => i.alt).join("");
      if (!name.trim()) problems.push({ rule: "link-name", target: describe(a) });
    }
    for (const input of document.querySelectorAll<HTMLInputElement>("input, select, textarea")) {
      if (input.type === "hidden") continue;
      if ((input.labels?.length ?? 0) === 0 && !input.getAttribute("aria-label"))
        problems.push({ rule: "label", target: describe(input) });
    }
    const ids = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    for (const [id, n] of ids) if (n > 1) problems.push({ rule: "duplicate-id", target: id });

    const parse = (color: string): [number, number, number, number] => {
      const m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:,?\s*\/?\s*([\d.]+))?\)/.exec(color);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 1];
    };
    const luminance = ([r, g, b]: number[]): number => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
    };
    const background = (el: Element | null): [number, number, number, number] => {
      for (let node = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0.5) return bg;
      }
      return [255, 255, 255, 1];
    };
    for (const el of document.querySelectorAll("body *")) {
      const hasText = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "",
      );
      if (!hasText || !visible(el) || el.closest("svg, .visually-hidden, .skip-link")) continue;
      const style = getComputedStyle(el);
      const fg = parse(style.color);
      const bg = background(el);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        problems.push({ rule: `color-contrast ${ratio.toFixed(2)}`, target: describe(el) });
    }
    return problems;
  });
}
