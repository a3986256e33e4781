import { error } from "../../report/diagnostic.ts";
import type { AppRule } from "./facts.ts";

/** `app/id-matches-folder`: app.yaml's id equals its folder name (so ids are unique by construction). */
export const appIdMatchesFolder: AppRule = ({ folder, app }) => {
  if (app?.data.id === undefined || app.data.id === folder) return [];
  return [
    error(
      "app/id-matches-folder",
      app.parsed.file,
      app.parsed.locate(["id"]),
      `id is '${app.data.id}' but the app folder is '${folder}'; they must be equal`,
      `set id: ${folder}, or move the app to apps/${app.data.id}/`,
    ),
  ];
};
