/**
 * The search page: runs Pagefind's JS API over the index built with the site and renders
 * results with DOM calls only (no HTML from the index is inserted). The form works without
 * this script as a plain GET form; with it, results follow the words and filters as they change
 * and the URL (?q=...&category=...&delivery=...) keeps the state so a search can be shared.
 * When Pagefind finds nothing in the page's language, the catalog fallback
 * (search-fallback.ts over /search-catalog.json) looks in the other languages, then for
 * close spellings, and says which it did.
 */
import { fallbackSearch, type CatalogApp } from "./search-fallback.ts";
import { renderResults, type SearchHit } from "./search-results.ts";

/** The part of Pagefind's JS API this page uses (pagefind/<bundle>/pagefind.js, built next to the site). */
interface Pagefind {
  init(): Promise<void>;
  /** Adds another bundle's index: searches then cover every bundle, results in one list by score. */
  mergeIndex(path: string): Promise<void>;
  search(
    term: string | null,
    options: { filters?: Record<string, { any: string[] }> },
  ): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
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
  let pagefind: Promise<Pagefind | undefined> | undefined;
  let catalog: Promise<CatalogApp[]> | undefined;
  const lang = form.dataset.lang ?? "en";
  const json = <T>(name: string): T => JSON.parse(status.dataset[name] ?? "{}") as T;
  const langNames = json<Record<string, string>>("langNames");
  const loadCatalog = (): Promise<CatalogApp[]> =>
    (catalog ??= fetch(form.dataset.catalog ?? "/search-catalog.json").then(async (r) => {
      if (!r.ok) throw new Error(`search catalog: HTTP ${r.status}`);
      return ((await r.json()) as { apps: CatalogApp[] }).apps;
    }));
  const hitOf = (app: CatalogApp): SearchHit => ({
    url: app.urls[lang] ?? app.urls.en ?? "",
    title: app.names[lang] ?? app.names.en ?? app.id,
    summary: "",
    publisher: app.publisher,
    latest: Object.entries(app.latest),
    ...(app.icon ? { image: app.icon } : {}),
  });
  /** Pagefind meta `latest`: "helm 27.0.0;compose 6.8.2". */
  const latestOf = (meta: string | undefined): [string, string][] =>
    (meta ?? "").split(";").flatMap((part) => {
      const [delivery, version] = part.trim().split(" ");
      return delivery && version ? [[delivery, version] as [string, string]] : [];
    });
  let run = 0;

  /**
   * Pagefind over every bundle of the index (pagefind/bundles.json, written with it: see
   * site/src/lib/search-bundles.ts): the first bundle's code, the others merged into it.
   * Undefined when no app is listed (no bundle).
   */
  const load = (): Promise<Pagefind | undefined> =>
    (pagefind ??= (async () => {
      const base = form.dataset.pagefind ?? "/pagefind/";
      const response = await fetch(`${base}bundles.json`);
      if (!response.ok) throw new Error(`search bundles: HTTP ${response.status}`);
      const [first, ...others] = ((await response.json()) as { bundles: string[] }).bundles.map((b) => `${base}${b}`);
      if (first === undefined) return undefined;
      const module = (await import(/* @vite-ignore */ `${first}pagefind.js`)) as Pagefind;
      await module.init();
      for (const other of others) await module.mergeIndex(other);
      return module;
    })());

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
    const active = Object.fromEntries(
      Object.entries(filters)
        .filter(([, values]) => values.length > 0)
        .map(([k, values]) => [k, { any: values }]),
    );
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
      const found = api ? await api.search(term || null, { filters: active }) : null;
      const data = await Promise.all((found?.results ?? []).map((r) => r.data()));
      if (mine !== run) return;
      let hits: SearchHit[] = data.map((d) => ({
        url: d.url,
        title: d.meta.title ?? d.url,
        summary: d.meta.summary ?? "",
        publisher: d.meta.publisher ?? "",
        latest: latestOf(d.meta.latest),
        ...(d.meta.image ? { image: d.meta.image } : {}),
      }));
      let note: string | undefined;
      if (hits.length === 0 && term) {
        const fitting = (await loadCatalog()).filter(
          (app) =>
            filters.category.every((c) => app.categories.includes(c)) &&
            (filters.delivery.length === 0 || filters.delivery.some((d) => d in app.latest)),
        );
        const fallback = fallbackSearch(fitting, term, lang);
        if (mine !== run) return;
        if (fallback.kind !== "none") hits = fallback.apps.map(hitOf);
        if (fallback.kind === "other-language") {
          const found = Object.entries(fallback.counts).map(([l, n]) =>
            msg("msgOtherItem")
              .replace("{count}", String(n))
              .replace("{lang}", langNames[l] ?? l),
          );
          note = msg("msgOther")
            .replace("{lang}", langNames[lang] ?? lang)
            .replace("{found}", found.join(", "));
        } else if (fallback.kind === "typo")
          note = msg("msgTypo").replace("{term}", term).replace("{count}", String(hits.length));
      }
      if (mine !== run) return;
      renderResults(list, hits, msg("msgPublisher"), json<Record<string, string>>("deliveryLabels"));
      const count = hits.length === 1 ? msg("msgCountOne") : msg("msgCount");
      status.textContent =
        note ??
        (hits.length === 0
          ? msg("msgNone")
          : count.replace("{count}", new Intl.NumberFormat(lang).format(hits.length)));
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
  // Only the filters re-run on "change": the words already did on "input", and a second run when
  // the box loses focus (a click on a result) would replace the link under the pointer.
  form.addEventListener("change", (event) => {
    if ((event.target as HTMLInputElement | null)?.type === "checkbox") void search();
  });
  input?.addEventListener("input", () => void search());
  readUrl();
  void search();
}
