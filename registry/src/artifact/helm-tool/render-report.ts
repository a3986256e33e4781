import { parseAllDocuments } from "yaml";
import type { RenderReport } from "../../generated/app-shard.ts";
import { isRecord } from "../../manifest/is-record.ts";

/**
 * What an app will create, for the technical review stage: read from the manifests
 * `helm template` rendered (Helm charts) or from the Compose file (Compose apps). The type is
 * the shard's, generated from schema/shard.schema.json#/$defs/renderReport: it is stored in the
 * shard as `versions[].metadata.<type>.render`.
 */
export type { RenderReport } from "../../generated/app-shard.ts";

/** A container image reference split as a registry client reads it (`name` is the image's repository in its registry). */
export type ImageRef = RenderReport["images"][number];

/** One thing reviewers care about, on one object (`Deployment/web`, or a Compose service). */
export type RenderFlag = RenderReport["flags"][number];

/** Host sockets that give a container the container runtime (and so the host). */
const RUNTIME_SOCKET = /(?:docker|containerd|crio|podman)\.sock$|^\/var\/run\/docker$|^\/run\/containerd$/;

/** Splits an image reference into name, tag and digest (the tag is after the last `:` of the last path segment). */
export function parseImageRef(ref: string): ImageRef {
  const [name = "", digest] = ref.split("@", 2);
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const image: ImageRef = { ref, name: colon > slash ? name.slice(0, colon) : name };
  if (colon > slash) image.tag = name.slice(colon + 1);
  if (digest) image.digest = digest;
  return image;
}

/** True when a host path is, or holds, a container runtime socket. */
export function isRuntimeSocket(hostPath: string): boolean {
  return RUNTIME_SOCKET.test(hostPath.replace(/\/+$/, ""));
}

/**
 * Builds the report from a rendered multi-document YAML stream (parsed with `yaml`; `List`
 * objects are opened). Pod specs are found in Pods, in `spec.template` of workloads and in
 * `spec.jobTemplate` of CronJobs.
 */
export function reportRenderedManifests(rendered: string, tool: string, kubeVersion?: string): RenderReport {
  const objects: Record<string, unknown>[] = [];
  for (const document of parseAllDocuments(rendered)) {
    const value: unknown = document.toJS();
    if (!isRecord(value)) continue;
    if (value.kind === "List" && Array.isArray(value.items)) objects.push(...value.items.filter(isRecord));
    else objects.push(value);
  }
  const counts = new Map<string, { apiVersion: string; kind: string; count: number }>();
  const images = new Map<string, ImageRef>();
  const flags: RenderFlag[] = [];
  for (const object of objects) {
    const apiVersion = String(object.apiVersion ?? "");
    const kind = String(object.kind ?? "");
    if (!kind) continue;
    const key = `${apiVersion}\u0000${kind}`;
    const entry = counts.get(key) ?? { apiVersion, kind, count: 0 };
    entry.count++;
    counts.set(key, entry);
    const name = `${kind}/${String(isRecord(object.metadata) ? (object.metadata.name ?? "") : "")}`;
    if (kind === "CustomResourceDefinition") flags.push({ flag: "crd", object: name });
    if (kind === "ClusterRole" || kind === "ClusterRoleBinding")
      flags.push({ flag: "cluster-rbac", object: name, detail: describeRbac(object) });
    const pod = podSpecOf(object);
    if (pod) inspectPod(pod, name, images, flags);
  }
  const report: RenderReport = {
    tool,
    objects: [...counts.values()].sort(
      (a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind),
    ),
    images: [...images.values()].sort((a, b) => a.ref.localeCompare(b.ref)),
    flags,
  };
  if (kubeVersion) report.kubeVersion = kubeVersion;
  return report;
}

function podSpecOf(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const at = (value: unknown, ...keys: string[]): unknown =>
    keys.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), value);
  const spec =
    object.kind === "Pod"
      ? object.spec
      : (at(object, "spec", "template", "spec") ?? at(object, "spec", "jobTemplate", "spec", "template", "spec"));
  return isRecord(spec) ? spec : undefined;
}

function inspectPod(
  pod: Record<string, unknown>,
  object: string,
  images: Map<string, ImageRef>,
  flags: RenderFlag[],
): void {
  if (pod.hostNetwork === true) flags.push({ flag: "host-network", object });
  if (pod.hostPID === true) flags.push({ flag: "host-pid", object });
  if (pod.hostIPC === true) flags.push({ flag: "host-ipc", object });
  for (const volume of Array.isArray(pod.volumes) ? pod.volumes.filter(isRecord) : []) {
    const hostPath = isRecord(volume.hostPath) ? String(volume.hostPath.path ?? "") : undefined;
    if (hostPath === undefined) continue;
    flags.push({ flag: isRuntimeSocket(hostPath) ? "docker-sock" : "host-path", object, detail: hostPath });
  }
  for (const field of ["initContainers", "containers", "ephemeralContainers"]) {
    const containers = pod[field];
    for (const container of Array.isArray(containers) ? containers.filter(isRecord) : []) {
      if (typeof container.image === "string" && container.image !== "" && !images.has(container.image))
        images.set(container.image, parseImageRef(container.image));
      const security = isRecord(container.securityContext) ? container.securityContext : {};
      const label = String(container.name ?? "");
      if (security.privileged === true) flags.push({ flag: "privileged", object, detail: label });
      const added =
        isRecord(security.capabilities) && Array.isArray(security.capabilities.add)
          ? security.capabilities.add.map(String)
          : [];
      if (added.length > 0) flags.push({ flag: "capabilities", object, detail: `${label}: ${added.join(", ")}` });
    }
  }
}

function describeRbac(object: Record<string, unknown>): string | undefined {
  if (isRecord(object.roleRef))
    return `binds ${String(object.roleRef.kind ?? "")}/${String(object.roleRef.name ?? "")}`;
  const rules = Array.isArray(object.rules) ? object.rules.filter(isRecord) : [];
  const wildcard = rules.some((r) =>
    [r.verbs, r.resources, r.apiGroups].some((list) => Array.isArray(list) && list.includes("*")),
  );
  return rules.length === 0 ? undefined : `${rules.length} rule(s)${wildcard ? ", with wildcards" : ""}`;
}
