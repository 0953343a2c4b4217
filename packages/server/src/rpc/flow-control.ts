import { type Http2Server, type ServerHttp2Session } from "node:http2";
import { type Server } from "@grpc/grpc-js";
import { limits } from "@millrace/common";

/**
 * The channel option that sets a grpc-js client's HTTP/2 window, per stream and per connection. Servers
 * have no such option (grpc-js 1.14; grpc/grpc-node#3058 adds one): see widenServerWindows.
 */
export const clientWindowOptions = { "grpc-node.flow_control_window": limits.http2WindowBytes } as const;

/**
 * Opens `windowBytes` of HTTP/2 flow-control window on every connection `server` accepts from now on,
 * per stream and per connection, in place of HTTP/2's 64 KiB (limits.http2WindowBytes says why).
 *
 * grpc-js keeps its HTTP/2 servers in a private map and reads no option for this, so this reaches into
 * it after bindAsync. Returns false, changing nothing, if that map is not there (a grpc-js that changed
 * it): calls still work, only slower. flow-control.test.ts fails if the windows stop opening.
 */
export function widenServerWindows(server: Server, windowBytes = limits.http2WindowBytes): boolean {
  const http2Servers = (server as unknown as { http2Servers?: unknown }).http2Servers;
  if (!(http2Servers instanceof Map)) return false;
  for (const http2Server of http2Servers.keys() as Iterable<Http2Server>) {
    if (widened.has(http2Server)) continue;
    widened.add(http2Server);
    http2Server.on("session", (session: ServerHttp2Session) => {
      try {
        // The connection window is ours to grow at once; the per-stream one is a setting the client
        // applies when our SETTINGS frame arrives, to its open streams too.
        session.setLocalWindowSize(windowBytes);
        session.settings({ initialWindowSize: windowBytes });
      } catch {
        // The connection closed already; there is nothing to widen.
      }
    });
  }
  return true;
}

const widened = new WeakSet<Http2Server>();
