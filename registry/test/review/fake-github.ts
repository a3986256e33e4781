import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/repos/o/r/issues/2/labels`. */
  path: string;
  /** Parsed JSON body, when there was one. */
  body?: unknown;
}

/** A pull request as the fake serves it (`GET /repos/{o}/{r}/pulls/{n}` fields the gate reads, plus its sub-resources). */
export interface FakePull {
  data: Record<string, unknown> & {
    number: number;
    head: { sha: string; ref: string };
    base: { ref: string };
    labels: { name: string }[];
    requested_reviewers: { login: string }[];
    requested_teams: { slug: string }[];
  };
  files: { filename: string; status: string; previous_filename?: string }[];
  commits: {
    sha: string;
    author: { login: string } | null;
    commit?: { message: string; author: { name: string; email: string } };
  }[];
  reviews: Record<string, unknown>[];
  events: { event: string; created_at: string }[];
  comments: { id: number; body: string; user: { login: string; type: string } }[];
}

/** Everything the fake knows: the state of one repository, changed by the write requests like GitHub would. */
export interface FakeState {
  repo: string;
  pulls: Map<number, FakePull>;
  /** `path@ref` -> text. */
  contents: Map<string, string>;
  /** `org/slug` -> member logins. */
  teams: Map<string, string[]>;
  /** Commit statuses by head SHA, newest last. */
  statuses: Map<string, { state: string; context: string; description: string; target_url?: string }[]>;
  runs: {
    id: number;
    head_sha: string;
    head_branch?: string;
    head_repository?: { full_name: string };
    pull_requests?: { number: number; base: { ref: string }; head: { sha: string } }[];
    path: string;
    status: string;
    conclusion: string | null;
    html_url: string;
  }[];
  /** run id -> artifacts. */
  artifacts: Map<number, { id: number; name: string; expired: boolean; zip: Buffer }[]>;
  /** Logins GitHub refuses as reviewers (not collaborators): 422. */
  notCollaborators: Set<string>;
  autoMerge: Set<number>;
}

/**
 * An HTTP-level fake of the GitHub REST API (and the one GraphQL mutation the gate sends),
 * on 127.0.0.1, for the endpoints the review gate and the queue use. It records every
 * request, answers reads from {@link FakeState}, and applies writes to it (labels,
 * review requests, comments, statuses, auto-merge) so a second run sees what the first did.
 * Unknown routes answer 404 and are recorded, so a test sees them.
 */
export class FakeGitHub {
  readonly state: FakeState;
  readonly requests: RecordedRequest[] = [];
  #server: Server | undefined;
  #nextId = 5000;

  constructor(repo: string) {
    this.state = {
      repo,
      pulls: new Map(),
      contents: new Map(),
      teams: new Map(),
      statuses: new Map(),
      runs: [],
      artifacts: new Map(),
      notCollaborators: new Set(),
      autoMerge: new Set(),
    };
  }

  /** Starts listening; returns the base URL (`http://127.0.0.1:<port>`). */
  async start(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** The requests other than GET, in order: what the gate changed. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const recorded: RecordedRequest = { method: req.method ?? "GET", path: `${url.pathname}${url.search}` };
    if (text) recorded.body = JSON.parse(text) as unknown;
    this.requests.push(recorded);
    const reply = this.#route(recorded.method, url, recorded.body as Record<string, unknown> | undefined);
    if (Buffer.isBuffer(reply.body)) {
      res.writeHead(reply.status, { "content-type": "application/zip" }).end(reply.body);
      return;
    }
    res
      .writeHead(reply.status, { "content-type": "application/json; charset=utf-8" })
      .end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  }

  #route(method: string, url: URL, body: Record<string, unknown> | undefined): { status: number; body?: unknown } {
    const s = this.state;
    const p = url.pathname;
    const repo = `/repos/${s.repo}`;
    const pull = (n: string | undefined) => s.pulls.get(Number(n));
    let m: RegExpExecArray | null;
    const notFound = { status: 404, body: { message: "Not Found" } };
    if (method === "POST" && p === "/graphql") {
      const id = (body?.variables as { pullRequestId?: string } | undefined)?.pullRequestId;
      const target = [...s.pulls.values()].find((x) => x.data.node_id === id);
      if (!target) return { status: 200, body: { errors: [{ message: "not found" }] } };
      s.autoMerge.add(target.data.number);
      target.data.auto_merge = { merge_method: "squash" };
      return { status: 200, body: { data: { enablePullRequestAutoMerge: { clientMutationId: null } } } };
    }
    if ((m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/.exec(p))) {
      const members = s.teams.get(`${m[1]}/${m[2]}`);
      return members ? { status: 200, body: members.map((login) => ({ login })) } : notFound;
    }
    if (!p.startsWith(`${repo}/`)) return notFound;
    const rest = p.slice(repo.length);
    if (method === "GET" && rest === "/pulls") {
      const head = url.searchParams.get("head");
      const open = [...s.pulls.values()]
        .filter((x) => x.data.state === "open")
        .filter((x) => !head || `${(x.data.head as { label?: string }).label ?? ""}` === head);
      return { status: 200, body: open.map((x) => x.data) };
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === "GET")
      return pull(m[1]) ? { status: 200, body: pull(m[1])?.data } : notFound;
    if ((m = /^\/pulls\/(\d+)\/(files|commits|reviews)$/.exec(rest)) && method === "GET") {
      const x = pull(m[1]);
      return x ? { status: 200, body: x[m[2] as "files" | "commits" | "reviews"] } : notFound;
    }
    if ((m = /^\/issues\/(\d+)\/(events|comments)$/.exec(rest)) && method === "GET") {
      const x = pull(m[1]);
      return x ? { status: 200, body: x[m[2] as "events" | "comments"] } : notFound;
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest)) && method === "GET") {
      const content = s.contents.get(`${decodeURIComponent(m[1] ?? "")}@${url.searchParams.get("ref") ?? ""}`);
      return content === undefined
        ? notFound
        : { status: 200, body: { type: "file", encoding: "base64", content: Buffer.from(content).toString("base64") } };
    }
    if ((m = /^\/commits\/([0-9a-f]+)\/status$/.exec(rest)) && method === "GET") {
      const list = [...(s.statuses.get(m[1] ?? "") ?? [])].reverse();
      const latest = list.filter((st, i) => list.findIndex((o) => o.context === st.context) === i);
      return { status: 200, body: { state: "pending", statuses: latest } };
    }
    if ((m = /^\/commits\/([0-9a-f]+)\/pulls$/.exec(rest)) && method === "GET") {
      const sha = m[1];
      return {
        status: 200,
        body: [...s.pulls.values()].filter((x) => x.data.merge_commit_sha === sha).map((x) => x.data),
      };
    }
    if (rest === "/actions/runs" && method === "GET") {
      const runs = s.runs.filter((r) => r.head_sha === url.searchParams.get("head_sha"));
      return { status: 200, body: { total_count: runs.length, workflow_runs: runs } };
    }
    if ((m = /^\/actions\/runs\/(\d+)\/artifacts$/.exec(rest)) && method === "GET") {
      const list = (s.artifacts.get(Number(m[1])) ?? []).filter(
        (a) => !url.searchParams.get("name") || a.name === url.searchParams.get("name"),
      );
      return { status: 200, body: { total_count: list.length, artifacts: list.map(({ zip: _zip, ...a }) => a) } };
    }
    if ((m = /^\/actions\/artifacts\/(\d+)\/zip$/.exec(rest)) && method === "GET") {
      const artifact = [...s.artifacts.values()].flat().find((a) => a.id === Number(m?.[1]));
      return artifact ? { status: 200, body: artifact.zip } : notFound;
    }
    if ((m = /^\/issues\/(\d+)\/labels$/.exec(rest)) && method === "POST") {
      const x = pull(m[1]);
      if (!x) return notFound;
      for (const name of (body?.labels as string[]) ?? [])
        if (!x.data.labels.some((l) => l.name === name)) x.data.labels.push({ name });
      return { status: 200, body: x.data.labels };
    }
    if ((m = /^\/issues\/(\d+)\/labels\/(.+)$/.exec(rest)) && method === "DELETE") {
      const x = pull(m[1]);
      const name = decodeURIComponent(m[2] ?? "");
      if (!x || !x.data.labels.some((l) => l.name === name)) return notFound;
      x.data.labels = x.data.labels.filter((l) => l.name !== name);
      return { status: 200, body: x.data.labels };
    }
    if ((m = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest)) && (method === "POST" || method === "DELETE")) {
      const x = pull(m[1]);
      if (!x) return notFound;
      const users = (body?.reviewers as string[] | undefined) ?? [];
      const teams = (body?.team_reviewers as string[] | undefined) ?? [];
      if (method === "DELETE") {
        x.data.requested_reviewers = x.data.requested_reviewers.filter((u) => !users.includes(u.login));
        x.data.requested_teams = x.data.requested_teams.filter((t) => !teams.includes(t.slug));
        return { status: 200, body: x.data };
      }
      if (users.some((u) => s.notCollaborators.has(u)))
        return { status: 422, body: { message: "Reviews may only be requested from collaborators." } };
      for (const login of users)
        if (!x.data.requested_reviewers.some((u) => u.login === login)) x.data.requested_reviewers.push({ login });
      for (const slug of teams)
        if (!x.data.requested_teams.some((t) => t.slug === slug)) x.data.requested_teams.push({ slug });
      return { status: 201, body: x.data };
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest)) && method === "POST") {
      const x = pull(m[1]);
      if (!x) return notFound;
      const comment = {
        id: this.#nextId++,
        body: String(body?.body ?? ""),
        user: { login: "github-actions[bot]", type: "Bot" },
      };
      x.comments.push(comment);
      return { status: 201, body: comment };
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest)) && method === "PATCH") {
      const comment = [...s.pulls.values()].flatMap((x) => x.comments).find((c) => c.id === Number(m?.[1]));
      if (!comment) return notFound;
      comment.body = String(body?.body ?? "");
      return { status: 200, body: comment };
    }
    if ((m = /^\/statuses\/([0-9a-f]+)$/.exec(rest)) && method === "POST") {
      const list = s.statuses.get(m[1] ?? "") ?? [];
      list.push(body as { state: string; context: string; description: string });
      s.statuses.set(m[1] ?? "", list);
      return { status: 201, body };
    }
    return notFound;
  }
}
