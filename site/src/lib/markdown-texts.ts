/** The texts of a shard that pages show as Markdown: its description and its versions' changelogs, every language. */
export function markdownTexts(shard: unknown): string[] {
  const texts: string[] = [];
  const add = (translated: unknown) => {
    if (translated && typeof translated === "object")
      for (const text of Object.values(translated)) if (typeof text === "string") texts.push(text);
  };
  const s = (shard ?? {}) as { description?: unknown; versions?: { changelog?: unknown }[] };
  add(s.description);
  if (Array.isArray(s.versions)) for (const v of s.versions) add(v?.changelog);
  return texts;
}
