import { shown } from "@millrace/common";
import { invalid } from "@millrace/gateway";

/** The fields of a forwarded op as a peer's msgpack decodes them. */
export type Fields = Record<string, unknown>;

/** A map of fields (msgpack's objects), not an array, bytes or a scalar. */
export function isFields(value: unknown): value is Fields {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** `value` as a map of fields, or INVALID_ARGUMENT naming `field`. */
export function fieldsOf(value: unknown, field: string): Fields {
  if (!isFields(value)) throw invalid(field, `must be an object, got ${shown(value)}`);
  return value;
}
