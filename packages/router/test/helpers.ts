import { MemoryKeyspace } from "@millrace/testkit";
import { MetaStateMachine, encodeMetaCommand, type MetaCommand, type MetaResult } from "../src/index.js";
import { type ApplyResult } from "@millrace/common";

/** A meta state machine over a memory keyspace, applying commands at consecutive indexes. */
export class Harness {
  meta = new MetaStateMachine();
  readonly ks = new MemoryKeyspace();
  private index = 0;

  run(command: MetaCommand): ApplyResult<MetaResult> {
    this.index += 1;
    return this.meta.apply(this.index, encodeMetaCommand(command), this.ks);
  }

  /** Applies and asserts success, returning the result value. */
  ok(command: MetaCommand): MetaResult {
    const result = this.run(command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.code} ${result.message}`);
    return result.value;
  }

  /** A fresh state machine restored from this keyspace, as after a restart. */
  async restarted(): Promise<MetaStateMachine> {
    const restored = new MetaStateMachine();
    await restored.restore(this.ks);
    return restored;
  }
}

export interface NodeSpec {
  readonly zone?: string;
}

/** Bootstraps with the first three nodes (or fewer) as founders, then joins the rest. */
export function cluster(nodes: readonly NodeSpec[], nowMs = 1_000): Harness {
  const h = new Harness();
  const founders = nodes.slice(0, Math.min(3, nodes.length));
  h.ok({
    type: "bootstrap",
    clusterId: "c-1",
    nowMs,
    nodes: founders.map((spec, i) => ({
      nodeId: i + 1,
      peerAddress: `p${i + 1}`,
      clientAddress: `c${i + 1}`,
      httpAddress: `h${i + 1}`,
      ...(spec.zone === undefined ? {} : { zone: spec.zone }),
    })),
    groups: [
      { groupId: 1, kind: "meta", voters: founders.map((_, i) => i + 1) },
      { groupId: 2, kind: "log", voters: founders.map((_, i) => i + 1) },
    ],
  });
  for (const [i, spec] of nodes.entries()) {
    if (i < founders.length) continue;
    h.ok({
      type: "register-node",
      nowMs,
      joinToken: `t${i + 1}`,
      peerAddress: `p${i + 1}`,
      clientAddress: `c${i + 1}`,
      httpAddress: `h${i + 1}`,
      ...(spec.zone === undefined ? {} : { zone: spec.zone }),
    });
  }
  return h;
}

/** Everything the state machine holds, in a comparable order. */
export function dump(meta: MetaStateMachine): unknown {
  const sorted = <T>(map: ReadonlyMap<unknown, T>): T[] =>
    [...map.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([, v]) => v);
  return {
    cluster: meta.cluster,
    nodes: sorted(meta.nodes),
    groups: sorted(meta.groups),
    resources: sorted(meta.resources),
    tombstones: sorted(meta.tombstones),
    moveTasks: sorted(meta.moveTasks),
  };
}
