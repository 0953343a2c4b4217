/**
 * Strict argument parsing for the SDK-backed commands. `flags.ts` stays as it is for `node`, `start`,
 * `status` and `log`; these commands need repeatable flags, switches that never swallow the next word,
 * and a usage error (exit 2) for anything they do not know.
 */

/** `value`: `--name v` or `--name=v`, at most once; `list`: repeatable; `switch`: `--name` alone. */
export type FlagKind = "value" | "list" | "switch";

export interface CommandSpec {
  /** The command's usage text, printed with every usage error and for `--help`. */
  readonly usage: string;
  readonly flags: Readonly<Record<string, FlagKind>>;
}

export interface CommandLine {
  readonly positional: readonly string[];
  /** Every value given for each flag, in order; a switch that was given holds one "true". */
  readonly flags: ReadonlyMap<string, readonly string[]>;
}

/** Bad usage of a command: main prints the message and `usage` and exits 2 (or 0 for `--help`). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
    readonly helpRequested = false,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** The flags every command that talks to a cluster takes. */
export const connectionFlags = { endpoint: "list", "deadline-ms": "value" } as const satisfies Record<
  string,
  FlagKind
>;

/** Arguments after a bare `--` are positional, so a message body may start with dashes. */
export function parseCommandLine(args: readonly string[], spec: CommandSpec): CommandLine {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === "--help" || arg === "-h") throw new UsageError("", spec.usage, true);
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const kind = spec.flags[name];
    if (kind === undefined) throw new UsageError(`unknown flag --${name}`, spec.usage);
    let value: string;
    if (kind === "switch") {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`, spec.usage);
      value = "true";
    } else if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--"))
        throw new UsageError(`--${name} needs a value`, spec.usage);
      value = next;
      i++;
    }
    const values = flags.get(name) ?? [];
    if (kind === "value" && values.length > 0) throw new UsageError(`--${name} given twice`, spec.usage);
    values.push(value);
    flags.set(name, values);
  }
  return { positional, flags };
}

/** The single value of a `value` flag, if given. */
export function flagValue(line: CommandLine, name: string): string | undefined {
  return line.flags.get(name)?.[0];
}

export function flagValues(line: CommandLine, name: string): readonly string[] {
  return line.flags.get(name) ?? [];
}

export function hasSwitch(line: CommandLine, name: string): boolean {
  return line.flags.has(name);
}

/** Exactly the named positional arguments, or a usage error naming what is missing or extra. */
export function expectPositionals(line: CommandLine, names: readonly string[], usage: string): string[] {
  if (line.positional.length < names.length) {
    throw new UsageError(`missing <${names[line.positional.length] as string}>`, usage);
  }
  if (line.positional.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(line.positional[names.length])}`, usage);
  }
  return [...line.positional];
}

/** An integer flag within [min, max], or undefined when absent. */
export function integerFlag(
  line: CommandLine,
  name: string,
  range: { readonly min: number; readonly max: number },
  usage: string,
): number | undefined {
  const text = flagValue(line, name);
  return text === undefined ? undefined : parseInteger(text, `--${name}`, range, usage);
}

/** A decimal integer within [min, max]; `what` names the flag or argument in the usage error. */
export function parseInteger(
  text: string,
  what: string,
  range: { readonly min: number; readonly max: number },
  usage: string,
): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(`${what} must be an integer in [${range.min}, ${range.max}]`, usage);
  }
  return value;
}

/** `Key=Value` pairs of a list flag as a record; a key given twice is a usage error. */
export function keyValueFlags(line: CommandLine, name: string, usage: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of flagValues(line, name)) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--${name} takes Key=Value, not ${JSON.stringify(item)}`, usage);
    const key = item.slice(0, eq);
    if (Object.hasOwn(pairs, key)) throw new UsageError(`--${name} sets ${key} twice`, usage);
    pairs[key] = item.slice(eq + 1);
  }
  return pairs;
}

/** `host:port`; loose enough for bracketed IPv6 hosts, the server checks the rest. */
export function isHostPort(text: string): boolean {
  return /^\S+:\d{1,5}$/.test(text);
}

export function hostPortFlag(line: CommandLine, name: string, usage: string): string | undefined {
  const value = flagValue(line, name);
  if (value !== undefined && !isHostPort(value)) throw new UsageError(`--${name} must be host:port`, usage);
  return value;
}
