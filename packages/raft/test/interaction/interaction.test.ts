import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCases, renderFile, rewriteFile } from "./datadriven.js";
import { InteractionEnv } from "./env.js";

// Scripted protocol traces with golden output, in the style of etcd-io/raft's testdata. Each file is
// one scenario; run with REWRITE=1 to regenerate the expected output after an intended change, then
// read the diff: the golden files are the specification.
const dir = join(import.meta.dirname, "testdata");
const rewrite = process.env["REWRITE"] === "1";

describe("interaction scenarios", () => {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()) {
    it(file, () => {
      const path = join(dir, file);
      const { cases, preambles, trailer } = readCases(path);
      const env = new InteractionEnv();
      const outputs = cases.map((c) => env.handle(c));
      if (rewrite) {
        rewriteFile(path, renderFile(preambles, cases, outputs, trailer));
        return;
      }
      cases.forEach((c, i) => {
        const actual = (outputs[i] ?? "") === "" ? "ok" : outputs[i];
        expect(actual, `${file}:${c.line}: ${c.command}`).toBe(c.expected);
      });
    });
  }
});
