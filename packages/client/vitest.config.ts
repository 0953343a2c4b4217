import { defineProject } from "vitest/config";

export default defineProject({
  ssr: { resolve: { conditions: ["@millrace/source"] } },
  test: { name: "client", include: ["test/**/*.test.ts"] },
});
