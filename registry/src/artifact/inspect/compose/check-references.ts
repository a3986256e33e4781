import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import type { ComposeFile, ComposeService } from "./compose-file.ts";
import { isMapping } from "../shared/mapping.ts";

/**
 * Networks and named volumes a service uses are declared at the top level (Compose
 * Specification `networks`, `volumes`; Compose refuses "service refers to undefined
 * network/volume"). The `default` network always exists. Rule ids:
 * `compose/undefined-network`, `compose/undefined-volume`.
 */
export function checkReferences(compose: ComposeFile): Diagnostic[] {
  const { parsed, data } = compose;
  const networks = new Set(["default", ...keysOf(data.networks)]);
  const volumes = new Set(keysOf(data.volumes));
  return compose.services.flatMap((service) => [
    ...networksOf(service)
      .filter(({ name }) => !networks.has(name))
      .map(({ name, path }) =>
        error(
          "compose/undefined-network",
          parsed.file,
          parsed.locate(path),
          `service '${service.name}' uses the network '${name}', which is not declared under the top-level networks`,
        ),
      ),
    ...namedVolumesOf(service)
      .filter(({ name }) => !volumes.has(name))
      .map(({ name, path }) =>
        error(
          "compose/undefined-volume",
          parsed.file,
          parsed.locate(path),
          `service '${service.name}' mounts the volume '${name}', which is not declared under the top-level volumes`,
          `declare it: volumes: { ${name}: {} }`,
        ),
      ),
  ]);
}

/** Keys of a top-level mapping such as `volumes` (absent or null: none). */
export function keysOf(value: unknown): string[] {
  return isMapping(value) ? Object.keys(value) : [];
}

interface Reference {
  name: string;
  path: (string | number)[];
}

function networksOf(service: ComposeService): Reference[] {
  const networks = service.definition.networks;
  const path = ["services", service.name, "networks"];
  if (Array.isArray(networks))
    return networks.flatMap((name, i) => (typeof name === "string" ? [{ name, path: [...path, i] }] : []));
  return keysOf(networks).map((name) => ({ name, path: [...path, name] }));
}

/**
 * Named volumes among a service's mounts: the short form `source:target[:mode]` whose
 * source is a name, not a path (`/`, `.`, `~`) or a variable; the long form with
 * `type: volume` and a `source`.
 */
function namedVolumesOf(service: ComposeService): Reference[] {
  const volumes = service.definition.volumes;
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((mount, i) => {
    const path = ["services", service.name, "volumes", i];
    if (typeof mount === "string") {
      const parts = mount.split(":");
      const source = parts.length > 1 ? parts[0] : undefined;
      return source && /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source) ? [{ name: source, path }] : [];
    }
    if (isMapping(mount) && mount.type === "volume" && typeof mount.source === "string" && mount.source !== "")
      return [{ name: mount.source, path }];
    return [];
  });
}
