import { describe, expect, it } from "vitest";
import { readContributors } from "./read-contributors.ts";

describe("readContributors", () => {
  it("linked authors, no-reply trailer co-authors by login, everybody else as unknown people", () => {
    const got = readContributors([
      {
        author: { login: "ann" },
        commit: {
          message:
            "Add app\n\nCo-authored-by: Bo <7+bo-dev@users.noreply.github.com>\nco-authored-by: Cy <cy@users.noreply.github.com>\nCo-Authored-By: Di <di@example.org>",
          author: { name: "Ann", email: "ann@example.org" },
        },
      },
      { author: null, commit: { message: "fix", author: { name: "Eve", email: "eve@example.org" } } },
      { author: { login: "ann" }, commit: { message: "Not a trailer: Co-authored-by Bo <x@y.z> in prose" } },
    ]);
    expect(got).toEqual({
      commitAuthors: ["ann"],
      coAuthors: ["bo-dev", "cy"],
      unknownContributors: ["Di <di@example.org>", "Eve <eve@example.org>"],
    });
  });
});
