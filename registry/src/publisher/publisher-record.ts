/**
 * A publisher record, `.github/appshelf/publishers/<id>.yaml` (shape and meaning of every
 * field: `schema/publisher.schema.json`, the source of truth). Apps name a publisher by id
 * (`app.yaml` `publisher`, a version's `packagedBy`); the index publishes the record's
 * public part ({@link PublishedPublisher}), so a page or a client shows who a publisher is
 * and whether admins verified it, never a name an app typed in.
 */
export interface PublisherRecord {
  id: string;
  name: string;
  /** HTTPS home page. */
  url: string;
  /** Other HTTPS pages. */
  urls?: string[];
  /** E-mail address or HTTPS URL. */
  contact?: string;
  /** Who may attach apps to it (besides admins): these logins; the organisation is shown only. */
  github: { organization?: string; logins: string[] };
  verification: PublisherVerification;
}

/** Whether admins verified a record, and how (a verified one has method, date and by). */
export interface PublisherVerification {
  state: "verified" | "unverified";
  method?: "github-organization" | "dns-txt" | "website-file" | "email" | "contract";
  /** YYYY-MM-DD. */
  date?: string;
  /** GitHub login of the admin who verified it. */
  by?: string;
  evidence?: string;
}

/** A publisher as the index publishes it (`common.schema.json#/$defs/publishedPublisher`). */
export interface PublishedPublisher {
  id: string;
  name: string;
  url: string;
  contact?: string;
  /** Admins verified the record. */
  verified: boolean;
  /** How and when, only when verified. */
  verification?: { method: string; date: string };
}

/** Repo folder of the publisher records (beside the review policy, on the base branch). */
export const PUBLISHERS_DIR = ".github/appshelf/publishers";

/** Repo path of publisher `id`'s record. */
export function publisherPath(id: string): string {
  return `${PUBLISHERS_DIR}/${id}.yaml`;
}

/** The public part of a record, as the index publishes it. Pure. */
export function publishPublisher(record: PublisherRecord): PublishedPublisher {
  const v = record.verification;
  const verified = v.state === "verified" && v.method !== undefined && v.date !== undefined;
  return {
    id: record.id,
    name: record.name,
    url: record.url,
    ...(record.contact !== undefined ? { contact: record.contact } : {}),
    verified,
    ...(verified ? { verification: { method: v.method ?? "", date: v.date ?? "" } } : {}),
  };
}

/** True when `login` may attach apps to the publisher: one of its logins (case-insensitive). Admins are checked by the caller. */
export function mayAttach(record: PublisherRecord, login: string): boolean {
  const key = login.toLowerCase();
  return record.github.logins.some((l) => l.toLowerCase() === key);
}
