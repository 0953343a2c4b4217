import { defineProject } from "vitest/config";

// Each test file starts real `millrace node` processes; on a 2-core machine they run one file at a time.
export default defineProject({
  ssr: { resolve: { conditions: ["@millrace/source"] } },
  test: {
    name: "cluster",
    include: ["**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
