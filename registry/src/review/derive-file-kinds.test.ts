import { describe, expect, it } from "vitest";
import { deriveFileKinds } from "./derive-file-kinds.ts";

const released = (id: string) => ({ id, maintainers: ["m"], onBase: true, active: true });

describe("deriveFileKinds (kinds from GitHub's file list when the check's result is not trusted)", () => {
  it("a folder not on the base branch is a new app, whatever its files", () => {
    expect(deriveFileKinds([{ path: "apps/evil/icon.svg", status: "added" }], [])).toEqual(
      new Map([["evil", ["new-app"]]]),
    );
  });

  it("version files: added is new-version, removed is deletion, modified is metadata-edit; a rename is both sides", () => {
    const files = [
      { path: "apps/wp/versions/helm/2.0.0.yaml", status: "added" as const },
      { path: "apps/db/versions/helm/1.0.0.yaml", status: "removed" as const },
      { path: "apps/kv/versions/helm/1.0.0.yaml", status: "modified" as const },
      {
        path: "apps/mv/versions/helm/1.0.1.yaml",
        previousPath: "apps/mv/versions/helm/1.0.0.yaml",
        status: "renamed" as const,
      },
    ];
    expect(deriveFileKinds(files, ["wp", "db", "kv", "mv"].map(released))).toEqual(
      new Map([
        ["wp", ["new-version"]],
        ["db", ["deletion"]],
        ["kv", ["metadata-edit"]],
        ["mv", ["new-version", "deletion"]],
      ]),
    );
  });

  it("a changed app.yaml may move its maintainers: metadata-edit and ownership-transfer; removed: deletion; paths outside apps/ are left to registry-change", () => {
    const files = [
      { path: "apps/wp/app.yaml", status: "modified" as const },
      { path: "apps/db/app.yaml", status: "removed" as const },
      { path: "schema/app.schema.json", status: "modified" as const },
    ];
    expect(deriveFileKinds(files, ["wp", "db"].map(released))).toEqual(
      new Map([
        ["wp", ["metadata-edit", "ownership-transfer"]],
        ["db", ["deletion"]],
      ]),
    );
  });
});
