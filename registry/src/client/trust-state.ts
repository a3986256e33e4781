import { mkdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { InputError } from "../errors/appshelf-error.ts";
import { replaceFile } from "../fs/replace-file.ts";

/** What the client last accepted from one registry. */
export interface TrustRecord {
  /** Highest serial accepted; a lower one is a rollback. */
  serial: number;
  /** SHA-256 of the index.json accepted with that serial. */
  indexSha256: string;
  /** Key that signed it. */
  keyId: string;
  /** Its expiry (RFC 3339). */
  expires: string;
}

/** The trust state file: one record per registry location (base URL or folder path). */
export interface TrustState {
  formatVersion: 1;
  registries: Record<string, TrustRecord>;
}

/** Default trust state file: `$XDG_STATE_HOME/appshelf/trust.json`, else `~/.local/state/appshelf/trust.json`. */
export function defaultTrustStateFile(): string {
  return path.join(process.env.XDG_STATE_HOME ?? path.join(os.homedir(), ".local", "state"), "appshelf", "trust.json");
}

/**
 * Reads the trust state; a missing file is an empty state.
 *
 * @throws Error when the file exists but is not a trust state: silently starting over
 *   would drop the rollback protection, so the user decides (fix or delete the file).
 */
export async function readTrustState(file: string): Promise<TrustState> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return { formatVersion: 1, registries: {} };
    throw cause;
  }
  try {
    const state = JSON.parse(text) as TrustState;
    if (state.formatVersion !== 1 || typeof state.registries !== "object" || state.registries === null)
      throw new Error("unexpected content");
    return state;
  } catch (cause) {
    throw new InputError(
      "input/trust-state",
      `the trust state ${file} is damaged (${(cause as Error).message}); delete it to start over, losing the record of the highest serial seen`,
    );
  }
}

/**
 * Records `record` for `location`, keeping the higher serial if another process wrote a
 * newer one meanwhile; written to a temp file, then renamed.
 */
export async function saveTrustRecord(file: string, location: string, record: TrustRecord): Promise<void> {
  const state = await readTrustState(file);
  const previous = state.registries[location];
  if (previous && previous.serial > record.serial) return;
  state.registries[location] = record;
  await mkdir(path.dirname(file), { recursive: true });
  await replaceFile(file, `${JSON.stringify(state, null, 2)}\n`);
}
