/**
 * CI entry point of the `test-deployment` workflow: reads the pull-request check result
 * (`appshelf check-pr --result`) and stages the changed Helm charts and Compose files for
 * a real test deployment (see registry/src/deploy/stage-test-deployment.ts).
 *
 * Usage: node scripts/stage-test-deployment.ts <pr-check.json> <out-dir>
 */
import { readFile } from "node:fs/promises";
import { type PrResult, stageTestDeployment } from "../registry/src/api.ts";

const [resultFile, out] = process.argv.slice(2);
if (!resultFile || !out) {
  process.stderr.write("usage: node scripts/stage-test-deployment.ts <pr-check.json> <out-dir>\n");
  process.exit(2);
}
const result = JSON.parse(await readFile(resultFile, "utf8")) as PrResult;
const staged = await stageTestDeployment(process.cwd(), result, out);
for (const s of staged)
  process.stdout.write(
    `${s.delivery}\t${s.app} ${s.version}\t${s.file}${s.kubeVersion ? `\tKubernetes ${s.kubeVersion}` : ""}\n`,
  );
if (staged.length === 0) process.stdout.write("nothing to deploy: no Helm or Compose version changed\n");
