import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import { isMapping } from "../shared/mapping.ts";
import type { ConfigJson } from "./vm-package.ts";

/**
 * The rendered cluster has what the spec's cluster.json.tmpl section marks as required
 * (OpenPitrix packaging spec, "cluster.json.tmpl 文件"). Rule ids:
 * - `vm/template-nodes`: `nodes` is a non-empty list, and each node has a `container`
 *   with its `type` and `image` ("镜像信息，必填项").
 * - `vm/template-role`: with several node kinds, each has a `role`; a role is an `array`
 *   group of config.json's `cluster` ("必须和 config.json 里定义的名字一致").
 *
 * @param rendered the template rendered with config.json defaults, parsed (lines are the template's)
 */
export function checkClusterShape(rendered: ParsedYaml, config: ConfigJson): Diagnostic[] {
  const cluster = rendered.data;
  const nodes = isMapping(cluster) ? cluster.nodes : undefined;
  if (!Array.isArray(nodes) || nodes.length === 0) {
    return [
      error(
        "vm/template-nodes",
        rendered.file,
        rendered.locate(["nodes"]),
        "the cluster template must list its nodes (a non-empty 'nodes' list)",
      ),
    ];
  }
  const roles = new Set(
    config.properties
      .find((item) => item.key === "cluster")
      ?.properties?.filter((item) => item.type === "array")
      .map((item) => item.key),
  );
  return nodes.flatMap((node, index): Diagnostic[] => {
    const at = rendered.locate(["nodes", index]);
    if (!isMapping(node)) return [error("vm/template-nodes", rendered.file, at, `nodes[${index}] must be a mapping`)];
    const problems: Diagnostic[] = [];
    const container = node.container;
    if (!isMapping(container) || typeof container.type !== "string" || typeof container.image !== "string") {
      problems.push(
        error(
          "vm/template-nodes",
          rendered.file,
          rendered.locate(["nodes", index, "container"]),
          `nodes[${index}] needs a container with its type (e.g. docker) and image`,
        ),
      );
    }
    if (node.role === undefined && nodes.length > 1)
      problems.push(
        error(
          "vm/template-role",
          rendered.file,
          at,
          `nodes[${index}] needs a role: the cluster has several kinds of node`,
        ),
      );
    if (node.role !== undefined && !roles.has(String(node.role))) {
      problems.push(
        error(
          "vm/template-role",
          rendered.file,
          rendered.locate(["nodes", index, "role"]),
          `role '${String(node.role)}' is not a group of config.json's cluster (roles there: ${[...roles].join(", ") || "none"})`,
        ),
      );
    }
    return problems;
  });
}
