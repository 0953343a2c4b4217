import { createConnection, createServer, type Server, type Socket } from "node:net";
import { loopback } from "./ports.js";

/**
 * How a cut link behaves: "reset" refuses and resets connections (the sender learns at once, like a
 * rejected packet); "drop" accepts connections and silently discards what flows on them (like a
 * blackholed route: the sender learns nothing until its keepalives or Raft's timeouts notice).
 */
export type CutMode = "reset" | "drop";

export interface LinkStats {
  /** Connections accepted and forwarded. */
  forwarded: number;
  /** Connections reset or blackholed because the link was cut. */
  refused: number;
  /** Bytes forwarded in either direction. */
  bytes: number;
}

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket | undefined;
}

/**
 * One directed peer link of a local cluster: node `from` dials node `to` through this proxy, which
 * forwards to `to`'s real peer port. The peer transport opens one stream per direction (each node dials
 * the peers it sends to), so cutting the link from→to stops exactly the Raft messages `from` sends to
 * `to` (and the acknowledgements `to` returns on that stream). Listens on 127.0.0.1 only.
 */
export class LinkProxy {
  readonly stats: LinkStats = { forwarded: 0, refused: 0, bytes: 0 };
  private server: Server | undefined;
  private listenPort = 0;
  private cutMode: CutMode | undefined = undefined;
  private readonly pairs = new Set<Pair>();
  /** Sockets accepted while the link was cut in "drop" mode (and pairs switched to dropping). */
  private readonly blackholed = new Set<Socket>();

  constructor(
    readonly from: number,
    readonly to: number,
    readonly targetPort: number,
  ) {}

  get port(): number {
    return this.listenPort;
  }

  get cut(): CutMode | undefined {
    return this.cutMode;
  }

  /** Listens on an ephemeral port of 127.0.0.1 (kept for the proxy's whole life, so never raced). */
  async start(): Promise<void> {
    const server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: loopback, port: 0 }, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("proxy has no address");
    this.listenPort = address.port;
    this.server = server;
  }

  /** Cuts the link: current connections are reset (or switched to discarding), new ones too. */
  setCut(mode: CutMode): void {
    this.cutMode = mode;
    for (const pair of [...this.pairs]) {
      this.pairs.delete(pair);
      if (mode === "reset") {
        pair.client.resetAndDestroy();
        pair.upstream?.resetAndDestroy();
      } else {
        this.blackhole(pair.client);
        if (pair.upstream !== undefined) this.blackhole(pair.upstream);
      }
    }
  }

  /** Restores the link. Blackholed connections are reset so the sender reconnects through a clean stream. */
  heal(): void {
    this.cutMode = undefined;
    for (const socket of this.blackholed) socket.resetAndDestroy();
    this.blackholed.clear();
  }

  /** Resets every connection and stops listening. */
  async close(): Promise<void> {
    this.setCut("reset");
    this.heal();
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on("error", () => client.destroy());
    if (this.cutMode === "reset") {
      this.stats.refused += 1;
      client.resetAndDestroy();
      return;
    }
    if (this.cutMode === "drop") {
      this.stats.refused += 1;
      this.blackhole(client);
      return;
    }
    this.stats.forwarded += 1;
    const upstream = createConnection({ host: loopback, port: this.targetPort, noDelay: true });
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", close);
    client.on("error", close);
    upstream.on("close", close);
    client.on("close", close);
    const count = (chunk: Buffer) => {
      this.stats.bytes += chunk.byteLength;
    };
    client.on("data", count);
    upstream.on("data", count);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Keeps the socket open but forwards nothing: whatever arrives is read and thrown away. */
  private blackhole(socket: Socket): void {
    socket.unpipe();
    socket.removeAllListeners("data");
    socket.removeAllListeners("close");
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.blackholed.delete(socket));
    socket.resume();
    this.blackholed.add(socket);
  }
}

/**
 * A proxy for every directed link among a fixed set of node ids (slots, including ids of nodes added
 * later): `addressFor(from, to)` is where node `from` dials node `to`. Partitions cut the links between
 * groups in both directions; `heal()` restores every link.
 */
export class ProxyMesh {
  private readonly links = new Map<string, LinkProxy>();

  private constructor(readonly ids: readonly number[]) {}

  /** Starts one proxy per ordered pair of distinct ids; `peerPortOf(id)` is node id's real peer port. */
  static async start(ids: readonly number[], peerPortOf: (id: number) => number): Promise<ProxyMesh> {
    const mesh = new ProxyMesh(ids);
    try {
      for (const from of ids) {
        for (const to of ids) {
          if (from === to) continue;
          const link = new LinkProxy(from, to, peerPortOf(to));
          await link.start();
          mesh.links.set(key(from, to), link);
        }
      }
    } catch (error) {
      await mesh.close();
      throw error;
    }
    return mesh;
  }

  link(from: number, to: number): LinkProxy {
    const link = this.links.get(key(from, to));
    if (link === undefined) throw new Error(`no proxied link ${from}→${to}`);
    return link;
  }

  /** The peer address node `from` uses for node `to`. */
  addressFor(from: number, to: number): string {
    return `${loopback}:${this.link(from, to).port}`;
  }

  /** Cuts the directed link from→to (one way: `to` may still send to `from`). */
  cut(from: number, to: number, mode: CutMode = "reset"): void {
    this.link(from, to).setCut(mode);
  }

  /** Restores the directed link from→to. */
  restore(from: number, to: number): void {
    this.link(from, to).heal();
  }

  /**
   * Heals everything, then cuts every link between nodes of different groups, both ways. Links of ids
   * not named in any group are left alone.
   */
  partition(groups: readonly (readonly number[])[], mode: CutMode = "reset"): void {
    this.heal();
    const side = new Map<number, number>();
    groups.forEach((group, i) => {
      for (const id of group) {
        if (side.has(id)) throw new Error(`node ${id} is in two sides of the partition`);
        side.set(id, i);
      }
    });
    for (const link of this.links.values()) {
      const a = side.get(link.from);
      const b = side.get(link.to);
      if (a !== undefined && b !== undefined && a !== b) link.setCut(mode);
    }
  }

  /** Cuts node `id` off from every other node, both ways. */
  isolate(id: number, mode: CutMode = "reset"): void {
    for (const link of this.links.values()) if (link.from === id || link.to === id) link.setCut(mode);
  }

  /** Restores every link. */
  heal(): void {
    for (const link of this.links.values()) link.heal();
  }

  /** The directed links currently cut, as "from→to". */
  cutLinks(): string[] {
    return [...this.links.values()].filter((l) => l.cut !== undefined).map((l) => `${l.from}→${l.to}`);
  }

  async close(): Promise<void> {
    await Promise.all([...this.links.values()].map((link) => link.close()));
    this.links.clear();
  }
}

function key(from: number, to: number): string {
  return `${from}>${to}`;
}
