/**
 * DICOM upper layer over TCP (PS3.8 9.1.2, Annex 9), with TCP_NODELAY on.
 * @module
 */
import { connect, createServer } from "node:net";
import { denoConnectTcp, denoListenTcp, denoNet, type TcpEngine } from "./_deno_tcp.ts";
import { type ConnectCommon, connectSocket, listenSocket } from "./_socket_transport.ts";
import type { Transport, TransportServer } from "./transport.ts";

export type { TcpEngine };

/** Options of `connectTcp`. */
export type TcpConnectOptions = ConnectCommon & {
  /**
   * Socket implementation: "deno" (Deno's own sockets, the default on Deno: much faster receive,
   * but destroy() closes with a FIN, never a reset) or "node" (node:net: destroy() resets; the
   * only one on Bun). Default: "deno" on Deno unless DICOMSIM_NODE_NET=1, else "node".
   */
  engine?: TcpEngine;
};

/** Options of `listenTcp`. */
export interface TcpListenOptions {
  /** Address to bind. Default: `"127.0.0.1"` (use `"0.0.0.0"` or `"::"` to accept from other hosts). */
  host?: string;
  /** Port to bind. Default: 0 (an ephemeral port; read it from `TransportServer.port`). */
  port?: number;
  /** Socket implementation of the accepted connections; see `TcpConnectOptions.engine`. */
  engine?: TcpEngine;
}

/**
 * Opens a TCP connection. Rejects with a `TransportError` naming host:port: `"ECONNREFUSED"`,
 * `"ETIMEDOUT"` (after `connectTimeoutMs`), `"ABORTED"` (the signal fired), `"ENOTFOUND"`, ...
 * @example
 * ```ts
 * import { connectTcp, listenTcp } from "./tcp.ts";
 * const server = await listenTcp({}, (t) => t.onData((chunk) => t.write(chunk)));
 * const t = await connectTcp({ host: "127.0.0.1", port: server.port, connectTimeoutMs: 5_000 });
 * t.onData((chunk) => console.log("echoed", chunk));
 * await t.write(new Uint8Array([1, 2, 3]));
 * await t.end();
 * await server.close();
 * ```
 */
export function connectTcp(options: TcpConnectOptions): Promise<Transport> {
  const net = denoNet(options.engine);
  if (net) return denoConnectTcp(net, options);
  return connectSocket(
    () => connect({ host: options.host, port: options.port, noDelay: options.noDelay ?? true }),
    "connect",
    options,
    "tcp",
  );
}

/**
 * Listens for TCP connections; `onConnection` receives each as a `Transport` (TCP_NODELAY on).
 * Resolves once listening; rejects with a `TransportError` (`"EADDRINUSE"`, ...).
 * @example
 * ```ts
 * import { listenTcp } from "./tcp.ts";
 * const server = await listenTcp({ port: 0 }, (t) => {
 *   console.log("connection from", t.remoteAddress);
 *   t.onData((chunk) => t.write(chunk));
 * });
 * console.log("listening on", server.address);
 * await server.close();
 * ```
 */
export function listenTcp(
  options: TcpListenOptions,
  onConnection: (transport: Transport) => void,
): Promise<TransportServer> {
  const net = denoNet(options.engine);
  if (net) return denoListenTcp(net, options, onConnection);
  return listenSocket(
    createServer({ allowHalfOpen: false }),
    "connection",
    options.host ?? "127.0.0.1",
    options.port ?? 0,
    "tcp",
    onConnection,
  );
}
