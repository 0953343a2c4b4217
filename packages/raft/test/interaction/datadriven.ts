import { readFileSync, writeFileSync } from "node:fs";

/**
 * A small port of cockroachdb/datadriven: a test file is a list of cases, each a command line with
 * arguments, an optional input body, a `----` separator and the expected output, ended by a blank line.
 *
 *     propose 1 foo
 *     ----
 *     ok
 *
 * Lines starting with `#` between cases are comments. Arguments are `key`, `key=value` or
 * `key=(v1,v2)`. With REWRITE=1 in the environment the expected outputs are regenerated in place.
 */
export interface TestCase {
  readonly file: string;
  readonly line: number;
  readonly command: string;
  readonly args: readonly Argument[];
  readonly input: string;
  readonly expected: string;
  /** The exact source text of the command line and input, kept for rewriting. */
  readonly header: string;
}

export interface Argument {
  readonly key: string;
  readonly values: readonly string[];
}

export function parseFile(
  file: string,
  text: string,
): { cases: TestCase[]; preambles: string[]; trailer: string } {
  const lines = text.split("\n");
  const cases: TestCase[] = [];
  const preambles: string[] = [];
  let pending: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === "" || line.startsWith("#")) {
      pending.push(line);
      i++;
      continue;
    }
    const startLine = i + 1;
    const headerLines: string[] = [line];
    i++;
    while (i < lines.length && lines[i] !== "----") headerLines.push(lines[i++] as string);
    if (i >= lines.length) throw new Error(`${file}:${startLine}: missing ---- separator`);
    i++;
    const expectedLines: string[] = [];
    while (i < lines.length && (lines[i] as string) !== "") expectedLines.push(lines[i++] as string);
    const [commandLine, ...inputLines] = headerLines;
    const { command, args } = parseCommandLine(commandLine as string, `${file}:${startLine}`);
    preambles.push(pending.join("\n"));
    pending = [];
    cases.push({
      file,
      line: startLine,
      command,
      args,
      input: inputLines.join("\n"),
      expected: expectedLines.join("\n"),
      header: headerLines.join("\n"),
    });
  }
  return { cases, preambles, trailer: pending.join("\n") };
}

function parseCommandLine(line: string, where: string): { command: string; args: Argument[] } {
  const tokens = line.match(/[^\s=]+=\([^)]*\)|[^\s]+/g) ?? [];
  const [command, ...rest] = tokens;
  if (command === undefined) throw new Error(`${where}: empty command`);
  const args = rest.map((token): Argument => {
    const eq = token.indexOf("=");
    if (eq < 0) return { key: token, values: [] };
    const key = token.slice(0, eq);
    let value = token.slice(eq + 1);
    if (value.startsWith("(") && value.endsWith(")")) {
      value = value.slice(1, -1);
      return { key, values: value === "" ? [] : value.split(/[,\s]+/) };
    }
    return { key, values: [value] };
  });
  return { command, args };
}

/** Renders a file with new outputs, keeping comments and command text as they were. */
export function renderFile(
  preambles: readonly string[],
  cases: readonly TestCase[],
  outputs: readonly string[],
  trailer: string,
): string {
  const blocks = cases.map((c, i) => {
    const comments = trimBlankLines(preambles[i] ?? "");
    const output = (outputs[i] ?? "").replace(/\n+$/, "");
    return `${comments === "" ? "" : `${comments}\n`}${c.header}\n----\n${output === "" ? "ok" : output}\n`;
  });
  const tail = trimBlankLines(trailer);
  if (tail !== "") blocks.push(`${tail}\n`);
  return blocks.join("\n");
}

function trimBlankLines(text: string): string {
  return text
    .replace(/^\s*\n/, "")
    .replace(/\n\s*$/, "")
    .trim() === ""
    ? ""
    : text.replace(/^(\s*\n)+/, "").replace(/(\n\s*)+$/, "");
}

export function readCases(path: string): ReturnType<typeof parseFile> {
  return parseFile(path, readFileSync(path, "utf8"));
}

export function rewriteFile(path: string, text: string): void {
  writeFileSync(path, text);
}

export function argValues(c: TestCase, key: string): readonly string[] | undefined {
  return c.args.find((a) => a.key === key)?.values;
}

export function argInt(c: TestCase, key: string): number | undefined {
  const values = argValues(c, key);
  if (values === undefined) return undefined;
  const value = Number(values[0]);
  if (!Number.isInteger(value)) throw new Error(`${c.file}:${c.line}: ${key} must be an integer`);
  return value;
}

export function argBool(c: TestCase, key: string): boolean | undefined {
  const values = argValues(c, key);
  if (values === undefined) return undefined;
  return values.length === 0 || values[0] === "true";
}

/** Positional arguments: those without a value. */
export function positional(c: TestCase): string[] {
  return c.args.filter((a) => a.values.length === 0).map((a) => a.key);
}
