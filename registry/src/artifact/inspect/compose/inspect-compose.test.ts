import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { anInspectInput, corpusPath, lineOf, repoPath } from "../../../../test/inspect/helm-fixtures.ts";
import type { ComposeMetadata } from "../inspect-types.ts";
import { inspectCompose } from "./inspect-compose.ts";

const CORPUS_APPS = [
  "wordpress-mysql",
  "nextcloud-redis-mariadb",
  "gitea-postgres",
  "prometheus-grafana",
  "pihole-cloudflared-DoH",
];
const WORDPRESS_MYSQL = readFileSync(corpusPath("compose/apps/wordpress-mysql/compose.yaml"), "utf8");
const GITEA = readFileSync(repoPath("apps/gitea/compose.yaml"), "utf8");

function inspectText(text: string, label = "apps/demo/compose.yaml") {
  return inspectCompose(anInspectInput({ bytes: Buffer.from(text), label, appId: "demo", delivery: "compose" }));
}

/** `text` with `from` replaced; throws when `from` is absent, so a fixture cannot silently stop breaking anything. */
function changed(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return text.replace(from, to);
}

const servicesOf = (metadata: unknown) => (metadata as { compose: ComposeMetadata }).compose;

describe("inspectCompose on real Compose files", () => {
  it.each(CORPUS_APPS)("accepts awesome-compose %s with at most warnings", async (app) => {
    const result = await inspectText(
      readFileSync(corpusPath(`compose/apps/${app}/compose.yaml`), "utf8"),
      `${app}/compose.yaml`,
    );
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(
      result.diagnostics.every((d) => ["compose/unpinned-image", "compose/obsolete-version"].includes(d.ruleId)),
    ).toBe(true);
    expect(servicesOf(result.metadata).services.length).toBeGreaterThanOrEqual(2);
  });

  it.each(["gitea", "nextcloud", "wordpress"])("accepts apps/%s/compose.yaml without any diagnostic", async (app) => {
    const result = await inspectText(
      readFileSync(repoPath(`apps/${app}/compose.yaml`), "utf8"),
      `apps/${app}/compose.yaml`,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.metadata).toHaveProperty("compose");
  });

  it("extracts services, ports, volumes and networks (nextcloud-redis-mariadb)", async () => {
    const result = await inspectText(
      readFileSync(corpusPath("compose/apps/nextcloud-redis-mariadb/compose.yaml"), "utf8"),
    );
    expect(result.metadata).toEqual({
      compose: {
        services: [
          { name: "nc", image: "nextcloud:apache", dependsOn: [], ports: ["80:80"] },
          { name: "redis", image: "redis:alpine", dependsOn: [], ports: [] },
          { name: "db", image: "mariadb:10.5", dependsOn: [], ports: [] },
        ],
        volumes: ["db_data", "nc_data"],
        networks: ["dbnet", "redisnet"],
        variables: [],
        render: {
          tool: "compose",
          objects: [
            { apiVersion: "", kind: "service", count: 3 },
            { apiVersion: "", kind: "volume", count: 2 },
            { apiVersion: "", kind: "network", count: 2 },
          ],
          images: [
            { ref: "mariadb:10.5", name: "mariadb", tag: "10.5" },
            { ref: "nextcloud:apache", name: "nextcloud", tag: "apache" },
            { ref: "redis:alpine", name: "redis", tag: "alpine" },
          ],
          flags: [{ flag: "published-port", object: "nc", detail: "80:80" }],
        },
      },
    });
  });

  it("reports privileged services, host namespaces, capabilities and host paths (the docker socket apart)", async () => {
    const text = [
      "services:",
      "  agent:",
      "    image: portainer/agent@sha256:" + "a".repeat(64),
      "    privileged: true",
      "    network_mode: host",
      "    pid: host",
      "    cap_add: [NET_ADMIN]",
      "    volumes:",
      "      - /var/run/docker.sock:/var/run/docker.sock",
      "      - ./config:/etc/agent:ro",
      "      - type: bind",
      "        source: /srv/data",
      "        target: /data",
      "      - cache:/cache",
      "    ports:",
      "      - target: 9001",
      "        published: 9001",
      "        protocol: tcp",
      "volumes:",
      "  cache:",
      "",
    ].join("\n");
    const result = await inspectText(text);
    expect(servicesOf(result.metadata).render).toEqual({
      tool: "compose",
      objects: [
        { apiVersion: "", kind: "service", count: 1 },
        { apiVersion: "", kind: "volume", count: 1 },
      ],
      images: [
        {
          ref: `portainer/agent@sha256:${"a".repeat(64)}`,
          name: "portainer/agent",
          digest: `sha256:${"a".repeat(64)}`,
        },
      ],
      flags: [
        { flag: "privileged", object: "agent" },
        { flag: "capabilities", object: "agent", detail: "NET_ADMIN" },
        { flag: "host-network", object: "agent" },
        { flag: "host-pid", object: "agent" },
        { flag: "published-port", object: "agent", detail: "9001:9001/tcp" },
        { flag: "docker-sock", object: "agent", detail: "/var/run/docker.sock" },
        { flag: "bind-mount", object: "agent", detail: "./config" },
        { flag: "bind-mount", object: "agent", detail: "/srv/data" },
      ],
    });
  });

  it("extracts depends_on in the list form (pihole) and the mapping form (apps/nextcloud)", async () => {
    const pihole = await inspectText(
      readFileSync(corpusPath("compose/apps/pihole-cloudflared-DoH/compose.yaml"), "utf8"),
    );
    expect(servicesOf(pihole.metadata).services.map((s) => [s.name, s.dependsOn])).toEqual([
      ["cloudflared", []],
      ["pihole", ["cloudflared"]],
    ]);
    expect(servicesOf(pihole.metadata).services[1]?.ports).toContain("53:53/udp");
    const nextcloud = await inspectText(readFileSync(repoPath("apps/nextcloud/compose.yaml"), "utf8"));
    expect(servicesOf(nextcloud.metadata).services.map((s) => [s.name, s.dependsOn])).toEqual([
      ["db", []],
      ["redis", []],
      ["app", ["db", "redis"]],
      ["cron", ["app"]],
    ]);
  });

  it("writes long-syntax ports as short strings", async () => {
    const result = await inspectText(
      changed(
        GITEA,
        '      - "${GITEA_SSH_PORT:-2222}:22"\n',
        "      - target: 22\n        published: 2222\n        host_ip: 127.0.0.1\n        protocol: tcp\n",
      ),
    );
    expect(servicesOf(result.metadata).services[1]?.ports).toEqual([
      "${GITEA_HTTP_PORT:-3000}:3000",
      "127.0.0.1:2222:22/tcp",
    ]);
  });

  it("resolves YAML merge keys, which the Compose Specification documents for fragments", async () => {
    const text =
      "x-base: &base\n  restart: unless-stopped\n  image: redis:8.2.1\nservices:\n  cache:\n    <<: *base\n    command: [redis-server]\n";
    const result = await inspectText(text);
    expect(result.diagnostics).toEqual([]);
    expect(servicesOf(result.metadata).services).toEqual([
      { name: "cache", image: "redis:8.2.1", dependsOn: [], ports: [] },
    ]);
  });
});

describe("inspectCompose rejects broken Compose files", () => {
  it("compose/schema: a value of the wrong type, at its line", async () => {
    const result = await inspectText(changed(WORDPRESS_MYSQL, "restart: always", "restart: [always]"));
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([
      expect.objectContaining({
        ruleId: "compose/schema",
        file: "apps/demo/compose.yaml",
        line: lineOf(WORDPRESS_MYSQL, "restart: always"),
        message: "services.db.restart must be a string, not a list",
      }),
    ]);
    expect(result.metadata).toBeUndefined();
  });

  it("compose/schema: an unknown service key, at the key's line", async () => {
    const result = await inspectText(
      changed(
        GITEA,
        "    restart: unless-stopped\n    depends_on:",
        "    restart: unless-stopped\n    dependson: [db]\n    depends_on:",
      ),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "compose/schema",
        line: lineOf(GITEA, "    depends_on:"),
        message: "services.gitea: unknown property 'dependson'",
      }),
    ]);
  });

  it("compose/schema: a depends_on condition Compose does not know", async () => {
    const result = await inspectText(changed(GITEA, "condition: service_healthy", "condition: service_ready"));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "compose/schema",
        line: lineOf(GITEA, "condition: service_healthy"),
        message: expect.stringContaining('services.gitea.depends_on.db.condition is "service_ready"'),
      }),
    ]);
  });

  it("compose/depends-on-unknown: depends_on names a service that does not exist (mapping and list forms)", async () => {
    const mapping = await inspectText(
      changed(
        GITEA,
        "      db:\n        condition: service_healthy",
        "      postgres:\n        condition: service_healthy",
      ),
    );
    expect(mapping.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "compose/depends-on-unknown",
        line: lineOf(GITEA, "      db:\n        condition"),
        message: "service 'gitea' depends on 'postgres', which is not a service of this file",
      }),
    ]);
    const pihole = readFileSync(corpusPath("compose/apps/pihole-cloudflared-DoH/compose.yaml"), "utf8");
    const list = await inspectText(changed(pihole, `- "cloudflared"`, `- "cloudflare"`));
    expect(list.diagnostics.filter((d) => d.severity === "error")).toEqual([
      expect.objectContaining({ ruleId: "compose/depends-on-unknown", line: lineOf(pihole, `- "cloudflared"`) }),
    ]);
  });

  it("compose/depends-on-cycle: services waiting for each other", async () => {
    const result = await inspectText(
      changed(
        GITEA,
        "  db:\n    image: postgres:17.6-alpine\n",
        "  db:\n    image: postgres:17.6-alpine\n    depends_on: [gitea]\n",
      ),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "compose/depends-on-cycle",
        message: "services depend on each other in a cycle: db -> gitea -> db",
      }),
    ]);
  });

  it("compose/build-only and compose/no-image: a service must run from a published image", async () => {
    const built = await inspectText(changed(GITEA, "    image: gitea/gitea:1.24.6\n", "    build: ./gitea\n"));
    expect(built.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "compose/build-only", line: lineOf(GITEA, "    image: gitea/gitea:1.24.6") }),
    ]);
    const neither = await inspectText(changed(GITEA, "    image: gitea/gitea:1.24.6\n", ""));
    expect(neither.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "compose/no-image", line: lineOf(GITEA, "  gitea:") }),
    ]);
    expect(
      (
        await inspectText(
          changed(GITEA, "    image: gitea/gitea:1.24.6\n", "    image: gitea/gitea:1.24.6\n    build: ./gitea\n"),
        )
      ).diagnostics,
    ).toEqual([]);
  });

  it.each([
    ["gitea/gitea:latest", "uses the 'latest' tag"],
    ["gitea/gitea", "has no tag"],
    ["registry.example.org:5000/gitea/gitea", "has no tag"],
    ["gitea/gitea:${GITEA_TAG}", "variable without a default"],
  ])("compose/unpinned-image: %s is a warning", async (image, why) => {
    const result = await inspectText(changed(GITEA, "gitea/gitea:1.24.6", image));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "compose/unpinned-image",
        severity: "warning",
        line: lineOf(GITEA, "gitea/gitea:1.24.6"),
        message: expect.stringContaining(why),
      }),
    ]);
    expect(result.metadata).toBeDefined();
  });

  it.each([
    "gitea/gitea:${GITEA_TAG:-1.24.6}",
    `gitea/gitea@sha256:${"a".repeat(64)}`,
    "registry.example.org:5000/gitea/gitea:1.24.6",
  ])("accepts the pinned image %s", async (image) => {
    expect((await inspectText(changed(GITEA, "gitea/gitea:1.24.6", image))).diagnostics).toEqual([]);
  });

  it("compose/undefined-volume and compose/undefined-network: references to undeclared names", async () => {
    const text = changed(
      changed(GITEA, "      - gitea_data:/data", "      - gitea_files:/data"),
      "    restart: unless-stopped\n    depends_on:",
      "    restart: unless-stopped\n    networks: [backend]\n    depends_on:",
    );
    const result = await inspectText(text);
    expect(result.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([
      ["compose/undefined-network", lineOf(text, "networks: [backend]")],
      ["compose/undefined-volume", lineOf(text, "      - gitea_files:/data")],
    ]);
  });

  it("compose/yaml: not YAML, with the line", async () => {
    const result = await inspectText(changed(WORDPRESS_MYSQL, "services:\n", "services:\n  cache: [unclosed\n"));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "compose/yaml", file: "apps/demo/compose.yaml", severity: "error", line: 3 }),
    ]);
    const duplicate = await inspectText(changed(WORDPRESS_MYSQL, "services:\n", "services:\n  db:\n    image: x:1\n"));
    expect(duplicate.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "compose/yaml", line: lineOf(WORDPRESS_MYSQL, "  db:") + 2 }),
    ]);
  });

  it("compose/no-services: nothing to run", async () => {
    const result = await inspectText("name: empty\nservices: {}\n");
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: "compose/no-services", line: 2 })]);
  });

  it("compose/obsolete-version: the top-level version is reported as a warning", async () => {
    const result = await inspectText(`version: "3.8"\n${GITEA}`);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "compose/obsolete-version", severity: "warning", line: 1 }),
    ]);
  });
});
