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
const { main } = await import("../registry/src/cli/main.ts");
await main(process.argv);
