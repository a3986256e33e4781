/** Quotes `word` for a POSIX shell when it holds anything beyond safe characters (as the catalog's install steps do). Pure. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line as the user could type it: `NAME=<hidden> … program args…`, values of variables not shown. Pure. */
export function commandLine(program: string, args: readonly string[], variableNames: readonly string[] = []): string {
  return [...variableNames.map((n) => `${n}=…`), program, ...args]
    .map((w, i) => (i < variableNames.length ? w : shellQuote(w)))
    .join(" ");
}
