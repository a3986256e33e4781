import type { ComposeMetadata } from "../inspect-types.ts";
import { dependsOnOf, type ComposeFile } from "./compose-file.ts";
import { isMapping } from "../shared/mapping.ts";
import { keysOf } from "./check-references.ts";
import { composeVariables } from "./compose-variables.ts";
import { reportCompose } from "./compose-report.ts";

/**
 * Shard metadata of a well-formed Compose file (ComposeMetadata,
 * schema/shard.schema.json#/$defs/composeMetadata): services in file order with their
 * image, `depends_on` names and published ports as strings, and the top-level volume and
 * network names, so the catalog can draw the services and their dependencies, the
 * variables it interpolates (required ones first listed in the install steps), and the
 * report of what it will create (compose-report.ts).
 */
export function toComposeMetadata(compose: ComposeFile): ComposeMetadata {
  const project = compose.data.name;
  return {
    ...(typeof project === "string" && project !== "" ? { project } : {}),
    services: compose.services.map((service) => {
      const { image, ports } = service.definition;
      return {
        name: service.name,
        ...(typeof image === "string" ? { image } : {}),
        dependsOn: dependsOnOf(service),
        ports: Array.isArray(ports) ? ports.flatMap(portText) : [],
      };
    }),
    volumes: keysOf(compose.data.volumes),
    networks: keysOf(compose.data.networks),
    variables: composeVariables(compose.data),
    render: reportCompose(compose),
  };
}

/**
 * A port as Compose's short syntax writes it (Compose Specification `ports`):
 * `8080:80`, `53:53/udp`; the long form `{ target, published, host_ip, protocol }`
 * becomes `[host_ip:]published:target[/protocol]`.
 */
function portText(port: unknown): string[] {
  if (typeof port === "string" || typeof port === "number") return [String(port)];
  if (!isMapping(port) || port.target === undefined) return [];
  const host = typeof port.host_ip === "string" ? `${port.host_ip}:` : "";
  const published = port.published === undefined ? "" : `${String(port.published)}:`;
  const protocol = typeof port.protocol === "string" ? `/${port.protocol}` : "";
  return [`${host}${published}${String(port.target)}${protocol}`];
}
