/**
 * The search page: runs Pagefind's JS API over the index built with the site and renders
 * results with DOM calls only (no HTML from the index is inserted). The form works without
 * this script as a plain GET form; with it, results follow the words and filters as they change
 * and the URL (?q=...&category=...&delivery=...) keeps the state so a search can be shared.
 */
import { renderResults, type SearchHit } from "./search-results.ts";

/** The part of Pagefind's JS API this page uses (pagefind/pagefind.js, built next to the site). */
interface Pagefind {
  init(): Promise<void>;
  search(term: string | null, options: { filters?: Record<string, { any: string[] }> }): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}
interface PagefindData {
  url: string;
  meta: Record<string, string | undefined>;
}

const form = document.querySelector<HTMLFormElement>("#search-form");
const status = document.querySelector<HTMLElement>("#search-status");
const list = document.querySelector<HTMLUListElement>("#search-results");

if (form && status && list) {
  const input = form.querySelector<HTMLInputElement>("input[name=q]");
  const msg = (name: string): string => status.dataset[name] ?? "";
  let pagefind: Promise<Pagefind> | undefined;
  let run = 0;

  const load = (): Promise<Pagefind> =>
    (pagefind ??= import(/* @vite-ignore */ form.dataset.pagefind ?? "/pagefind/pagefind.js").then(async (module: Pagefind) => {
      await module.init();
      return module;
    }));

  const checked = (name: string): string[] =>
    [...form.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)].map((box) => box.value);

  const readUrl = (): void => {
    const params = new URLSearchParams(location.search);
    if (input) input.value = params.get("q") ?? "";
    for (const box of form.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) {
      box.checked = params.getAll(box.name).includes(box.value);
    }
  };

  const writeUrl = (term: string, filters: Record<string, string[]>): void => {
    const params = new URLSearchParams();
    if (term) params.set("q", term);
    for (const [name, values] of Object.entries(filters)) for (const value of values) params.append(name, value);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };

  const search = async (): Promise<void> => {
    const mine = ++run;
    form.dataset.started = String(mine);
    const term = input?.value.trim() ?? "";
    const filters = { category: checked("category"), delivery: checked("delivery") };
    writeUrl(term, filters);
    const active = Object.fromEntries(Object.entries(filters).filter(([, values]) => values.length > 0).map(([k, values]) => [k, { any: values }]));
    if (!term && Object.keys(active).length === 0) {
      list.replaceChildren();
      status.textContent = msg("msgPrompt");
      form.dataset.done = String(mine);
      return;
    }
    status.textContent = msg("msgLoading");
    form.setAttribute("aria-busy", "true");
    try {
      const api = await load();
      const found = await api.search(term || null, { filters: active });
      const data = await Promise.all((found?.results ?? []).map((r) => r.data()));
      if (mine !== run) return;
      const hits: SearchHit[] = data.map((d) => ({
        url: d.url,
        title: d.meta.title ?? d.url,
        summary: d.meta.summary ?? "",
        publisher: d.meta.publisher ?? "",
        ...(d.meta.image ? { image: d.meta.image } : {}),
      }));
      renderResults(list, hits, msg("msgPublisher"));
      const count = hits.length === 1 ? msg("msgCountOne") : msg("msgCount");
      status.textContent = hits.length === 0 ? msg("msgNone") : count.replace("{count}", new Intl.NumberFormat(form.dataset.lang).format(hits.length));
    } catch {
      if (mine === run) status.textContent = msg("msgError");
    } finally {
      if (mine === run) {
        form.removeAttribute("aria-busy");
        form.dataset.done = String(mine);
      }
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void search();
  });
  form.addEventListener("change", () => void search());
  input?.addEventListener("input", () => void search());
  readUrl();
  void search();
}
