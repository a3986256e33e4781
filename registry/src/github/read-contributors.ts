/** The parts of a listed pull-request commit (`GET /repos/{o}/{r}/pulls/{n}/commits`) that name people. */
export interface CommitPeople {
  /** The linked GitHub account of the commit's author, if any. */
  author?: { login?: string } | null;
  commit?: { message?: string; author?: { name?: string; email?: string } | null };
}

/** Who wrote a pull request's commits, as separation of duties needs it. */
export interface Contributors {
  /** Logins of linked commit authors, sorted. */
  commitAuthors: string[];
  /** Logins from `Co-authored-by:` trailers with a GitHub no-reply address, sorted. */
  coAuthors: string[];
  /** Commit authors with no linked account, and trailer co-authors with any other address: `Name <email>`, sorted. */
  unknownContributors: string[];
}

/** `Co-authored-by: Name <email>` as git writes trailers (one per line, key case-insensitive). */
const CO_AUTHOR = /^co-authored-by:[ \t]*(.*?)[ \t]*<([^<>\s]+)>[ \t]*$/gim;

/** GitHub's no-reply address: `12345+login@users.noreply.github.com` or `login@users.noreply.github.com`. */
const NO_REPLY = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))@users\.noreply\.github\.com$/i;

/**
 * The people behind a pull request's commits: linked commit authors; `Co-authored-by:`
 * trailers (GitHub credits them by address: a no-reply address names its login); and
 * everybody no account is linked to (an unlinked commit author, or a trailer with any other
 * address), who could be anyone, reviewers included. Pure.
 */
export function readContributors(commits: readonly CommitPeople[]): Contributors {
  const commitAuthors = new Set<string>();
  const coAuthors = new Set<string>();
  const unknown = new Set<string>();
  for (const c of commits) {
    if (c.author?.login) commitAuthors.add(c.author.login);
    else unknown.add(person(c.commit?.author?.name ?? "", c.commit?.author?.email ?? ""));
    for (const match of (c.commit?.message ?? "").matchAll(CO_AUTHOR)) {
      const [, name = "", email = ""] = match;
      const login = NO_REPLY.exec(email)?.[1];
      if (login) coAuthors.add(login);
      else unknown.add(person(name, email));
    }
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return { commitAuthors: sorted(commitAuthors), coAuthors: sorted(coAuthors), unknownContributors: sorted(unknown) };
}

function person(name: string, email: string): string {
  const who = name.trim() === "" ? "(no name)" : name.trim();
  return email === "" ? who : `${who} <${email}>`;
}
