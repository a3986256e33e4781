import type { ParsedYaml } from "../../manifest/parse-yaml.ts";
import type { AppManifest, DeliveryType, VersionManifest } from "../../manifest/types.ts";
import type { Diagnostic } from "../../report/diagnostic.ts";

/** A version file whose content passed its schema. */
export interface VersionFacts {
  parsed: ParsedYaml;
  /** Delivery folder the file sits in. */
  folder: DeliveryType;
  /** File name without `.yaml`. */
  fileVersion: string;
  data: VersionManifest;
}

/**
 * What the semantic rules know about one app. Gathered by the I/O shell
 * (`validate-registry.ts`); rules only read it. Files that failed their schema are left
 * out, so rules can trust the shapes.
 */
export interface AppFacts {
  /** Folder name under `apps/`. */
  folder: string;
  /** `app.yaml`, when it passed its schema. */
  app?: { parsed: ParsedYaml; data: AppManifest };
  /** Version files that passed their schema. */
  versions: VersionFacts[];
  /** Bytes of the icon file, when app.yaml names one that exists. */
  icon?: { file: string; bytes: Buffer };
  /** Category ids of schema/categories.yaml. */
  categories: ReadonlySet<string>;
}

/** A named semantic rule: a pure function from facts to diagnostics. */
export type AppRule = (facts: AppFacts) => Diagnostic[];
