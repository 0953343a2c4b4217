import { readFileSync } from "node:fs";
import { ErrorCode, MillraceError } from "@millrace/common";

/** One bootstrap member: its node id and peer address. */
export interface PeerSpec {
  readonly nodeId: number;
  readonly peerAddress: string;
}

export interface NodeConfig {
  /** This node's id. Required to bootstrap; a joining node gets one from the cluster. */
  readonly nodeId: number | undefined;
  readonly dataDir: string;
  /** Address to bind every port on. */
  readonly host: string;
  /** Address other nodes and clients use to reach this node (defaults to host). */
  readonly advertiseHost: string;
  readonly clientPort: number;
  readonly peerPort: number;
  readonly httpPort: number;
  /** The founding members (including this node) that bootstrap the meta group together. */
  readonly bootstrap: readonly PeerSpec[];
  /** Client address of any member, to join an existing cluster. */
  readonly join: string | undefined;
  readonly tickIntervalMs: number;
  readonly electionTimeoutTicks: number;
  readonly heartbeatIntervalTicks: number;
  readonly logLevel: string;
  /**
   * Peers to dial at these addresses instead of the ones the cluster records (id@host:port, e.g. when a
   * proxy or NAT stands between this node and a peer; the cluster tests put a proxy on every link).
   */
  readonly peerAddressOverrides: readonly PeerSpec[];
  /** Snapshot and compact a group's log after this many applied entries. */
  readonly compactEveryEntries: number;
  /** Entries kept behind a compaction, so briefly lagging followers catch up from the log. */
  readonly compactRetainEntries: number;
  /**
   * Log a group's replicas keep (estimated bytes, per group) for a replica further behind (the leader up
   * to what that follower lacks, followers all they hold while its node is silent), so a node restarted
   * or cut off for a while catches up from the log instead of by a snapshot of the whole group; 0 keeps
   * nothing for it.
   */
  readonly compactLagBytesMax: number;
  /**
   * A node silent this long is dead: the controller re-places its replicas on other nodes. Long enough
   * that a restart or a short partition does not move data; a node that comes back later is moved back.
   */
  readonly deadNodeAfterMs: number;
  /** Optional failure-domain label (rack, zone); placement spreads each group's replicas across zones. */
  readonly zone: string;
}

export const defaultNodeConfig: NodeConfig = {
  nodeId: undefined,
  dataDir: "./data/node",
  host: "127.0.0.1",
  advertiseHost: "",
  clientPort: 7400,
  peerPort: 7401,
  httpPort: 7480,
  bootstrap: [],
  join: undefined,
  // 100 ms ticks and a 1 s election timeout: etcd's defaults, safe on loaded machines and slow disks.
  tickIntervalMs: 100,
  electionTimeoutTicks: 10,
  heartbeatIntervalTicks: 1,
  logLevel: "info",
  peerAddressOverrides: [],
  compactEveryEntries: 10_000,
  compactRetainEntries: 1_000,
  // At this machine's full queue load (about 2 MB/s into each partition) a minute and more of log.
  compactLagBytesMax: 128 * 1024 * 1024,
  deadNodeAfterMs: 60_000,
  zone: "",
};

type Source = Record<string, string | undefined>;

const fields: Record<
  keyof NodeConfig,
  { flag: string; env: string; parse: (value: string, name: string) => unknown }
> = {
  nodeId: { flag: "id", env: "MILLRACE_NODE_ID", parse: (v, n) => integer(v, n, 1, 2 ** 32 - 1) },
  dataDir: { flag: "data-dir", env: "MILLRACE_DATA_DIR", parse: (v) => v },
  host: { flag: "host", env: "MILLRACE_HOST", parse: (v) => v },
  advertiseHost: { flag: "advertise-host", env: "MILLRACE_ADVERTISE_HOST", parse: (v) => v },
  clientPort: { flag: "client-port", env: "MILLRACE_CLIENT_PORT", parse: (v, n) => integer(v, n, 0, 65535) },
  peerPort: { flag: "peer-port", env: "MILLRACE_PEER_PORT", parse: (v, n) => integer(v, n, 0, 65535) },
  httpPort: { flag: "http-port", env: "MILLRACE_HTTP_PORT", parse: (v, n) => integer(v, n, 0, 65535) },
  bootstrap: { flag: "bootstrap", env: "MILLRACE_BOOTSTRAP", parse: parsePeers },
  join: { flag: "join", env: "MILLRACE_JOIN", parse: (v) => v },
  tickIntervalMs: { flag: "tick-ms", env: "MILLRACE_TICK_MS", parse: (v, n) => integer(v, n, 1, 10_000) },
  electionTimeoutTicks: {
    flag: "election-ticks",
    env: "MILLRACE_ELECTION_TICKS",
    parse: (v, n) => integer(v, n, 2, 1000),
  },
  heartbeatIntervalTicks: {
    flag: "heartbeat-ticks",
    env: "MILLRACE_HEARTBEAT_TICKS",
    parse: (v, n) => integer(v, n, 1, 1000),
  },
  logLevel: { flag: "log-level", env: "MILLRACE_LOG_LEVEL", parse: (v) => v },
  peerAddressOverrides: {
    flag: "peer-address-override",
    env: "MILLRACE_PEER_ADDRESS_OVERRIDE",
    parse: parsePeers,
  },
  compactEveryEntries: {
    flag: "compact-every-entries",
    env: "MILLRACE_COMPACT_EVERY_ENTRIES",
    parse: (v, n) => integer(v, n, 1, 2 ** 31 - 1),
  },
  compactRetainEntries: {
    flag: "compact-retain-entries",
    env: "MILLRACE_COMPACT_RETAIN_ENTRIES",
    parse: (v, n) => integer(v, n, 0, 2 ** 31 - 1),
  },
  compactLagBytesMax: {
    flag: "compact-lag-bytes-max",
    env: "MILLRACE_COMPACT_LAG_BYTES_MAX",
    parse: (v, n) => integer(v, n, 0, Number.MAX_SAFE_INTEGER),
  },
  deadNodeAfterMs: {
    flag: "dead-node-after-ms",
    env: "MILLRACE_DEAD_NODE_AFTER_MS",
    parse: (v, n) => integer(v, n, 1_000, 2 ** 31 - 1),
  },
  zone: {
    flag: "zone",
    env: "MILLRACE_ZONE",
    parse: (v) => v,
  },
};

/** The flags `millrace node` accepts, for `--help`. */
export const nodeFlags = Object.values(fields).map((f) => `--${f.flag}`);

/**
 * Builds a node's configuration: defaults, then a JSON config file (--config or MILLRACE_CONFIG), then
 * environment variables, then flags. Every bad value is an INVALID_ARGUMENT naming the setting.
 */
export function loadNodeConfig(flags: Source, env: Source): NodeConfig {
  const config: Record<string, unknown> = { ...defaultNodeConfig };
  const file = flags["config"] ?? env["MILLRACE_CONFIG"];
  if (file !== undefined) Object.assign(config, readConfigFile(file));
  for (const [name, field] of Object.entries(fields)) {
    const fromEnv = env[field.env];
    if (fromEnv !== undefined && fromEnv !== "") config[name] = field.parse(fromEnv, field.env);
    const fromFlag = flags[field.flag];
    if (fromFlag !== undefined) config[name] = field.parse(fromFlag, `--${field.flag}`);
  }
  const result = config as unknown as NodeConfig;
  if (result.advertiseHost === "") (config as { advertiseHost: string }).advertiseHost = result.host;
  if (result.electionTimeoutTicks <= result.heartbeatIntervalTicks) {
    throw invalid("election-ticks", "must be greater than heartbeat-ticks");
  }
  if (result.bootstrap.length > 0 && result.join !== undefined)
    throw invalid("join", "cannot be combined with --bootstrap");
  if (result.bootstrap.length > 0 && result.nodeId === undefined)
    throw invalid("id", "is required with --bootstrap");
  if (result.bootstrap.length > 0 && !result.bootstrap.some((p) => p.nodeId === result.nodeId)) {
    throw invalid("bootstrap", `must include this node (id ${result.nodeId})`);
  }
  return result;
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw invalid("config", `cannot read ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw invalid("config", "must hold a JSON object");
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const field = fields[name as keyof NodeConfig];
    if (field === undefined) throw invalid("config", `unknown setting ${JSON.stringify(name)}`);
    result[name] =
      (name === "bootstrap" || name === "peerAddressOverrides") && Array.isArray(value)
        ? parsePeers(value.join(","), name)
        : field.parse(String(value), name);
  }
  return result;
}

/** Parses `1@127.0.0.1:7401,2@127.0.0.1:7411` into bootstrap members. */
export function parsePeers(value: string, name: string): PeerSpec[] {
  if (value.trim() === "") return [];
  const peers = value.split(",").map((part) => {
    const match = /^(\d+)@([^\s@]+:\d+)$/.exec(part.trim());
    if (match === null) throw invalid(name, `expected id@host:port, got ${JSON.stringify(part)}`);
    return { nodeId: integer(match[1] as string, name, 1, 2 ** 32 - 1), peerAddress: match[2] as string };
  });
  if (new Set(peers.map((p) => p.nodeId)).size !== peers.length) throw invalid(name, "lists a node id twice");
  return peers;
}

function integer(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw invalid(name, `must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return n;
}

function invalid(field: string, message: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, `${field} ${message}`, { details: { field } });
}
