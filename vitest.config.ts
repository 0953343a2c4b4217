import { defineConfig } from "vitest/config";

// One project per package plus the simulation suite and the cluster tests (real node processes);
// workspace packages resolve to their TypeScript sources through the "@millrace/source" export
// condition, so nothing is built first.
export default defineConfig({
  test: {
    projects: ["packages/*", "test/sim", "test/cluster"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
