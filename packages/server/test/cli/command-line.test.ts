import { describe, expect, it } from "vitest";
import {
  UsageError,
  connectionFlags,
  expectPositionals,
  flagValue,
  flagValues,
  hasSwitch,
  integerFlag,
  keyValueFlags,
  parseCommandLine,
  type CommandSpec,
} from "../../src/cli/command-line.js";
import { connectionOf, defaultEndpoint } from "../../src/cli/cluster-connection.js";

const usage = "usage: millrace test\n";
const spec: CommandSpec = {
  usage,
  flags: { ...connectionFlags, max: "value", tag: "list", delete: "switch" },
};

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a usage error");
}

describe("parseCommandLine", () => {
  it("takes values as --name v and --name=v, lists repeated, switches alone, positionals in order", () => {
    const line = parseCommandLine(
      ["q", "--max", "3", "--tag=a=1", "b", "--tag", "c=2", "--delete", "--endpoint=h:1"],
      spec,
    );
    expect(line.positional).toEqual(["q", "b"]);
    expect(flagValue(line, "max")).toBe("3");
    expect(flagValues(line, "tag")).toEqual(["a=1", "c=2"]);
    expect(hasSwitch(line, "delete")).toBe(true);
    expect(flagValues(line, "endpoint")).toEqual(["h:1"]);
  });

  it("never lets a switch swallow the next word", () => {
    const line = parseCommandLine(["--delete", "q"], spec);
    expect(line.positional).toEqual(["q"]);
    expect(hasSwitch(line, "delete")).toBe(true);
  });

  it("treats everything after -- as positional, so bodies may start with dashes", () => {
    const line = parseCommandLine(["q", "--", "--max", "-"], spec);
    expect(line.positional).toEqual(["q", "--max", "-"]);
    expect(flagValue(line, "max")).toBeUndefined();
  });

  it("keeps a lone - as a positional (stdin)", () => {
    expect(parseCommandLine(["q", "-"], spec).positional).toEqual(["q", "-"]);
  });

  it.each([
    [["--nope"], "unknown flag --nope"],
    [["--nope=1"], "unknown flag --nope"],
    [["--max"], "--max needs a value"],
    [["--max", "--delete"], "--max needs a value"],
    [["--max", "1", "--max=2"], "--max given twice"],
    [["--delete=yes"], "--delete takes no value"],
  ])("refuses %j: %s", (args, message) => {
    const error = usageError(() => parseCommandLine(args, spec));
    expect(error.message).toBe(message);
    expect(error.usage).toBe(usage);
    expect(error.helpRequested).toBe(false);
  });

  it.each([["--help"], ["-h"]])("answers %s with a help request carrying the usage", (flag) => {
    const error = usageError(() => parseCommandLine(["q", flag, "--nope"], spec));
    expect(error.helpRequested).toBe(true);
    expect(error.usage).toBe(usage);
  });
});

describe("positionals and typed flags", () => {
  it("expectPositionals names the missing or the extra argument", () => {
    const line = (args: string[]) => parseCommandLine(args, spec);
    expect(expectPositionals(line(["a", "b"]), ["x", "y"], usage)).toEqual(["a", "b"]);
    expect(usageError(() => expectPositionals(line(["a"]), ["x", "y"], usage)).message).toBe("missing <y>");
    expect(usageError(() => expectPositionals(line(["a", "b"]), ["x"], usage)).message).toBe(
      'unexpected argument "b"',
    );
  });

  it("integerFlag accepts decimal integers in range only", () => {
    const range = { min: 1, max: 10 };
    expect(integerFlag(parseCommandLine([], spec), "max", range, usage)).toBeUndefined();
    expect(integerFlag(parseCommandLine(["--max", "10"], spec), "max", range, usage)).toBe(10);
    for (const bad of ["0", "11", "-1", "1.5", "1e1", "ten", ""]) {
      const error = usageError(() =>
        integerFlag(parseCommandLine([`--max=${bad}`], spec), "max", range, usage),
      );
      expect(error.message).toBe("--max must be an integer in [1, 10]");
    }
  });

  it("keyValueFlags splits at the first = and refuses keys without values or given twice", () => {
    expect(keyValueFlags(parseCommandLine(["--tag", "a=b=c", "--tag", "d="], spec), "tag", usage)).toEqual({
      a: "b=c",
      d: "",
    });
    expect(
      usageError(() => keyValueFlags(parseCommandLine(["--tag", "a"], spec), "tag", usage)).message,
    ).toBe('--tag takes Key=Value, not "a"');
    expect(
      usageError(() => keyValueFlags(parseCommandLine(["--tag", "=v"], spec), "tag", usage)).message,
    ).toBe('--tag takes Key=Value, not "=v"');
    expect(
      usageError(() => keyValueFlags(parseCommandLine(["--tag", "a=1", "--tag=a=2"], spec), "tag", usage))
        .message,
    ).toBe("--tag sets a twice");
  });
});

describe("connectionOf", () => {
  it("defaults to 127.0.0.1:7400 and the SDK's deadlines", () => {
    expect(connectionOf(parseCommandLine([], spec), usage)).toEqual({
      endpoints: [defaultEndpoint],
      deadlineMs: undefined,
    });
    expect(defaultEndpoint).toBe("127.0.0.1:7400");
  });

  it("takes repeated endpoints in order and a deadline", () => {
    const line = parseCommandLine(["--endpoint", "a:1", "--endpoint=[::1]:2", "--deadline-ms", "2500"], spec);
    expect(connectionOf(line, usage)).toEqual({ endpoints: ["a:1", "[::1]:2"], deadlineMs: 2500 });
  });

  it.each([
    [["--endpoint", "nohost"], '--endpoint must be host:port, not "nohost"'],
    [["--endpoint", "a:b"], '--endpoint must be host:port, not "a:b"'],
    [["--deadline-ms", "0"], "--deadline-ms must be an integer in [1, 2147483647]"],
    [["--deadline-ms", "soon"], "--deadline-ms must be an integer in [1, 2147483647]"],
  ])("refuses %j", (args, message) => {
    expect(usageError(() => connectionOf(parseCommandLine(args, spec), usage)).message).toBe(message);
  });
});
