import { describe, expect, it } from "vitest";
import { fitLabel, layoutComposeDiagram, NODE_WIDTH } from "../src/lib/compose-diagram.ts";

const service = (name: string, dependsOn: string[] = []) => ({ name, image: `${name}:1`, dependsOn, ports: [] });

describe("layoutComposeDiagram", () => {
  it("puts dependencies left of the services that wait for them", () => {
    const d = layoutComposeDiagram({
      services: [service("db"), service("redis"), service("app", ["db", "redis"]), service("cron", ["app"])],
      volumes: [],
      networks: [],
    });
    const level = Object.fromEntries(d.nodes.map((n) => [n.name, n.level]));
    expect(level).toEqual({ db: 0, redis: 0, app: 1, cron: 2 });
    expect(d.edges.map((e) => `${e.from}->${e.to}`)).toEqual(["app->db", "app->redis", "cron->app"]);
    const x = Object.fromEntries(d.nodes.map((n) => [n.name, n.x]));
    expect(x.app! - x.db!).toBeGreaterThan(NODE_WIDTH);
    expect(d.width).toBeGreaterThan(3 * NODE_WIDTH);
  });

  it("survives a dependency cycle and a dependency on an unknown service", () => {
    const d = layoutComposeDiagram({
      services: [service("a", ["b"]), service("b", ["a", "ghost"])],
      volumes: [],
      networks: [],
    });
    expect(d.nodes.map((n) => n.name).sort()).toEqual(["a", "b"]);
    expect(d.edges.length).toBeLessThanOrEqual(1);
  });

  it("shortens long labels with an ellipsis", () => {
    expect(fitLabel("registry.example.com/team/image:1.2.3", 20)).toBe("registry.example.co…");
    expect(fitLabel("db", 20)).toBe("db");
  });
});
