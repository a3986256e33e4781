import { posix } from "node:path";
import { isRecord } from "../manifest/is-record.ts";

/**
 * Small readers for manifest data that may not have passed its schema (base files are
 * read raw; head files are reported by validation). They never throw.
 */

/** The value at `path` in plain data, or undefined. */
export function fieldAt(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** `maintainers` as GitHub logins, or undefined when absent or not a list of strings. */
export function maintainersOf(data: unknown): string[] | undefined {
  const list = fieldAt(data, ["maintainers"]);
  return Array.isArray(list) && list.every((l) => typeof l === "string") ? (list as string[]) : undefined;
}

/** True when `login` is in `maintainers`; GitHub logins are compared case-insensitively. */
export function isMaintainer(login: string, maintainers: readonly string[]): boolean {
  const wanted = login.toLowerCase();
  return maintainers.some((m) => m.toLowerCase() === wanted);
}

/** A string field, or undefined. */
export function stringAt(data: unknown, path: readonly string[]): string | undefined {
  const value = fieldAt(data, path);
  return typeof value === "string" ? value : undefined;
}

/**
 * Repo path of a version's in-repo artifact (`artifact.path`, relative to the app
 * folder), or undefined for URL artifacts and paths that leave the app folder.
 */
export function artifactFileOf(appId: string, versionData: unknown): string | undefined {
  const relative = stringAt(versionData, ["artifact", "path"]);
  if (relative === undefined) return undefined;
  const dir = `apps/${appId}`;
  const joined = posix.normalize(posix.join(dir, relative));
  return joined.startsWith(`${dir}/`) ? joined : undefined;
}

/**
 * Dotted paths of the leaves that differ between two plain data trees (mappings are
 * walked; lists and scalars compare as whole values). `["artifact.sha256"]` when only
 * the digest changed; `[]` when equal.
 */
export function changedFields(base: unknown, head: unknown, prefix = ""): string[] {
  if (isRecord(base) && isRecord(head)) {
    const keys = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
    return keys.flatMap((key) => changedFields(base[key], head[key], prefix ? `${prefix}.${key}` : key));
  }
  return JSON.stringify(base) === JSON.stringify(head) ? [] : [prefix];
}

/** Same logins, ignoring order and case. */
export function sameLogins(a: readonly string[], b: readonly string[]): boolean {
  const norm = (list: readonly string[]) => [...new Set(list.map((l) => l.toLowerCase()))].sort().join("\n");
  return norm(a) === norm(b);
}
