/**
 * Enforces the package table of DESIGN.md: dependencies point downward only, and a package never imports
 * one above it. Run with `npx tsx scripts/check-deps.ts`; exits 1 and lists every violation, else prints
 * one OK line. It checks:
 * - every import, export-from, dynamic import and require of `@millrace/*` in packages/<pkg>/{src,test,bench};
 * - every `@millrace/*` entry in packages/<pkg>/package.json;
 * - relative imports, which may not leave their own package (`../../other/src/x.js`).
 * Tests and benchmarks may also import testkit and the package itself; devDependencies likewise.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** DESIGN.md's "may import" column, shared with eslint.config.js. Update it together with DESIGN.md. */
const allowedImports = JSON.parse(
  readFileSync(new URL("package-deps.json", import.meta.url), "utf8"),
) as DependencyTable;

type DependencyTable = Readonly<Record<string, readonly string[]>>;

/** What tests and benchmarks may import on top of their package's own allowance. */
const testOnlyImports = ["testkit"] as const;
const sourceDirs = ["src", "test", "bench"] as const;
const scope = "@millrace/";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const packagesDir = join(repoRoot, "packages");

const dependencyFields = [
  "dependencies",
  "peerDependencies",
  "optionalDependencies",
  "devDependencies",
] as const;
type Manifest = Partial<Record<(typeof dependencyFields)[number], Record<string, string>>>;

interface Counts {
  files: number;
  imports: number;
}

function main(): number {
  const violations: string[] = [];
  const counts: Counts = { files: 0, imports: 0 };
  const packages = readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const pkg of packages) {
    const allowed = allowedImports[pkg];
    if (allowed === undefined) {
      violations.push(`packages/${pkg} is not in the package table of scripts/check-deps.ts (DESIGN.md)`);
      continue;
    }
    violations.push(...checkManifest(pkg, allowed), ...checkSources(pkg, allowed, counts));
  }
  if (violations.length > 0) {
    console.error(`check-deps: ${violations.length} violation(s) of the DESIGN.md package table:`);
    for (const violation of violations) console.error(`  ${violation}`);
    return 1;
  }
  console.log(
    `check-deps: OK (${packages.length} packages, ${counts.files} files, ${counts.imports} @millrace imports, all allowed by DESIGN.md)`,
  );
  return 0;
}

function checkManifest(pkg: string, allowed: readonly string[]): string[] {
  const manifestPath = join(packagesDir, pkg, "package.json");
  if (!existsSync(manifestPath)) return [`packages/${pkg} has no package.json`];
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  const violations: string[] = [];
  for (const field of dependencyFields) {
    const testOnly = field === "devDependencies";
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (
        !name.startsWith(scope) ||
        isAllowed({ pkg, target: name.slice(scope.length), allowed, testOnly })
      ) {
        continue;
      }
      violations.push(
        `packages/${pkg}/package.json ${field} lists ${name}, which DESIGN.md does not allow for ${pkg}`,
      );
    }
  }
  return violations;
}

function checkSources(pkg: string, allowed: readonly string[], counts: Counts): string[] {
  const packageDir = join(packagesDir, pkg);
  const violations: string[] = [];
  for (const dir of sourceDirs) {
    const testOnly = dir !== "src";
    for (const file of listSourceFiles(join(packageDir, dir))) {
      counts.files += 1;
      const text = readFileSync(file, "utf8");
      const where = (pos: number) => `${toRepoPath(file)}:${lineAt(text, pos)}`;
      for (const { specifier, pos } of importSpecifiers(text)) {
        if (specifier.startsWith(scope)) {
          counts.imports += 1;
          const target = specifier.slice(scope.length).split("/")[0] ?? "";
          if (!isAllowed({ pkg, target, allowed, testOnly })) {
            violations.push(
              `${where(pos)} imports ${scope}${target}, which DESIGN.md does not allow for ${pkg}`,
            );
          }
        } else if (specifier.startsWith(".") && !isInside(resolve(dirname(file), specifier), packageDir)) {
          violations.push(`${where(pos)} imports ${specifier}, which escapes packages/${pkg}`);
        }
      }
    }
  }
  return violations;
}

function isAllowed(options: {
  pkg: string;
  target: string;
  allowed: readonly string[];
  testOnly: boolean;
}): boolean {
  const { pkg, target, allowed, testOnly } = options;
  if (allowed.includes(target)) return true;
  return testOnly && (target === pkg || (testOnlyImports as readonly string[]).includes(target));
}

/** Module specifiers with their positions, as TypeScript's own pre-processor finds them (comments and
 * strings that merely look like imports are not counted). */
function importSpecifiers(text: string): { specifier: string; pos: number }[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((reference) => ({ specifier: reference.fileName, pos: reference.pos }));
}

function isInside(path: string, dir: string): boolean {
  const fromDir = relative(dir, path);
  return fromDir !== ".." && !fromDir.startsWith(`..${sep}`) && !isAbsolute(fromDir);
}

function lineAt(text: string, pos: number): number {
  return text.slice(0, pos).split("\n").length;
}

function toRepoPath(file: string): string {
  return relative(repoRoot, file).split(sep).join("/");
}

function listSourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((entry) => /\.(ts|tsx|mts|cts)$/.test(entry) && !entry.split(sep).includes("node_modules"))
    .map((entry) => join(dir, entry))
    .sort();
}

process.exitCode = main();
