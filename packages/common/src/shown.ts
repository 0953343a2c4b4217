/**
 * An untrusted value (a field of a command read from the log), for an error message. Neither String()
 * nor JSON.stringify() is safe on it: String() throws on an object whose toString is not a function,
 * JSON.stringify() on a BigInt (which msgpack gives for a 64-bit integer), and a throw in apply would take
 * the node down.
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 128));
  if (value === null || ["number", "boolean", "bigint", "undefined"].includes(typeof value))
    return String(value);
  return Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;
}
