import type { RenderFlag, RenderReport } from "../artifact/helm-tool/render-report.ts";
import { escapeHtml } from "../report/escape-html.ts";

/** Reviewer-facing names of the render flags. */
export const FLAG_TEXT: Record<RenderFlag["flag"], string> = {
  privileged: "privileged container",
  capabilities: "added Linux capabilities",
  "host-path": "hostPath volume",
  "host-network": "host network",
  "host-pid": "host PID namespace",
  "host-ipc": "host IPC namespace",
  "docker-sock": "container runtime socket mounted",
  "cluster-rbac": "cluster-scoped RBAC",
  crd: "CustomResourceDefinition",
  "published-port": "published port",
  "bind-mount": "bind mount of a host path",
};

/** One flag as text: `privileged container: Deployment/web (app)`. */
export function flagText(flag: RenderFlag): string {
  return `${FLAG_TEXT[flag.flag]}: ${flag.object}${flag.detail ? ` (${flag.detail})` : ""}`;
}

/**
 * A render report as HTML for the job summary: who rendered it, object kinds and counts,
 * images and flags as lists. Every piece of text is escaped (it comes from the artifact).
 */
export function renderReportHtml(report: RenderReport): string {
  const list = (items: string[]) =>
    items.length === 0 ? "<p>none</p>" : `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
  const objects = report.objects.map((o) =>
    escapeHtml(`${o.count} × ${o.kind}${o.apiVersion ? ` (${o.apiVersion})` : ""}`),
  );
  const images = report.images.map((i) => `<code>${escapeHtml(i.ref)}</code>`);
  const rendered = `Rendered by ${report.tool}${report.kubeVersion ? ` for Kubernetes ${report.kubeVersion}` : ""}.`;
  return [
    `<p>${escapeHtml(rendered)}</p>`,
    `<p><strong>Objects</strong></p>${list(objects)}`,
    `<p><strong>Images</strong></p>${list(images)}`,
    `<p><strong>Flags</strong></p>${list(report.flags.map((f) => escapeHtml(flagText(f))))}`,
  ].join("\n");
}
