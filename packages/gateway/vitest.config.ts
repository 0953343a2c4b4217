import { defineProject } from "vitest/config";

export default defineProject({
  ssr: { resolve: { conditions: ["@millrace/source"] } },
  test: { name: "gateway", include: ["test/**/*.test.ts"] },
});
