import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import { isMapping, type Mapping } from "../shared/mapping.ts";

/** One service of a Compose file, by name, with its definition (Compose Specification `services`). */
export interface ComposeService {
  name: string;
  definition: Mapping;
}

/** A parsed Compose file: its data (merge keys resolved) and positions of its values. */
export interface ComposeFile {
  parsed: ParsedYaml;
  data: Mapping;
  services: ComposeService[];
}

/**
 * Views parsed Compose data as services, in file order. Entries that are not mappings
 * are skipped here; the schema check reports them.
 */
export function toComposeFile(parsed: ParsedYaml, data: Mapping): ComposeFile {
  const services = isMapping(data.services) ? Object.entries(data.services) : [];
  return {
    parsed,
    data,
    services: services.flatMap(([name, definition]) => (isMapping(definition) ? [{ name, definition }] : [])),
  };
}

/** Names a service lists in `depends_on`: the short form (a list) or the long form (a mapping). Source: Compose Specification `depends_on`. */
export function dependsOnOf(service: ComposeService): string[] {
  const dependsOn = service.definition.depends_on;
  if (Array.isArray(dependsOn)) return dependsOn.filter((d): d is string => typeof d === "string");
  return isMapping(dependsOn) ? Object.keys(dependsOn) : [];
}
