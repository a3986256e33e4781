import type { ComposeMetadata } from "../../../registry/src/site-api.ts";

/** A service box placed on the diagram. */
export interface DiagramNode {
  name: string;
  image?: string;
  ports: string[];
  x: number;
  y: number;
  /** Column: 0 for services that depend on nothing, else one more than their deepest dependency. */
  level: number;
}

/** An arrow from a service to one it depends on, as an SVG path. */
export interface DiagramEdge {
  from: string;
  to: string;
  path: string;
}

export interface Diagram {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;
const GAP_X = 72;
const GAP_Y = 24;
const PAD = 8;

/**
 * Lays out Compose services in columns by dependency depth, dependencies on the left, so
 * every arrow points left to what a service waits for. Pure; cycles (invalid Compose, but
 * seen in the wild) are cut where they close. Services keep their file order within a column.
 */
export function layoutComposeDiagram(compose: ComposeMetadata): Diagram {
  const byName = new Map(compose.services.map((s) => [s.name, s]));
  const levels = new Map<string, number>();
  const levelOf = (name: string, seen: Set<string>): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) return 0;
    seen.add(name);
    const deps = (byName.get(name)?.dependsOn ?? []).filter((d) => byName.has(d));
    const level = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => levelOf(d, seen)));
    seen.delete(name);
    levels.set(name, level);
    return level;
  };
  const columns: string[][] = [];
  for (const s of compose.services) (columns[levelOf(s.name, new Set())] ??= []).push(s.name);
  const tallest = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  const height = PAD * 2 + tallest * NODE_HEIGHT + (tallest - 1) * GAP_Y;
  const nodes: DiagramNode[] = [];
  columns.forEach((column = [], level) => {
    const columnHeight = column.length * NODE_HEIGHT + (column.length - 1) * GAP_Y;
    const top = PAD + (height - PAD * 2 - columnHeight) / 2;
    column.forEach((name, i) => {
      const service = byName.get(name);
      nodes.push({
        name,
        ...(service?.image ? { image: service.image } : {}),
        ports: service?.ports ?? [],
        x: PAD + level * (NODE_WIDTH + GAP_X),
        y: top + i * (NODE_HEIGHT + GAP_Y),
        level,
      });
    });
  });
  const at = new Map(nodes.map((n) => [n.name, n]));
  const edges = compose.services.flatMap((s) =>
    s.dependsOn.flatMap((dep) => {
      const from = at.get(s.name);
      const to = at.get(dep);
      if (!from || !to || from.level <= to.level) return [];
      const x1 = from.x;
      const y1 = from.y + NODE_HEIGHT / 2;
      const x2 = to.x + NODE_WIDTH;
      const y2 = to.y + NODE_HEIGHT / 2;
      const mid = (x1 + x2) / 2;
      return [{ from: s.name, to: dep, path: `M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2 + 6} ${y2}` }];
    }),
  );
  const width = PAD * 2 + columns.length * NODE_WIDTH + (columns.length - 1) * GAP_X;
  return { width, height, nodes, edges };
}

/** Shortens text to `max` characters with an ellipsis, for labels inside fixed-size boxes. */
export function fitLabel(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
