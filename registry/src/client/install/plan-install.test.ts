import { describe, expect, it } from "vitest";
import { missingVariables, namesInEnvFile } from "./compose-requirements.ts";
import { parseSetVariables, planInstall } from "./plan-install.ts";
import { commandLine, shellQuote } from "./shell-quote.ts";

const none = { set: [], values: [] };

describe("planInstall", () => {
  it("helm: install <release> <file>, then --namespace, --set and -f in order", () => {
    expect(
      planInstall("harbor", "helm", "/x/h.tgz", { ...none, namespace: "ns", set: ["a=1"], values: ["v.yaml"] }),
    ).toEqual({
      program: "helm",
      args: ["install", "harbor", "/x/h.tgz", "--namespace", "ns", "--set", "a=1", "-f", "v.yaml"],
      env: {},
    });
  });

  it("helm release names follow Helm's rule (DNS-1123 label, at most 53 characters)", () => {
    expect(planInstall("harbor", "helm", "f", { ...none, release: "a".repeat(53) }).args[1]).toBe("a".repeat(53));
    for (const bad of ["a".repeat(54), "-a", "a-", "A", "a_b", ""])
      expect(() => planInstall("harbor", "helm", "f", { ...none, release: bad })).toThrow("is not a Helm release name");
  });

  it("compose: docker compose [--env-file] -f <file> up -d, --set as variables", () => {
    expect(
      planInstall("wp", "compose", "/x/c.yaml", { ...none, envFile: "e", set: ["A=1", "B=x=y"] }, { C: "3" }),
    ).toEqual({
      program: "docker",
      args: ["compose", "--env-file", "e", "-f", "/x/c.yaml", "up", "-d"],
      env: { A: "1", B: "x=y", C: "3" },
    });
  });

  it("nextcloud and vm have no native installer here", () => {
    expect(() => planInstall("notes", "nextcloud", "f", none)).toThrow(expect.objectContaining({ reason: "usage" }));
    expect(() => planInstall("emqx", "vm", "f", none)).toThrow("vm is not one of them");
  });

  it("--set for Compose must be NAME=value", () => {
    expect(() => parseSetVariables(["A"])).toThrow("--set A: expected NAME=value");
    expect(() => parseSetVariables(["A-B=1"])).toThrow("--set A-B=1");
    expect(parseSetVariables(["A="])).toEqual({ A: "" });
  });
});

describe("Compose variables", () => {
  it("names in an env file: NAME=value lines, export prefix, comments skipped", () => {
    expect([...namesInEnvFile("# A=1\nexport B=2\n C = 3\nD\nE=\r\n")]).toEqual(["B", "C", "E"]);
  });

  it("missing: given by none of --set, env file, environment", () => {
    const req = [
      { name: "A", required: true },
      { name: "B", required: true },
      { name: "C", required: true },
      { name: "D", required: true },
    ];
    expect(
      missingVariables(req, { set: { A: "" }, envFile: new Set(["B"]), environment: { C: "x" } }).map((v) => v.name),
    ).toEqual(["D"]);
  });
});

describe("command line", () => {
  it("quotes what a shell would split and hides variable values", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(commandLine("docker", ["compose", "-f", "/a b/c.yaml", "up", "-d"], ["PW"])).toBe(
      "PW=… docker compose -f '/a b/c.yaml' up -d",
    );
  });
});
