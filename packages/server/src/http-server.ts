import { createServer, type Server } from "node:http";
import { type NodeMetrics } from "./metrics.js";

export interface HealthSource {
  /** Alive: the process runs and its storage accepts writes. */
  healthy(): { ok: boolean; reason: string };
  /** Ready: caught up and serving (the meta group and this node's groups have leaders, applied ≈ committed). */
  ready(): { ok: boolean; reason: string };
}

/** The node's HTTP port: /metrics, /healthz and /readyz (the AWS-compatible API and console join later). */
export function startHttpServer(options: {
  host: string;
  port: number;
  metrics: NodeMetrics;
  health: HealthSource;
}): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET") {
      res.writeHead(405, { "content-type": "text/plain" }).end("method not allowed\n");
      return;
    }
    if (path === "/metrics") {
      options.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": options.metrics.registry.contentType }).end(text),
        (error: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(`${error.message}\n`),
      );
      return;
    }
    if (path === "/healthz" || path === "/readyz") {
      const { ok, reason } = path === "/healthz" ? options.health.healthy() : options.health.ready();
      res
        .writeHead(ok ? 200 : 503, { "content-type": "text/plain" })
        .end(`${ok ? "ok" : "not ok"}: ${reason}\n`);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
