/**
 * What a pull request does, as input to the review policy. One pull request may hold
 * several kinds; all are listed. Values are shown to users (CLI, job summary, result file).
 *
 * - `new-app`: adds `apps/<id>/app.yaml` for an id that did not exist on the base branch
 *   (the new app's first versions and files belong to it).
 * - `new-version`: adds a version file to an existing app.
 * - `metadata-edit`: changes an existing app's `app.yaml` (other than maintainers and
 *   status), a version's mutable fields (changelog, compatibility, ...), or other app files.
 * - `suspension`: an app goes `active -> suspended` or a version `released -> suspended`.
 * - `reinstatement`: the way back, `suspended -> active` / `suspended -> released` (admins).
 * - `deletion`: removes a version file or a whole app (admins).
 * - `ownership-transfer`: changes an app's `maintainers`, or its Nextcloud code-signing
 *   certificate (`nextcloud.certificate`: whoever holds the new key signs its releases) (admins).
 * - `registry-change`: changes anything outside `apps/<id>/`: workflows, schemas, code,
 *   policy, site (admins).
 *
 * Source of truth for how they are derived: `pr/derive-app-delta.ts`.
 */
export type ChangeKind =
  | "new-app"
  | "new-version"
  | "metadata-edit"
  | "suspension"
  | "reinstatement"
  | "deletion"
  | "ownership-transfer"
  | "registry-change";

/** Every change kind, in the order they are listed everywhere. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  "new-app",
  "new-version",
  "metadata-edit",
  "suspension",
  "reinstatement",
  "deletion",
  "ownership-transfer",
  "registry-change",
];

/** Unique kinds in {@link CHANGE_KINDS} order. */
export function sortKinds(kinds: Iterable<ChangeKind>): ChangeKind[] {
  const present = new Set(kinds);
  return CHANGE_KINDS.filter((k) => present.has(k));
}
