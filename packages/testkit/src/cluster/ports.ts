import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Only loopback: cluster tests never listen on or dial anything else. */
export const loopback = "127.0.0.1";

/** Listens on `port` (0: the kernel picks one) on 127.0.0.1 and closes again; resolves with the port, or undefined if taken. */
export function probePort(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen({ host: loopback, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === "object" && address !== null ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/** The kernel's ephemeral port range, from which outgoing connections take their local ports. */
function ephemeralRange(): { low: number; high: number } {
  try {
    const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && Number.isInteger(low) && Number.isInteger(high))
      return { low, high };
  } catch {
    // Not Linux: fall back to the IANA range.
  }
  return { low: 49152, high: 65535 };
}

/**
 * Finds `count` distinct free ports for node processes. A node's ports must stay free while the node is
 * down (between kill and restart), so they are taken below the kernel's ephemeral range when there is room:
 * a port from the ephemeral range (what binding port 0 gives) may meanwhile become the local port of some
 * outgoing connection, and the restart would fail with EADDRINUSE. Ports 7400-7499 (`millrace start`)
 * are avoided. Each candidate is checked by binding it; falls back to port-0 ports when nothing else is
 * found. Bounded: at most 50 candidates per port.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const { low } = ephemeralRange();
  const floor = 20_000;
  const ports: number[] = [];
  const taken = new Set<number>();
  for (let n = 0; n < count; n++) {
    let port: number | undefined;
    for (let attempt = 0; attempt < 50 && port === undefined && low - floor > 1000; attempt++) {
      const candidate = floor + Math.floor(Math.random() * (low - floor));
      if (taken.has(candidate) || (candidate >= 7400 && candidate < 7500)) continue;
      port = await probePort(candidate);
    }
    for (let attempt = 0; attempt < 50 && port === undefined; attempt++) {
      const candidate = await probePort(0);
      if (candidate !== undefined && !taken.has(candidate)) port = candidate;
    }
    if (port === undefined) throw new Error("no free port found on 127.0.0.1");
    taken.add(port);
    ports.push(port);
  }
  return ports;
}
