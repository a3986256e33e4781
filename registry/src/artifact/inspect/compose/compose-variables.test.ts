import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CORPUS, REPO_ROOT } from "../../../../test/temp-registry.ts";
import { composeVariables } from "./compose-variables.ts";

const load = (file: string): unknown => parse(readFileSync(file, "utf8"));

describe("composeVariables", () => {
  it("lists WordPress's required passwords with Compose's message and the port with its default", () => {
    expect(composeVariables(load(path.join(REPO_ROOT, "apps/wordpress/compose.yaml")))).toEqual([
      { name: "WORDPRESS_DB_PASSWORD", required: true, message: "set WORDPRESS_DB_PASSWORD" },
      { name: "MARIADB_ROOT_PASSWORD", required: true, message: "set MARIADB_ROOT_PASSWORD" },
      { name: "WORDPRESS_HTTP_PORT", required: false, default: "8080" },
    ]);
  });

  it("reads Nextcloud's admin password as required, the admin user as defaulted, and skips $$ escapes", () => {
    const vars = composeVariables(load(path.join(REPO_ROOT, "apps/nextcloud/compose.yaml")));
    expect(vars.filter((v) => v.required).map((v) => v.name)).toEqual([
      "NEXTCLOUD_DB_PASSWORD",
      "MARIADB_ROOT_PASSWORD",
      "REDIS_PASSWORD",
      "NEXTCLOUD_ADMIN_PASSWORD",
    ]);
    expect(vars.find((v) => v.name === "NEXTCLOUD_ADMIN_USER")).toEqual({
      name: "NEXTCLOUD_ADMIN_USER",
      required: false,
      default: "admin",
    });
  });

  it("reads every form of the Compose Specification's interpolation", () => {
    const data = {
      services: {
        a: {
          image: "x:${TAG:-latest}",
          command: [
            "$PLAIN",
            "${BRACED}",
            "$${NOT_A_VAR}",
            "$$ALSO_NOT",
            "${ALT:+set}",
            "${NESTED:-${INNER}}",
            "${DASH-d}",
            "${Q?must}",
            "${TAG}",
          ],
        },
      },
    };
    expect(composeVariables(data)).toEqual([
      { name: "TAG", required: true, default: "latest" },
      { name: "PLAIN", required: true },
      { name: "BRACED", required: true },
      { name: "ALT", required: false },
      { name: "NESTED", required: false, default: "${INNER}" },
      { name: "INNER", required: false },
      { name: "DASH", required: false, default: "d" },
      { name: "Q", required: true, message: "must" },
    ]);
  });

  it("finds the corpus files' variables (no file lists a name twice)", () => {
    const vars = composeVariables(load(path.join(CORPUS, "compose/apps/pihole-cloudflared-DoH/compose.yaml")));
    expect(vars.length).toBeGreaterThan(0);
    expect(new Set(vars.map((v) => v.name)).size).toBe(vars.length);
  });
});
