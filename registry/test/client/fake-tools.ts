import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";

/** What a fake tool saw when run: its arguments, the variables asked about, and the sha256 of every existing file argument. */
export interface ToolCall {
  program: string;
  args: string[];
  env: Record<string, string | null>;
  files: Record<string, string>;
  cwd: string;
}

/** Folder of recording fake executables (`helm`, `docker`) to put first on PATH. */
export interface FakeTools {
  bin: string;
  /** PATH with the fakes first. */
  path: string;
  /** Calls recorded so far, in order. */
  calls(): Promise<ToolCall[]>;
}

/**
 * Writes recording fakes of `programs` into `dir`/bin: each appends one JSON line (see
 * {@link ToolCall}) to `dir`/calls.jsonl, reading the variables named in `watch` from its
 * environment, and exits with $FAKE_TOOL_EXIT (default 0).
 */
export async function fakeTools(
  dir: string,
  programs: readonly string[],
  watch: readonly string[] = [],
): Promise<FakeTools> {
  const bin = path.join(dir, "bin");
  const log = path.join(dir, "calls.jsonl");
  await mkdir(bin, { recursive: true });
  // The fakes are sh scripts (as helm and docker are not Node programs, Node's own reading
  // of arguments such as --env-file must not apply): they hand their arguments, NUL-separated,
  // to a Node recorder.
  const recorder = path.join(dir, "record.cjs");
  await writeFile(
    recorder,
    `const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const [program, argsFile] = process.argv.slice(2);
const args = fs.readFileSync(argsFile, "utf8").split("\\0").slice(0, -1);
fs.rmSync(argsFile);
const files = {};
for (const a of args) if (path.isAbsolute(a) && fs.existsSync(a) && fs.statSync(a).isFile()) files[a] = createHash("sha256").update(fs.readFileSync(a)).digest("hex");
const env = {};
for (const name of ${JSON.stringify(watch)}) env[name] = process.env[name] ?? null;
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ program, args, env, files, cwd: process.cwd() }) + "\\n");
process.exit(Number(process.env.FAKE_TOOL_EXIT ?? 0));
`,
  );
  for (const program of programs) {
    const script = `#!/bin/sh\nargs="${dir}/args.$$"\nprintf '%s\\0' "$@" > "$args"\nexec node ${JSON.stringify(recorder)} ${program} "$args"\n`;
    await writeFile(path.join(bin, program), script);
    await chmod(path.join(bin, program), 0o755);
  }
  return {
    bin,
    path: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    async calls() {
      if (!existsSync(log)) return [];
      return (await readFile(log, "utf8"))
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as ToolCall);
    },
  };
}
