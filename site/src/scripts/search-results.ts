/** One search result, from the meta Pagefind stored for an app page. */
export interface SearchHit {
  url: string;
  title: string;
  summary: string;
  publisher: string;
  image?: string;
}

/** Renders results as app cards with DOM calls and textContent only. `byTemplate` is "by {name}". */
export function renderResults(list: HTMLUListElement, hits: readonly SearchHit[], byTemplate: string): void {
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
      const summary = document.createElement("p");
      summary.textContent = hit.summary;
      card.append(head, summary);
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
