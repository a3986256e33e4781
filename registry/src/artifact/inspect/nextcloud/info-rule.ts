import type { Diagnostic } from "../../../report/diagnostic.ts";
import type { InfoXml } from "./info-xml.ts";

/** What a rule on info.xml gets besides the parsed file. */
export interface InfoRuleContext {
  /** Diagnostic file: `<archive>!<app>/appinfo/info.xml`. */
  file: string;
  /** The info.xml text as written, to find the line of an element. */
  source: string;
  /** Nextcloud's categories from info.xsd; undefined when info.xsd is not available. */
  categories?: readonly string[];
}

/** A named check of info.xml that the schema cannot express. Pure: no I/O. */
export type InfoRule = (info: InfoXml, context: InfoRuleContext) => Diagnostic[];
