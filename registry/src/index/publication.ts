import { InputError } from "../errors/appshelf-error.ts";
/**
 * What makes one publish of the index distinct: its serial and its expiry (TUF's
 * 'version' and 'expires' of the timestamp/snapshot metadata, specification section 4.4).
 */
export interface Publication {
  /** Non-negative integer, strictly increasing per publish. */
  serial: number;
  /** RFC 3339 UTC with whole seconds, e.g. `2026-06-10T12:00:00Z`. */
  expires: string;
  /** Hex digits naming a hashed bin (1-4); default 2. */
  binPrefixLength?: number;
}

/** Default lifetime of a published index: 14 days. */
export const DEFAULT_EXPIRES_DAYS = 14;

/**
 * The expiry `days` after `now`, as RFC 3339 UTC with whole seconds. Pure.
 *
 * @throws InputError when `days` is not a positive number.
 */
export function expiresAfter(now: Date, days: number = DEFAULT_EXPIRES_DAYS): string {
  if (!(days > 0) || !Number.isFinite(days))
    throw new InputError("input/publication", `the index lifetime must be a positive number of days, not ${days}`);
  return formatUtcSeconds(new Date(now.getTime() + days * 86_400_000));
}

/** `date` as `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatUtcSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * The serial of a new publish: the commit count of the published branch, raised above
 * the serial of the index currently live so a re-sign at the same commit (or any publish
 * after one) still increases it. Pure.
 *
 * @param commitCount `git rev-list --count HEAD`
 * @param liveSerial serial of the index now published, when known
 */
export function chooseSerial(commitCount: number, liveSerial?: number): number {
  return liveSerial === undefined ? commitCount : Math.max(commitCount, liveSerial + 1);
}

/**
 * Checks a publication before it goes into index.json.
 *
 * @throws InputError naming the bad field.
 */
export function assertPublication(p: Publication): void {
  if (!Number.isSafeInteger(p.serial) || p.serial < 0)
    throw new InputError("input/publication", `serial must be a non-negative integer, not ${p.serial}`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(p.expires) || Number.isNaN(Date.parse(p.expires))) {
    throw new InputError(
      "input/publication",
      `expires must be a UTC time like 2026-06-10T12:00:00Z, not '${p.expires}'`,
    );
  }
}
