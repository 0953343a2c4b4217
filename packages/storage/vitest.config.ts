import { defineProject } from "vitest/config";

export default defineProject({
  ssr: { resolve: { conditions: ["@millrace/source"] } },
  test: { name: "storage", include: ["test/**/*.test.ts"] },
});
