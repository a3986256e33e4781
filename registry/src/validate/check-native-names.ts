import { duplicateNames, type NativeName } from "../names/native-names.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";

/**
 * `index/name-taken` (error): two apps claim the same native name (a Helm chart name, a
 * Nextcloud app id, a Compose project name). A native client resolves the name to one
 * package, so publishing both would let one app's users install the other (the catalog's
 * own `helm install wordpress appshelf/wordpress` could fetch an impostor). The app whose
 * id is the name owns it, else the first by id; every other claim is refused, naming the
 * owner. Pure.
 */
export function checkNativeNames(claims: readonly NativeName[]): Diagnostic[] {
  return duplicateNames(claims).map(({ claim, owner }) =>
    error(
      "index/name-taken",
      claim.file,
      undefined,
      `${claim.app} claims the ${claim.kind} name '${claim.name}', which belongs to the app ${owner}: a native client resolves a name to one app`,
      claim.kind === "helm chart"
        ? "publish the chart under its own name (rename it in Chart.yaml and set chart:)"
        : `use a ${claim.kind} name of your own`,
    ),
  );
}
