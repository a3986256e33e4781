import type { AppsValidation } from "./apps-validation.ts";
import { shareDiagnosticStrings } from "./share-strings.ts";

/**
 * What a batch keeps beyond itself (its diagnostics, layout problems, ledger entries,
 * unavailable versions, claimed names, and each app's index files but their bytes), as fresh copies
 * (`structuredClone`), the rest of `validation` as is. Why: a string read from a manifest
 * is, in V8, a slice of the file's whole text, and a diagnostic's message, a ledger entry's
 * URL or a catalog entry holding one keeps that text alive. Measured at 10,000 apps on one
 * thread: 71 MB of manifest text (every file read) outlived validation. A batch a worker
 * thread posts is copied by `postMessage` already; this is for the batches a thread keeps.
 * The copied diagnostics share their repeated strings (`shareDiagnosticStrings`).
 * Pure; the copies are equal to the originals (same data, same order).
 */
export function detachBatch(validation: AppsValidation): AppsValidation {
  const { diagnostics, layout, ledger, unavailable, index, names } = validation;
  const copy = structuredClone({
    diagnostics,
    layout,
    ledger,
    unavailable,
    index: index?.map(({ files: _bytes, ...rest }) => rest),
    names,
  });
  const detached: AppsValidation = {
    ...validation,
    diagnostics: shareDiagnosticStrings(copy.diagnostics),
    layout: copy.layout,
    ledger: copy.ledger,
    unavailable: copy.unavailable,
  };
  if (copy.names) detached.names = copy.names;
  if (index && copy.index)
    detached.index = copy.index.map((rest, i) => ({ ...rest, files: index[i]?.files ?? new Map<string, Buffer>() }));
  return detached;
}
