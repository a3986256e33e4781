import { Ajv, type ValidateFunction } from "ajv";

const text = { type: "string" };
const texts = { type: "array", items: text };

/** Field types of package.json (OpenPitrix packaging spec, "package.json 文件"; `op`'s `Metadata`). */
const PACKAGE_JSON_SCHEMA = {
  type: "object",
  required: ["name", "version"],
  properties: {
    apiVersion: text,
    api_version: text,
    name: { type: "string", minLength: 1 },
    version: text,
    app_version: text,
    description: text,
    home: text,
    icon: text,
    screenshots: texts,
    keywords: texts,
    maintainers: {
      type: "array",
      items: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string", minLength: 1 }, email: text },
      },
    },
    sources: texts,
  },
};

/**
 * Shape of config.json (OpenPitrix packaging spec, "config.json 文件" and "数据类型"):
 * every item has a `key` without spaces and a `type`; items nest through `properties`.
 */
const CONFIG_JSON_SCHEMA = {
  definitions: {
    item: {
      type: "object",
      required: ["key", "type"],
      properties: {
        key: { type: "string", pattern: "^\\S+$" },
        type: { enum: ["integer", "number", "string", "password", "boolean", "array"] },
        label: text,
        description: text,
        properties: { type: "array", items: { $ref: "#/definitions/item" } },
        required: { type: "boolean" },
        changeable: { type: "boolean" },
        multichoice: { type: "boolean" },
        separator: text,
        range: { type: "array" },
        min: { type: "number" },
        max: { type: "number" },
        step: { type: "number", exclusiveMinimum: 0 },
        pattern: text,
      },
    },
  },
  type: "object",
  required: ["properties"],
  properties: {
    type: { const: "array" },
    properties: { type: "array", items: { $ref: "#/definitions/item" } },
  },
};

/** A locale file: translations of labels and descriptions, text by text (spec "国际化"). */
const LOCALE_SCHEMA = { type: "object", additionalProperties: { type: "string" } };

let compiled: Record<"packageJson" | "configJson" | "locale", ValidateFunction> | undefined;

/** Validators of the package's JSON files, compiled once (ajv draft-07, all errors, verbose for located diagnostics). */
export function packageSchemas(): Record<"packageJson" | "configJson" | "locale", ValidateFunction> {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    compiled = {
      packageJson: ajv.compile(PACKAGE_JSON_SCHEMA),
      configJson: ajv.compile(CONFIG_JSON_SCHEMA),
      locale: ajv.compile(LOCALE_SCHEMA),
    };
  }
  return compiled;
}
