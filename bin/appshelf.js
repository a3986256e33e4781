#!/usr/bin/env node
// The `appshelf` command. The engine is TypeScript run by Node's built-in type stripping
// (Node >= 22.18); `npx appshelf` and npm scripts use the Node 24 the project installs.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `appshelf needs Node >= 22.18 (this is ${process.version}). Run it through npx or npm scripts, which use the Node installed in node_modules.\n`,
  );
  process.exit(2);
}
// Node's compile cache ($NODE_COMPILE_CACHE, else Node's folder in the temp folder; off with
// NODE_DISABLE_COMPILE_CACHE=1): once cached, the engine loads in about half the CPU time.
const { enableCompileCache } = await import("node:module");
enableCompileCache?.();
const { main } = await import("../registry/src/cli/main.ts");
await main(process.argv);
