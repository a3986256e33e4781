import type { CommitState, ReviewActions } from "./review-decision.ts";
import { isManagedLabel, OVERDUE_LABEL } from "./review-labels.ts";
import type { ReviewSnapshot } from "./review-snapshot.ts";
import { hasLogin } from "./role.ts";

/** The wanted end state on GitHub. */
export interface WantedState {
  status: { state: CommitState; description: string };
  /** Every managed label wanted. */
  labels: readonly string[];
  /** Who should be asked now. Teams as `org/slug`. */
  next: { users: readonly string[]; teams: readonly string[] };
  overdue: boolean;
  autoMerge: boolean;
  comment: string;
}

/**
 * What to change on GitHub to reach `wanted` from what the snapshot shows: the status when
 * it differs, the managed labels missing or extra (others are never touched), review
 * requests not already pending, a new or an edited sticky comment (none when the text is
 * the same), and auto-merge when not already on. When the stage is overdue and not yet
 * labelled `review:overdue`, pending requests are withdrawn and made again (GitHub then
 * notifies anew); the label then stops a repeat on later runs.
 */
export function planActions(snapshot: ReviewSnapshot, wanted: WantedState): ReviewActions {
  const pr = snapshot.pullRequest;
  const current = snapshot.status;
  const labels = new Set(pr.labels);
  const rerequest = wanted.overdue && !labels.has(OVERDUE_LABEL);
  const teamPending = (team: string) =>
    pr.requestedTeams.some((slug) => slug.toLowerCase() === (team.split("/")[1] ?? team).toLowerCase());
  const userPending = (login: string) => hasLogin(pr.requestedUsers, login);
  return {
    setStatus: !(current && current.state === wanted.status.state && current.description === wanted.status.description),
    addLabels: wanted.labels.filter((l) => !labels.has(l)),
    removeLabels: pr.labels.filter((l) => isManagedLabel(l) && !wanted.labels.includes(l)).sort(),
    requestReviewers: {
      users: wanted.next.users.filter((u) => !userPending(u)),
      teams: wanted.next.teams.filter((t) => !teamPending(t)),
    },
    rerequestReviewers: rerequest
      ? { users: wanted.next.users.filter(userPending), teams: wanted.next.teams.filter(teamPending) }
      : { users: [], teams: [] },
    comment:
      snapshot.comment === null
        ? { kind: "create" }
        : snapshot.comment.body === wanted.comment
          ? { kind: "none", id: snapshot.comment.id }
          : { kind: "edit", id: snapshot.comment.id },
    enableAutoMerge: wanted.autoMerge && !pr.autoMerge,
  };
}
