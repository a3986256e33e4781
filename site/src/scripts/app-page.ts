/**
 * The app page's install panel: tabs (WAI-ARIA tabs pattern: arrow keys, Home/End, one tab
 * in the tab order) and copy buttons that copy a block's exact text. Without this script the
 * tab list and the buttons stay hidden and every panel is shown.
 */
function setUpTabs(panel: HTMLElement): void {
  const list = panel.querySelector<HTMLElement>("[role=tablist]");
  if (!list) return;
  const tabs = [...list.querySelectorAll<HTMLButtonElement>("[role=tab]")];
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      const target = document.getElementById(other.getAttribute("aria-controls") ?? "");
      if (target) target.hidden = !selected;
    }
    if (focus) tab.focus();
  };
  for (const [i, tab] of tabs.entries()) {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (event) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length] as HTMLButtonElement, true);
    });
  }
  list.hidden = false;
  const first = tabs.find((t) => t.getAttribute("aria-selected") === "true") ?? tabs[0];
  if (first) select(first, false);
}

function setUpCopyButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>(".copy-button")) {
    const text = button.dataset.text;
    if (text === undefined || !navigator.clipboard) continue;
    const label = button.textContent ?? "";
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = button.dataset.copied ?? label;
      } catch {
        button.textContent = button.dataset.failed ?? label;
      }
      setTimeout(() => (button.textContent = label), 2000);
    });
  }
}

for (const panel of document.querySelectorAll<HTMLElement>("[data-install-panel]")) setUpTabs(panel);
setUpCopyButtons();
