import { describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import zhCN from "../src/i18n/zh-CN.json";
import { fillPlaceholders, t, type UiKey } from "../src/lib/i18n.ts";

/** What `t` filled placeholders with before fillPlaceholders: the reference it is compared with. */
const byRegExp = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe("fillPlaceholders", () => {
  it("fills like the regular expression it replaces, on 20,000 generated texts", () => {
    const next = random(19);
    const pieces = [
      "{",
      "}",
      "{a}",
      "{b}",
      "{a_1}",
      "{}",
      "{ a}",
      "{é}",
      "a",
      "b",
      "_",
      "1",
      " ",
      "$&",
      "$1",
      "é",
      "中",
      "{{",
      "}}",
    ];
    const values = ["x", "", "$&", "$1", "{b}", "中文", 0, 42, 1.5];
    for (let n = 0; n < 20_000; n += 1) {
      let text = "";
      for (let k = Math.floor(next() * 12); k > 0; k -= 1) text += pieces[Math.floor(next() * pieces.length)];
      const params: Record<string, string | number> = {};
      for (const name of ["a", "b", "a_1", "toString"])
        if (next() < 0.5) params[name] = values[Math.floor(next() * values.length)] ?? "";
      expect([text, params, fillPlaceholders(text, params)]).toEqual([text, params, byRegExp(text, params)]);
    }
  });

  it("gives every UI string in both languages as the regular expression did, with and without its parameters", () => {
    const keys = Object.keys(en) as UiKey[];
    for (const lang of ["en", "zh-CN"] as const) {
      const strings: Record<string, string> = lang === "en" ? en : zhCN;
      for (const key of keys) {
        const text = strings[key] ?? en[key];
        const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
        const all = Object.fromEntries(names.map((name, i) => [name, `v${i}$&`]));
        const some = Object.fromEntries(names.slice(1).map((name) => [name, 7]));
        expect(t(key, lang, all)).toBe(byRegExp(text, all));
        expect(t(key, lang, some)).toBe(byRegExp(text, some));
        expect(t(key, lang)).toBe(text);
      }
    }
  });

  it("keeps a placeholder whose name is not given", () => {
    expect(fillPlaceholders("{name} has {count} apps", { count: 3 })).toBe("{name} has 3 apps");
  });
});
