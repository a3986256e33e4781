/** Escapes `& < > "` for HTML text and attribute values (job summaries, the catalog's Markdown). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
