/** One search result, from the meta Pagefind stored for an app page. */
export interface SearchHit {
  url: string;
  title: string;
  summary: string;
  publisher: string;
  /** Latest version per delivery type, in the index's order: [["helm", "27.0.0"], ...]. */
  latest: [string, string][];
  image?: string;
}

/**
 * Renders results as app cards with DOM calls and textContent only: name, publisher,
 * summary, and a chip per delivery type with its latest version. `byTemplate` is
 * "by {name}"; `labels` names the delivery types in the page's language.
 */
export function renderResults(
  list: HTMLUListElement,
  hits: readonly SearchHit[],
  byTemplate: string,
  labels: Record<string, string> = {},
): void {
  list.replaceChildren(
    ...hits.map((hit) => {
      const item = document.createElement("li");
      const card = element("article", "card");
      const head = element("div", "card-head");
      if (hit.image) {
        const img = element("img", "icon");
        img.src = hit.image;
        img.alt = "";
        img.width = 48;
        img.height = 48;
        head.append(img);
      }
      const titleBox = document.createElement("div");
      const heading = document.createElement("h3");
      const link = document.createElement("a");
      link.href = hit.url;
      link.textContent = hit.title;
      heading.append(link);
      titleBox.append(heading);
      if (hit.publisher) {
        const by = element("p", "publisher");
        by.textContent = byTemplate.replace("{name}", hit.publisher);
        titleBox.append(by);
      }
      head.append(titleBox);
      card.append(head);
      if (hit.summary) {
        const summary = document.createElement("p");
        summary.textContent = hit.summary;
        card.append(summary);
      }
      if (hit.latest.length > 0) {
        const chips = element("ul", "badges");
        for (const [delivery, version] of hit.latest) {
          const chip = element("li", "badge");
          chip.dataset.delivery = delivery;
          chip.textContent = `${labels[delivery] ?? delivery} ${version}`;
          chips.append(chip);
        }
        card.append(chips);
      }
      item.append(card);
      return item;
    }),
  );
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}
