import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { AssertionError, BoundedQueue, MillraceError } from "../src/index.js";

interface Item {
  readonly id: number;
  readonly bytes: number;
}

type Operation =
  | { readonly type: "offer"; readonly bytes: number }
  | { readonly type: "tryOffer"; readonly bytes: number }
  | { readonly type: "poll" }
  | { readonly type: "peek" }
  | { readonly type: "drain"; readonly max: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant("offer" as const), bytes: fc.integer({ min: 0, max: 40 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant("tryOffer" as const), bytes: fc.integer({ min: 0, max: 120 }) }),
  },
  { weight: 3, arbitrary: fc.constant({ type: "poll" as const }) },
  { weight: 1, arbitrary: fc.constant({ type: "peek" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant("drain" as const), max: fc.integer({ min: 0, max: 5 }) }),
  },
);

/** The reference: an array and the same two bounds, checked the obvious way. */
class Model {
  readonly items: Item[] = [];
  constructor(
    readonly itemsMax: number,
    readonly bytesMax: number | undefined,
  ) {}

  get bytes(): number {
    return this.bytesMax === undefined ? 0 : this.items.reduce((sum, item) => sum + item.bytes, 0);
  }

  fits(item: Item): boolean {
    const itemBytes = this.bytesMax === undefined ? 0 : item.bytes;
    return (
      this.items.length < this.itemsMax &&
      (this.bytesMax === undefined || this.bytes + itemBytes <= this.bytesMax)
    );
  }
}

function run(queue: BoundedQueue<Item>, model: Model, operations: readonly Operation[]): void {
  let nextId = 0;
  for (const op of operations) {
    switch (op.type) {
      case "offer": {
        const item = { id: nextId++, bytes: op.bytes };
        const fits = model.fits(item);
        expect(queue.offer(item)).toBe(fits);
        if (fits) model.items.push(item);
        break;
      }
      case "tryOffer": {
        const item = { id: nextId++, bytes: op.bytes };
        if (model.fits(item)) {
          queue.tryOffer(item);
          model.items.push(item);
        } else {
          const neverFits = model.bytesMax !== undefined && item.bytes > model.bytesMax;
          expect(() => queue.tryOffer(item)).toThrow(
            expect.objectContaining({ code: neverFits ? "PAYLOAD_TOO_LARGE" : "RESOURCE_EXHAUSTED" }),
          );
        }
        break;
      }
      case "poll":
        expect(queue.poll()).toEqual(model.items.shift());
        break;
      case "peek":
        expect(queue.peek()).toEqual(model.items[0]);
        break;
      case "drain":
        expect(queue.drain(op.max)).toEqual(model.items.splice(0, op.max));
        break;
    }
    expect(queue.size).toBe(model.items.length);
    expect(queue.size).toBeLessThanOrEqual(queue.itemsMax);
    expect(queue.bytes).toBe(model.bytes);
    if (queue.bytesMax !== undefined) expect(queue.bytes).toBeLessThanOrEqual(queue.bytesMax);
    expect(queue.isEmpty).toBe(model.items.length === 0);
  }
  // Whatever remains comes out oldest first.
  expect(queue.drain()).toEqual(model.items);
  expect(queue.size).toBe(0);
  expect(queue.bytes).toBe(0);
}

describe("BoundedQueue", () => {
  it("behaves like a capped FIFO array: never over its item bound, refuses when full, keeps order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(operation, { maxLength: 300 }),
        (itemsMax, operations) => {
          const queue = new BoundedQueue<Item>({ name: "test", itemsMax });
          run(queue, new Model(itemsMax, undefined), operations);
        },
      ),
    );
  });

  it("accounts bytes exactly and refuses an item that would cross the byte bound", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(operation, { maxLength: 300 }),
        (itemsMax, bytesMax, operations) => {
          const queue = new BoundedQueue<Item>({
            name: "test",
            itemsMax,
            bytesMax,
            sizeOf: (item) => item.bytes,
          });
          run(queue, new Model(itemsMax, bytesMax), operations);
        },
      ),
    );
  });

  it("keeps order while its storage grows with the ring wrapped", () => {
    // Bursts of offers and polls move the head around the ring before the queue outgrows its storage.
    const burst = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(
        fc.integer({ min: 17, max: 200 }),
        fc.array(burst, { maxLength: 30 }),
        (itemsMax, bursts) => {
          const queue = new BoundedQueue<number>({ name: "grow", itemsMax });
          const model: number[] = [];
          let next = 0;
          for (const [offers, polls] of bursts) {
            for (let i = 0; i < offers; i++, next++) {
              expect(queue.offer(next)).toBe(model.length < itemsMax);
              if (model.length < itemsMax) model.push(next);
            }
            expect(queue.drain(polls)).toEqual(model.splice(0, polls));
          }
          expect(queue.drain()).toEqual(model);
        },
      ),
    );
  });

  it("reports full and refuses the next item, then accepts again after a poll", () => {
    const queue = new BoundedQueue<string>({ name: "proposals/queue-7", itemsMax: 2 });
    expect(queue.offer("a")).toBe(true);
    expect(queue.offer("b")).toBe(true);
    expect(queue.isFull).toBe(true);
    expect(queue.offer("c")).toBe(false);
    expect(queue.poll()).toBe("a");
    expect(queue.offer("c")).toBe(true);
    expect(queue.drain()).toEqual(["b", "c"]);
  });

  it("throws a retryable RESOURCE_EXHAUSTED naming the queue from tryOffer when full", () => {
    const queue = new BoundedQueue<string>({ name: "proposals/queue-7", itemsMax: 1 });
    queue.tryOffer("a");
    let thrown: unknown;
    try {
      queue.tryOffer("b");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MillraceError);
    const error = thrown as MillraceError;
    expect(error.code).toBe("RESOURCE_EXHAUSTED");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("proposals/queue-7");
    expect(error.details).toEqual({ resource: "proposals/queue-7", limit: 1 });
  });

  it("answers PAYLOAD_TOO_LARGE, not retryable, for an item that could never fit", () => {
    const queue = new BoundedQueue<Uint8Array>({
      name: "inbound",
      itemsMax: 10,
      bytesMax: 8,
      sizeOf: (b) => b.length,
    });
    expect(() => queue.tryOffer(new Uint8Array(9))).toThrow(
      expect.objectContaining({ code: "PAYLOAD_TOO_LARGE", retryable: false }),
    );
    expect(queue.size).toBe(0);
  });

  it("keeps its order across many wrap-arounds of the ring", () => {
    const queue = new BoundedQueue<number>({ name: "ring", itemsMax: 3 });
    const seen: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      expect(queue.offer(i)).toBe(true);
      if (queue.size === 3) seen.push(queue.poll()!);
    }
    seen.push(...queue.drain());
    expect(seen).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
  });

  it("peek leaves the item in place", () => {
    const queue = new BoundedQueue<string>({ name: "q", itemsMax: 2 });
    expect(queue.peek()).toBeUndefined();
    queue.offer("x");
    expect(queue.peek()).toBe("x");
    expect(queue.size).toBe(1);
  });

  it("treats bad bounds, undefined items and bad sizes as programmer errors", () => {
    expect(() => new BoundedQueue({ name: "q", itemsMax: 0 })).toThrow(AssertionError);
    expect(() => new BoundedQueue({ name: "q", itemsMax: 1.5 })).toThrow(AssertionError);
    expect(() => new BoundedQueue({ name: "q", itemsMax: 1, bytesMax: 0, sizeOf: () => 0 })).toThrow(
      AssertionError,
    );
    expect(() => new BoundedQueue<unknown>({ name: "q", itemsMax: 1 }).offer(undefined)).toThrow(
      AssertionError,
    );
    const negative = new BoundedQueue<string>({ name: "q", itemsMax: 1, bytesMax: 10, sizeOf: () => -1 });
    expect(() => negative.offer("x")).toThrow(AssertionError);
    expect(() => negative.drain(-1)).toThrow(AssertionError);
  });
});
