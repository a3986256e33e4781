import { runHelm } from "../../artifact/helm-tool/run-helm.ts";
import { sharedHelm } from "../../artifact/helm-tool/resolve-helm.ts";

/**
 * Verifies a chart's provenance with the real Helm client: `helm verify --keyring <keyring>
 * <chart>` with the `.prov` beside the archive (Helm checks the OpenPGP signature against
 * the keyring, then the archive's SHA-256 against the signed `files:`). Helm comes from the
 * engine's resolver (`resolveHelm`: $APPSHELF_HELM, PATH, or the bundled binary).
 *
 * @param keyring path of an OpenPGP public keyring (binary, as `gpg --export` writes it)
 * @param fileName the archive's file name, the name its `.prov` lists
 * @returns undefined when Helm accepts it, else Helm's reason
 * @throws Error when no Helm binary can be found (a keyring was asked for: never skipped)
 */
export async function verifyWithHelm(
  keyring: string,
  fileName: string,
  chart: Buffer,
  prov: Buffer,
): Promise<string | undefined> {
  const helm = await sharedHelm();
  if (!helm)
    throw new Error(
      "no Helm binary was found ($APPSHELF_HELM, helm on PATH, or the bundled one), so .prov signatures cannot be verified with --helm-keyring",
    );
  const run = await runHelm(helm.path, ["verify", "--keyring", keyring, "{chart}"], {
    fileName,
    bytes: chart,
    beside: new Map([[`${fileName}.prov`, prov]]),
  });
  if (run.code === 0) return undefined;
  return (run.stderr.trim() || run.stdout.trim() || `helm verify exited with ${run.code ?? run.cut}`)
    .split("\n")
    .at(-1);
}
