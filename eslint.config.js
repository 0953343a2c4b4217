// @ts-check
import js from "@eslint/js";
import { readFileSync } from "node:fs";
import { URL } from "node:url";
import tseslint from "typescript-eslint";

// DESIGN.md's package table: which workspace packages each package's sources may import.
/** @type {Record<string, string[]>} */
const packageDeps = JSON.parse(readFileSync(new URL("scripts/package-deps.json", import.meta.url), "utf8"));

// The Raft core and the state machines must behave identically on every replica and under the
// simulator, so their sources may not reach for wall clocks, timers, randomness, the process or
// Node's built-in modules. Time arrives as ticks or log-stamped values; randomness as an injected Random.
const deterministicSources = [
  "packages/raft/src/**/*.ts",
  "packages/broker/src/**/*.ts",
  "packages/router/src/**/*.ts",
];
const nondeterministicGlobals = [
  "Date",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
  "queueMicrotask",
  "performance",
  "process",
  "crypto",
].map((name) => ({ name, message: `${name} is nondeterministic; inject it (Clock, Random) instead.` }));

const builtinPatterns = [
  { group: ["node:*"], message: "Deterministic packages may not import Node built-ins." },
  {
    regex:
      "^(fs|os|net|http|https|crypto|child_process|worker_threads|timers|perf_hooks|dgram|cluster|process)(/.*)?$",
    message: "Deterministic packages may not import Node built-ins.",
  },
];
const deterministicPackages = ["raft", "broker", "router"];

/** Sources of each package may import only the workspace packages DESIGN.md allows (tests may add testkit). */
const packageBoundaries = Object.entries(packageDeps).map(([pkg, allowed]) => {
  const forbidden = Object.keys(packageDeps).filter((other) => other !== pkg && !allowed.includes(other));
  const patterns = forbidden.map((other) => ({
    group: [`@millrace/${other}`, `@millrace/${other}/*`],
    message: `DESIGN.md does not allow ${pkg} to import ${other}.`,
  }));
  if (deterministicPackages.includes(pkg)) patterns.push(...builtinPatterns);
  return {
    files: [`packages/${pkg}/src/**/*.ts`],
    rules: { "no-restricted-imports": patterns.length === 0 ? "off" : ["error", { patterns }] },
  };
});

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "packages/*/src/generated/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["vitest.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "TSEnumDeclaration", message: "Use a const object, not enum." },
      ],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: deterministicSources,
    rules: {
      "no-restricted-globals": ["error", ...nondeterministicGlobals],
      "no-restricted-properties": [
        "error",
        {
          object: "Math",
          property: "random",
          message: "Math.random is nondeterministic; use the injected Random.",
        },
        { object: "globalThis", message: "globalThis reaches nondeterministic globals." },
      ],
    },
  },
  ...packageBoundaries,
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
