import { error } from "../../report/diagnostic.ts";
import type { AppRule } from "./facts.ts";

/**
 * `version/file-name`: the file is named after the version inside it
 * (`versions/<delivery>/<version>.yaml`), and `version/delivery-folder`: it sits in the
 * folder of its delivery type.
 */
export const versionFileMatches: AppRule = ({ versions }) =>
  versions.flatMap(({ parsed, folder, fileVersion, data }) => [
    ...(data.version === undefined || data.version === fileVersion
      ? []
      : [
          error(
            "version/file-name",
            parsed.file,
            parsed.locate(["version"]),
            `version is '${data.version}' but the file is named '${fileVersion}.yaml'; they must be equal`,
            `rename the file to ${data.version}.yaml or fix the version`,
          ),
        ]),
    ...(data.delivery === undefined || data.delivery === folder
      ? []
      : [
          error(
            "version/delivery-folder",
            parsed.file,
            parsed.locate(["delivery"]),
            `delivery is '${data.delivery}' but the file is in versions/${folder}/`,
            `move the file to versions/${data.delivery}/`,
          ),
        ]),
  ]);
