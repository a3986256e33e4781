import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["registry/**/*.test.ts", "site/test/**/*.test.ts"],
    // Builds of the site take a while on 2 cores; no test asserts on time.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
