import { parse } from "yaml";
import { composeVariables, type ComposeVariable } from "../../artifact/inspect/compose/compose-variables.ts";
import { ClientError } from "../../errors/client-error.ts";

/**
 * The variables a verified Compose file requires (Compose Specification interpolation:
 * `${NAME:?…}`, `${NAME?…}`, or a use without default; see compose-variables.ts), read from
 * its bytes with `yaml`. Pure.
 *
 * @throws ClientError `invalid-metadata` when the file is not YAML.
 */
export function requiredComposeVariables(bytes: Buffer, file: string): ComposeVariable[] {
  let data: unknown;
  try {
    data = parse(bytes.toString("utf8"));
  } catch (cause) {
    throw new ClientError("invalid-metadata", `${file} is not YAML: ${(cause as Error).message}`);
  }
  return composeVariables(data).filter((v) => v.required);
}

/**
 * Names an env file defines, as Compose reads `--env-file` (one `NAME=value` per line, `#`
 * comments, an optional `export ` prefix); values are left to Compose. Pure.
 */
export function namesInEnvFile(text: string): Set<string> {
  const names = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, "");
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (m?.[1] && !line.startsWith("#")) names.add(m[1]);
  }
  return names;
}

/**
 * Required variables given by none of: `--set` values, the env file's names, the
 * environment `appshelf` runs in (Compose reads all three). Pure.
 */
export function missingVariables(
  required: readonly ComposeVariable[],
  given: { set: Record<string, string>; envFile: Set<string>; environment: Record<string, string | undefined> },
): ComposeVariable[] {
  return required.filter(
    (v) => given.set[v.name] === undefined && !given.envFile.has(v.name) && given.environment[v.name] === undefined,
  );
}
