import {
  isRuntimeSocket,
  parseImageRef,
  type ImageRef,
  type RenderFlag,
  type RenderReport,
} from "../../helm-tool/render-report.ts";
import { keysOf } from "./check-references.ts";
import type { ComposeFile, ComposeService } from "./compose-file.ts";
import { isMapping } from "../shared/mapping.ts";

/**
 * What a Compose file will create, in the shape of the Helm render report (shown to the
 * technical review stage): services, volumes and networks counted; every image; and the
 * flags reviewers look at (Compose Specification): `privileged`, `cap_add`,
 * `network_mode: host`, `pid: host`, `ipc: host`, every `ports` entry (each publishes a
 * host port, a random one when none is given) and bind mounts of host paths (short
 * syntax with a path source, or `type: bind`), a container runtime socket flagged as
 * `docker-sock`.
 */
export function reportCompose(compose: ComposeFile): RenderReport {
  const objects = [
    { apiVersion: "", kind: "service", count: compose.services.length },
    { apiVersion: "", kind: "volume", count: keysOf(compose.data.volumes).length },
    { apiVersion: "", kind: "network", count: keysOf(compose.data.networks).length },
  ].filter((o) => o.count > 0);
  const images = new Map<string, ImageRef>();
  const flags: RenderFlag[] = [];
  for (const service of compose.services) {
    const { image } = service.definition;
    if (typeof image === "string" && image !== "" && !images.has(image)) images.set(image, parseImageRef(image));
    flags.push(...flagsOf(service));
  }
  return { tool: "compose", objects, images: [...images.values()].sort((a, b) => a.ref.localeCompare(b.ref)), flags };
}

function flagsOf(service: ComposeService): RenderFlag[] {
  const d = service.definition;
  const object = service.name;
  const flags: RenderFlag[] = [];
  if (d.privileged === true) flags.push({ flag: "privileged", object });
  if (Array.isArray(d.cap_add) && d.cap_add.length > 0)
    flags.push({ flag: "capabilities", object, detail: d.cap_add.map(String).join(", ") });
  if (d.network_mode === "host") flags.push({ flag: "host-network", object });
  if (d.pid === "host") flags.push({ flag: "host-pid", object });
  if (d.ipc === "host") flags.push({ flag: "host-ipc", object });
  for (const port of Array.isArray(d.ports) ? d.ports : [])
    flags.push({ flag: "published-port", object, detail: portText(port) });
  for (const volume of Array.isArray(d.volumes) ? d.volumes : []) {
    const source = bindSource(volume);
    if (source !== undefined)
      flags.push({ flag: isRuntimeSocket(source) ? "docker-sock" : "bind-mount", object, detail: source });
  }
  return flags;
}

/** The host path a volume entry binds, if it is a bind mount (`./data:/var/lib`, `/var/run/docker.sock:/…`, or `type: bind`). */
function bindSource(volume: unknown): string | undefined {
  if (typeof volume === "string") {
    const source = volume.split(":")[0] ?? "";
    return volume.includes(":") && /^(?:[./~]|\$)/.test(source) ? source : undefined;
  }
  return isMapping(volume) && volume.type === "bind" && typeof volume.source === "string" ? volume.source : undefined;
}

function portText(port: unknown): string {
  if (!isMapping(port)) return String(port);
  const published = port.published === undefined ? "" : `${String(port.published)}:`;
  return `${published}${String(port.target)}${typeof port.protocol === "string" ? `/${port.protocol}` : ""}`;
}
