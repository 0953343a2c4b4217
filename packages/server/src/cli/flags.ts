/** Splits `--name value` and `--name=value` flags from positional arguments; `--flag` alone means "true". */
export function parseFlags(args: readonly string[]): { flags: Record<string, string>; positional: string[] } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    if (eq >= 0) {
      flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (i + 1 < args.length && !(args[i + 1] as string).startsWith("--")) {
      flags[arg.slice(2)] = args[++i] as string;
    } else {
      flags[arg.slice(2)] = "true";
    }
  }
  return { flags, positional };
}
