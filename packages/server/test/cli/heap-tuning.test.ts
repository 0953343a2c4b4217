import { describe, expect, it } from "vitest";
import { tuneHeap } from "../../src/cli/heap-tuning.js";

describe("a broker node's heap growing factor", () => {
  it("is set when the node's command line names none", () => {
    expect(tuneHeap([])).toBe(true);
    expect(tuneHeap(["--conditions=@millrace/source", "--import", "tsx", "--cpu-prof"])).toBe(true);
  });

  it("is left to the operator who names one, in either spelling and either form", () => {
    expect(tuneHeap(["--heap-growing-percent=50"])).toBe(false);
    expect(tuneHeap(["--heap_growing_percent=50"])).toBe(false);
    expect(tuneHeap(["--heap-growing-percent", "50"])).toBe(false);
  });

  it("does not mistake a longer flag for it", () => {
    expect(tuneHeap(["--heap-growing-percentage-of-something=1"])).toBe(true);
  });
});
