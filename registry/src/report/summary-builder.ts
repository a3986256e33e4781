/** A table cell: HTML text, or a header cell. */
export type SummaryCell = string | { data: string; header?: boolean };

/** The part of `@actions/core`'s `summary` the job-summary writers use (a fake in tests). */
export interface SummaryBuilder {
  addHeading(text: string, level?: number): SummaryBuilder;
  addRaw(text: string, addEOL?: boolean): SummaryBuilder;
  addTable(rows: SummaryCell[][]): SummaryBuilder;
  write(): Promise<unknown>;
}
