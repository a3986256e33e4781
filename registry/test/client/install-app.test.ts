/**
 * installApp with a scripted terminal (issue 16): required Compose variables are asked for
 * when no --set, env file or environment gives them; the command is confirmed before it
 * runs; a file changed on disk after verification is never run.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComposeVariable } from "../../src/artifact/inspect/compose/compose-variables.ts";
import { installApp, type InstallIo, type InstallRequest } from "../../src/client/install/install-app.ts";
import type { NativeCommand } from "../../src/client/install/plan-install.ts";
import { openRegistry } from "../../src/client/open-registry.ts";
import { readTrustedKeys } from "../../src/signing/trusted-keys.ts";
import { createWorkspace, publish, type Workspace } from "./published-registry.ts";

let ws: Workspace;
let base: string;

beforeAll(async () => {
  ws = await createWorkspace();
  base = await publish(await ws.folder("base"), [ws.key]);
});
afterAll(() => ws?.cleanup());

/** A terminal that answers from a script and records what it was asked and what ran. */
function scriptedTerminal(
  answers: Record<string, string>,
  confirm: (line: string) => Promise<boolean> | boolean = () => true,
) {
  const asked: ComposeVariable[] = [];
  const confirmed: string[] = [];
  const ran: NativeCommand[] = [];
  const printed: string[] = [];
  const io: InstallIo = {
    ask: async (v) => {
      asked.push(v);
      return answers[v.name] ?? "";
    },
    confirm: async (line) => {
      confirmed.push(line);
      return confirm(line);
    },
    run: async (command) => {
      ran.push(command);
      return 0;
    },
    print: (line) => printed.push(line),
    environment: {},
  };
  return { io, asked, confirmed, ran, printed };
}

async function wordpressCompose(
  outDir: string,
): Promise<{ request: InstallRequest; registry: Awaited<ReturnType<typeof openRegistry>> }> {
  const registry = await openRegistry({ location: base, trustedKeys: await readTrustedKeys(ws.keysFile) });
  return {
    registry,
    request: { id: "wordpress", delivery: "compose", outDir, yes: false, options: { set: [], values: [] } },
  };
}

describe("installApp on a terminal", () => {
  it("asks for each missing required variable (with Compose's message), confirms the exact command, then runs it with the answers", async () => {
    const out = await ws.folder("out");
    const { registry, request } = await wordpressCompose(out);
    const terminal = scriptedTerminal({ WORDPRESS_DB_PASSWORD: "db", MARIADB_ROOT_PASSWORD: "root" });
    const report = await installApp(registry, request, terminal.io);
    expect(terminal.asked).toEqual([
      { name: "WORDPRESS_DB_PASSWORD", required: true, message: "set WORDPRESS_DB_PASSWORD" },
      { name: "MARIADB_ROOT_PASSWORD", required: true, message: "set MARIADB_ROOT_PASSWORD" },
    ]);
    const file = path.join(out, "compose.yaml");
    expect(terminal.confirmed).toEqual([
      `WORDPRESS_DB_PASSWORD=… MARIADB_ROOT_PASSWORD=… docker compose -f ${file} up -d`,
    ]);
    expect(terminal.ran).toEqual([
      {
        program: "docker",
        args: ["compose", "-f", file, "up", "-d"],
        env: { WORDPRESS_DB_PASSWORD: "db", MARIADB_ROOT_PASSWORD: "root" },
      },
    ]);
    expect(report).toMatchObject({ ran: true, exitCode: 0 });
  });

  it("asks only for what --set and the environment leave out", async () => {
    const { registry, request } = await wordpressCompose(await ws.folder("out"));
    const terminal = scriptedTerminal({ MARIADB_ROOT_PASSWORD: "root" });
    terminal.io.environment = { WORDPRESS_DB_PASSWORD: "from-env" };
    await installApp(registry, { ...request, options: { set: [], values: [] } }, terminal.io);
    expect(terminal.asked.map((v) => v.name)).toEqual(["MARIADB_ROOT_PASSWORD"]);
    expect(terminal.ran[0]?.env).toEqual({ MARIADB_ROOT_PASSWORD: "root" });
  });

  it("a declined command does not run; the verified file is kept", async () => {
    const out = await ws.folder("out");
    const { registry, request } = await wordpressCompose(out);
    const terminal = scriptedTerminal({ WORDPRESS_DB_PASSWORD: "a", MARIADB_ROOT_PASSWORD: "b" }, () => false);
    const report = await installApp(registry, request, terminal.io);
    expect(report.ran).toBe(false);
    expect(terminal.ran).toEqual([]);
    expect(terminal.printed.at(-1)).toBe(`Not run. The verified file stays at ${path.join(out, "compose.yaml")}.`);
  });

  it("a file changed on disk after it was verified (while the user was asked) is refused, not run", async () => {
    const out = await ws.folder("out");
    const { registry, request } = await wordpressCompose(out);
    const terminal = scriptedTerminal({ WORDPRESS_DB_PASSWORD: "a", MARIADB_ROOT_PASSWORD: "b" }, async () => {
      await writeFile(path.join(out, "compose.yaml"), "services: { evil: { image: evil } }\n");
      return true;
    });
    await expect(installApp(registry, request, terminal.io)).rejects.toMatchObject({ reason: "digest-mismatch" });
    expect(terminal.ran).toEqual([]);
  });
});
