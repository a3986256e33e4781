import type { Octokit } from "octokit";
import type { LoadedRegistry } from "../manifest/load-registry.ts";
import { warning, type Diagnostic } from "../report/diagnostic.ts";
import {
  createDiscussion,
  discussionMarker,
  findCategory,
  isNotFound,
  listDiscussions,
  readDiscussionCounts,
} from "./app-discussions.ts";
import type { RepoRef } from "./create-octokit.ts";
import type { AppDiscussion } from "./download-stats.ts";

/** An app that should have a discussion: id, English name and summary. */
export interface DiscussedApp {
  id: string;
  name: string;
  summary: string;
}

/** The apps of a registry that get a discussion: those with an app.yaml and at least one version, not suspended. Pure. */
export function discussedAppsOf(registry: Pick<LoadedRegistry, "apps">): DiscussedApp[] {
  return registry.apps.flatMap((app) => {
    const data = app.app?.data as
      | { id?: unknown; name?: { en?: unknown }; summary?: { en?: unknown }; status?: unknown }
      | undefined;
    if (typeof data?.id !== "string" || data.status === "suspended" || app.versions.length === 0) return [];
    return [
      {
        id: data.id,
        name: typeof data.name?.en === "string" ? data.name.en : data.id,
        summary: typeof data.summary?.en === "string" ? data.summary.en : "",
      },
    ];
  });
}

/** What {@link ensureAppDiscussions} needs. */
export interface EnsureDiscussionsOptions {
  octokit: Octokit;
  repo: RepoRef;
  /** Discussion category name or slug, e.g. "Apps" (created by a maintainer in the repository's settings). */
  category: string;
  /** The published apps (active ones; a suspended app gets no new discussion). */
  apps: readonly DiscussedApp[];
  /** Discussions already recorded in the stats file, by app id. */
  recorded: Readonly<Record<string, AppDiscussion>>;
  /** The catalog's base URL, for a link to the app's page in the discussion. */
  siteUrl?: string;
}

/**
 * Gives every app without a recorded discussion exactly one: an existing discussion of the
 * category carrying the app's marker (a run that created it but could not record it) is
 * taken over, else one is created (title "<name> (<id>)", the summary, how to rate, the
 * marker). Apps that have one are not touched; when none is missing, GitHub is not asked.
 *
 * @returns every recorded discussion (new ones with zero counts until the daily stats run) and the ids created or found
 * @throws Error when the category does not exist (a maintainer creates it once)
 */
export async function ensureAppDiscussions(
  options: EnsureDiscussionsOptions,
): Promise<{ discussions: Record<string, AppDiscussion>; created: string[]; found: string[] }> {
  const discussions: Record<string, AppDiscussion> = { ...options.recorded };
  const missing = options.apps.filter((app) => discussions[app.id] === undefined);
  if (missing.length === 0) return { discussions, created: [], found: [] };
  const { repositoryId, categoryId } = await findCategory(options.octokit, options.repo, options.category);
  if (!categoryId)
    throw new Error(
      `${options.repo.owner}/${options.repo.repo} has no discussion category '${options.category}'; create it (Settings > Discussions), or pass --category`,
    );
  const existing = await listDiscussions(options.octokit, options.repo, categoryId);
  const created: string[] = [];
  const found: string[] = [];
  for (const app of missing) {
    const marked = existing.find((d) => d.body.includes(discussionMarker(app.id)));
    const discussion =
      marked ??
      (await createDiscussion(
        options.octokit,
        { repositoryId, categoryId },
        `${app.name} (${app.id})`,
        discussionBody(app, options.siteUrl),
      ));
    (marked ? found : created).push(app.id);
    discussions[app.id] = { number: discussion.number, url: discussion.url, upvotes: 0, downvotes: 0, comments: 0 };
  }
  return { discussions, created, found };
}

/** The first post of an app's discussion. Pure. */
export function discussionBody(app: DiscussedApp, siteUrl?: string): string {
  const page = siteUrl ? `\n\nCatalog page: ${siteUrl.replace(/\/+$/, "")}/apps/${app.id}/` : "";
  return `${app.summary}${page}\n\nRate ${app.name}: react to this post with 👍 or 👎. Questions, reviews and tips go in the comments. The catalog shows the counts, refreshed daily.\n\n${discussionMarker(app.id)}\n`;
}

/**
 * Reads the current 👍, 👎 and comment counts of every recorded discussion. A discussion
 * that no longer exists is dropped with a warning (the next discussions run creates a new
 * one); one that cannot be read keeps its last counts, with a warning.
 */
export async function refreshDiscussionCounts(
  octokit: Octokit,
  repo: RepoRef,
  recorded: Readonly<Record<string, AppDiscussion>>,
  file: string,
): Promise<{ discussions: Record<string, AppDiscussion>; diagnostics: Diagnostic[] }> {
  const discussions: Record<string, AppDiscussion> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [id, d] of Object.entries(recorded)) {
    try {
      const counts = await readDiscussionCounts(octokit, repo, d.number);
      if (counts) discussions[id] = { number: d.number, ...counts };
      else
        diagnostics.push(
          warning(
            "stats/discussion-missing",
            file,
            undefined,
            `discussion #${d.number} of ${id} no longer exists; dropped (the discussions workflow creates a new one)`,
          ),
        );
    } catch (error) {
      if (isNotFound(error)) {
        diagnostics.push(
          warning(
            "stats/discussion-missing",
            file,
            undefined,
            `discussion #${d.number} of ${id} no longer exists; dropped (the discussions workflow creates a new one)`,
          ),
        );
      } else {
        discussions[id] = d;
        diagnostics.push(
          warning(
            "stats/discussion-unreadable",
            file,
            undefined,
            `cannot read discussion #${d.number} of ${id}: ${(error as Error).message}; kept its last counts`,
          ),
        );
      }
    }
  }
  return { discussions, diagnostics };
}
