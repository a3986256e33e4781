#!/usr/bin/env node
// The `appshelf` command of the installable client package: the compiled client
// (build/, made by `npm pack`'s prepack step from registry/src with the project's TypeScript).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`appshelf needs Node >= 22.12 (this is ${process.version}).\n`);
  process.exit(2);
}
const { clientMain } = await import("../build/registry/src/cli/client-main.js");
await clientMain(process.argv);
