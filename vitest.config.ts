import { defineConfig } from "vitest/config";

// One project per package plus the simulation suite; workspace packages resolve to their
// TypeScript sources through the "@millrace/source" export condition, so nothing is built first.
export default defineConfig({
  test: {
    projects: ["packages/*", "test/sim"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
