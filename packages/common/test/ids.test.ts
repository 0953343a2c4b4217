import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  checkQueueName,
  isFifoName,
  isValidBatchEntryId,
  isValidQueueName,
  MillraceError,
} from "../src/index.js";

const nameCharacter = fc.constantFrom(..."abcXYZ019-_");

describe("queue names", () => {
  it("accept 1 to 80 characters of A-Z, a-z, 0-9, - and _, with the .fifo suffix counting toward 80", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: nameCharacter, minLength: 1, maxLength: 90 }),
        fc.boolean(),
        (base, fifo) => {
          const name = fifo ? `${base}.fifo` : base;
          expect(isValidQueueName(name)).toBe(name.length <= 80);
          expect(isFifoName(name)).toBe(fifo);
        },
      ),
    );
  });

  it("refuse empty names, a bare suffix, dots elsewhere and other characters", () => {
    for (const name of ["", ".fifo", "orders.v2", "orders queue", "orders/east", "ördrers", "orders.FIFO"]) {
      expect(isValidQueueName(name)).toBe(false);
    }
  });

  it("checkQueueName throws INVALID_ARGUMENT naming the field, without echoing the name", () => {
    const hostile = "x".repeat(10_000);
    let thrown: unknown;
    try {
      checkQueueName(hostile, "CreateQueueRequest.queue_name");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MillraceError);
    const error = thrown as MillraceError;
    expect(error.code).toBe("INVALID_ARGUMENT");
    expect(error.details.field).toBe("CreateQueueRequest.queue_name");
    expect(error.message).not.toContain(hostile);
    expect(() => checkQueueName("orders.fifo")).not.toThrow();
  });
});

describe("batch entry ids", () => {
  it("accept 1 to 80 characters of A-Z, a-z, 0-9, - and _ only", () => {
    expect(isValidBatchEntryId("msg-1_A")).toBe(true);
    expect(isValidBatchEntryId("a".repeat(80))).toBe(true);
    expect(isValidBatchEntryId("a".repeat(81))).toBe(false);
    expect(isValidBatchEntryId("")).toBe(false);
    expect(isValidBatchEntryId("msg.1")).toBe(false);
  });
});
