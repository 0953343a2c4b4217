import { defineProject } from "vitest/config";

export default defineProject({
  ssr: { resolve: { conditions: ["@millrace/source"] } },
  test: { name: "sim", include: ["**/*.test.ts"], testTimeout: 300_000 },
});
