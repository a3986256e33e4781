import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import { dependsOnOf, type ComposeFile } from "./compose-file.ts";

/**
 * `depends_on` names services of the file, in both the list and the mapping form, without
 * a cycle (Compose Specification `depends_on`; Compose refuses "depends on undefined
 * service" and "dependency cycle detected"). Rule ids: `compose/depends-on-unknown`
 * (at the line of the name), `compose/depends-on-cycle`.
 */
export function checkDependsOn(compose: ComposeFile): Diagnostic[] {
  const { parsed } = compose;
  const known = new Set(compose.services.map((s) => s.name));
  const unknown = compose.services.flatMap((service) =>
    dependsOnOf(service).flatMap((dependency, index) => {
      if (known.has(dependency)) return [];
      const path = ["services", service.name, "depends_on"];
      const at = Array.isArray(service.definition.depends_on)
        ? parsed.locate([...path, index])
        : parsed.locateKey([...path, dependency]);
      return [
        error(
          "compose/depends-on-unknown",
          parsed.file,
          at,
          `service '${service.name}' depends on '${dependency}', which is not a service of this file`,
          `services here: ${[...known].join(", ")}`,
        ),
      ];
    }),
  );
  const cycle = findCycle(compose);
  if (!cycle) return unknown;
  const first = cycle[0] ?? "";
  return [
    ...unknown,
    error(
      "compose/depends-on-cycle",
      parsed.file,
      parsed.locate(["services", first, "depends_on"]),
      `services depend on each other in a cycle: ${cycle.join(" -> ")}`,
    ),
  ];
}

/** The first dependency cycle found by depth-first search, as service names ending where they start. */
function findCycle(compose: ComposeFile): string[] | undefined {
  const edges = new Map(compose.services.map((s) => [s.name, dependsOnOf(s)]));
  const done = new Set<string>();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    if (trail.includes(name)) return [...trail.slice(trail.indexOf(name)), name];
    if (done.has(name)) return undefined;
    for (const next of edges.get(name) ?? []) {
      const cycle = visit(next, [...trail, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return undefined;
  };
  for (const name of edges.keys()) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}
