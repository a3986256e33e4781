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

/** Fills the trust panel's serial and expiry from the served index.json (the link to it stays when that fails). */
async function showIndexFacts(): Promise<void> {
  const slot = document.querySelector<HTMLElement>("[data-index-facts]");
  if (!slot) return;
  const response = await fetch(slot.querySelector("a")?.getAttribute("href") ?? "/index.json");
  if (!response.ok) return;
  const index = (await response.json()) as { serial?: unknown; expires?: unknown };
  if (typeof index.serial !== "number" || typeof index.expires !== "string") return;
  const lang = slot.dataset.lang ?? "en";
  const date = `${new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(new Date(index.expires))} UTC`;
  slot.textContent = (slot.dataset.template ?? "")
    .replace("{serial}", new Intl.NumberFormat(lang).format(index.serial))
    .replace("{date}", date);
  slot.dataset.filled = "true";
}

const base64Bytes = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * Checks the served index.json.sig as the client does (registry/src/signing/verify-index-signature.ts):
 * signed when a signature by a trusted key verifies over the exact bytes of index.json
 * (Ed25519 through WebCrypto); a trusted key's signature that does not verify means the
 * index was changed. Sets the panel's `data-status` and text.
 */
async function showSignature(): Promise<void> {
  const slot = document.querySelector<HTMLElement>('[data-trust="index"]');
  const text = slot?.querySelector<HTMLElement>("[data-index-signature]");
  if (!slot || !text) return;
  const say = (status: string, message: string, bad: boolean) => {
    slot.dataset.status = status;
    const strong = document.createElement(bad ? "strong" : "span");
    if (bad) strong.className = "trust-bad";
    strong.textContent = message;
    text.replaceChildren(strong);
  };
  const msg = (name: string) => slot.dataset[name] ?? "";
  const [index, sig] = await Promise.all([fetch("/index.json"), fetch("/index.json.sig")]);
  if (!index.ok) return;
  if (sig.status === 404) return say("unsigned", msg("msgUnsigned"), true);
  let signatures: { keyId: string; signature: string }[];
  try {
    signatures = ((await sig.json()) as { signatures: { keyId: string; signature: string }[] }).signatures;
    if (!Array.isArray(signatures)) throw new Error("no signatures");
  } catch {
    return say("malformed", msg("msgMalformed"), true);
  }
  const bytes = await index.arrayBuffer();
  const trusted = JSON.parse(slot.dataset.trustedKeys ?? "[]") as { keyId: string; publicKey: string }[];
  let bad = false;
  for (const s of signatures) {
    const key = trusted.find((k) => k.keyId === s.keyId);
    if (!key) continue;
    let ok: boolean;
    try {
      const publicKey = await crypto.subtle.importKey("raw", base64Bytes(key.publicKey), { name: "Ed25519" }, false, [
        "verify",
      ]);
      ok = await crypto.subtle.verify({ name: "Ed25519" }, publicKey, base64Bytes(s.signature), bytes);
    } catch {
      return say("unchecked", msg("msgUnchecked").replace("{key}", key.keyId.slice(0, 16)), false);
    }
    if (ok) {
      say("signed", `${msg("msgSigned")} `, false);
      const code = document.createElement("code");
      code.className = "sha";
      code.textContent = key.keyId.slice(0, 16);
      text.append(code);
      return;
    }
    bad = true;
  }
  if (bad) return say("bad-signature", msg("msgBadSignature"), true);
  say(
    "unknown-key",
    msg("msgUnknownKey").replace("{keys}", signatures.map((s) => s.keyId.slice(0, 16)).join(", ")),
    true,
  );
}

for (const panel of document.querySelectorAll<HTMLElement>("[data-install-panel]")) setUpTabs(panel);
void showSignature().catch(() => undefined);
void showIndexFacts().catch(() => undefined);
setUpCopyButtons();
