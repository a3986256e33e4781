/**
 * Whether this build may use helper threads (Markdown rendered ahead, search index fed off
 * the main thread): yes unless APPSHELF_SITE_HELPERS=off. The output is the same byte for
 * byte either way (site/test/helper-threads-checks.ts compares); "off" keeps the build on
 * one thread, for comparing and for machines without a spare core.
 */
export function helperThreadsOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.APPSHELF_SITE_HELPERS !== "off";
}
