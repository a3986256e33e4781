import type { ParsedYaml } from "../../manifest/parse-yaml.ts";
import type { AppManifest, DeliveryType, VersionManifest } from "../../manifest/types.ts";
import type { Diagnostic } from "../../report/diagnostic.ts";

/**
 * A version file. `data` keeps only the top-level properties that passed the schema, so
 * rules can trust each property that is present; `valid` says the whole file passed.
 */
export interface VersionFacts {
  parsed: ParsedYaml;
  /** Delivery folder the file sits in. */
  folder: DeliveryType;
  /** File name without `.yaml`. */
  fileVersion: string;
  data: Partial<VersionManifest>;
  valid: boolean;
}

/**
 * What the semantic rules know about one app. Gathered by `validateAppFiles`
 * (`validate-app.ts`); rules only read it. Properties that failed their schema are
 * left out (see {@link VersionFacts}), so every rule still runs and reports in one pass.
 */
export interface AppFacts {
  /** Folder name under `apps/`. */
  folder: string;
  /** `app.yaml`, when it parsed; `data` holds its schema-valid top-level properties. */
  app?: { parsed: ParsedYaml; data: Partial<AppManifest>; valid: boolean };
  /** Version files that parsed. */
  versions: VersionFacts[];
  /** Bytes of the icon file, when app.yaml names one that exists. */
  icon?: { file: string; bytes: Buffer };
  /** Category ids of schema/categories.yaml. */
  categories: ReadonlySet<string>;
}

/** A named semantic rule: a pure function from facts to diagnostics. */
export type AppRule = (facts: AppFacts) => Diagnostic[];
