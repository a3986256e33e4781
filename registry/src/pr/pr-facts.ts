import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { NativeName } from "../names/native-names.ts";
import type { FileChange } from "./file-change.ts";
import type { OwnedName } from "./check-names.ts";

/**
 * Everything {@link decidePr} needs to judge a pull request, gathered by the I/O shell
 * (`cli/commands/check-pr.ts` through `git/`) and passed in as data: no file system, Git
 * or network access happens in `pr/`.
 */
export interface PrFacts {
  /** GitHub login of the pull request's author; ownership is not checked when undefined. */
  author: string | undefined;
  /** Every path changed between the merge base and head. */
  changes: readonly FileChange[];
  /** Folder names under `apps/` at head (one directory listing, nothing parsed). */
  headAppIds: readonly string[];
  /**
   * Manifests at the merge base by repo path, as listed by `planBaseReads`: the old side
   * of every changed manifest, `app.yaml` of every touched app, and every version file of
   * an app whose other files changed. A path that did not exist there is absent.
   */
  base: ReadonlyMap<string, ParsedYaml>;
  /** Manifests at head by repo path that parsed: at least every manifest of every touched app present at head. */
  head: ReadonlyMap<string, ParsedYaml>;
  /** Registry admins as the BASE branch's review policy lists them (`roles.admin.users`), plus those given (`--admin`). */
  admins?: readonly string[];
  /** Publisher records on the BASE branch that the touched apps name, by id. */
  publishers?: ReadonlyMap<string, PublisherRecord>;
  /** Native names the touched apps claim at head (`index/native-names.ts`). */
  claims?: readonly NativeName[];
  /** Native names held on the BASE branch besides the app ids (which every app holds): declared chart names and Compose project names. */
  ownedNames?: readonly OwnedName[];
  /** The pull request's number, when known (`--pr`): a suspension must name it. */
  pullRequest?: number;
}
