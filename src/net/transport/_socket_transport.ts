/**
 * A `Transport` over a connected `node:net` or `node:tls` socket, and the connect/listen plumbing
 * TCP and TLS share (internal).
 * @module
 */
import type { Server, Socket } from "node:net";
import { nextConnectionId } from "./_connection_id.ts";
import { Inbox } from "./_inbox.ts";
import { toTransportError, TransportError } from "./errors.ts";
import type { Transport, TransportCloseInfo, TransportServer } from "./transport.ts";

/**
 * `"host:port"`, with IPv6 hosts in brackets.
 * @example
 * ```ts
 * import { formatAddress } from "./_socket_transport.ts";
 * formatAddress("::1", 104); // "[::1]:104"
 * ```
 */
export function formatAddress(host: string | undefined, port: number | undefined): string {
  const h = host ?? "?";
  return `${h.includes(":") ? `[${h}]` : h}:${port ?? "?"}`;
}

/** A socket's `Transport`. */
class SocketTransport implements Transport {
  readonly id: string;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly closed: Promise<void>;
  readonly #socket: Socket;
  readonly #inbox: Inbox;
  #writable = true;
  #error: TransportError | undefined;
  #localError: Error | undefined;
  #locallyDestroyed = false;
  readonly #pendingWrites = new Set<(error: Error) => void>();

  constructor(socket: Socket, kind: string, noDelay: boolean) {
    this.#socket = socket;
    this.id = nextConnectionId(kind);
    this.localAddress = formatAddress(socket.localAddress, socket.localPort);
    this.remoteAddress = formatAddress(socket.remoteAddress, socket.remotePort);
    this.#inbox = new Inbox(this.id, (error) => {
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    this.closed = this.#inbox.closed;
    // TCP_NODELAY: without it a small PDU (a C-STORE-RSP) can wait ~40 ms for a delayed ACK.
    socket.setNoDelay(noDelay);
    socket.on("data", (chunk: Uint8Array) => {
      // Hand out plain Uint8Array views (Buffer's slice() shares memory; Uint8Array's copies).
      this.#inbox.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    socket.on("end", () => {
      // The peer sent FIN; the runtime ends our side too (allowHalfOpen is false).
      this.#writable = false;
    });
    socket.on("error", (error: Error) => {
      this.#error ??= toTransportError(
        error,
        `Connection ${this.id} with ${this.remoteAddress} failed`,
        this.remoteAddress,
      );
    });
    socket.on("close", () => this.#onClose());
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.#inbox.setDataListener(listener);
  }

  onClose(listener: (info: TransportCloseInfo) => void): void {
    this.#inbox.addCloseListener(listener);
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.#writable || this.#socket.destroyed || this.#socket.writableEnded) {
      return Promise.reject(closedError(this.remoteAddress));
    }
    return new Promise((resolve, reject) => {
      const settle = (error?: Error | null) => {
        this.#pendingWrites.delete(fail);
        if (error) {
          reject(
            toTransportError(error, `Cannot write to ${this.remoteAddress}`, this.remoteAddress),
          );
        } else resolve();
      };
      const fail = (error: Error) => settle(error);
      this.#pendingWrites.add(fail);
      // Resolve at once below the high-water mark; otherwise when this chunk is flushed (which
      // is what 'drain' would tell us, without missing a failure).
      if (this.#socket.write(bytes, settle)) {
        this.#pendingWrites.delete(fail);
        resolve();
      }
    });
  }

  end(): Promise<void> {
    this.#writable = false;
    if (!this.#socket.destroyed && !this.#socket.writableEnded) this.#socket.end();
    return this.closed;
  }

  destroy(error?: Error): void {
    if (this.#inbox.isClosed || this.#locallyDestroyed) return;
    this.#locallyDestroyed = true;
    this.#writable = false;
    this.#localError = error;
    this.#inbox.discard();
    const socket = this.#socket as Socket & { resetAndDestroy?: () => void };
    try {
      // TCP RST: the peer sees ECONNRESET, as an A-ABORT-less abort should look (PS3.8 9.1.3).
      if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
      else socket.destroy();
    } catch {
      // A TLS socket's handle is not a TCP handle on some runtimes: plain destroy instead.
      socket.destroy();
    }
  }

  #onClose(): void {
    this.#writable = false;
    for (const fail of [...this.#pendingWrites]) fail(closedError(this.remoteAddress));
    let info: TransportCloseInfo;
    if (this.#locallyDestroyed) {
      info = this.#localError !== undefined ? { error: this.#localError } : {};
    } else if (this.#error !== undefined) {
      info = this.#error.code === "ECONNRESET"
        ? { error: this.#error, reset: true }
        : { error: this.#error };
    } else {
      info = {};
    }
    this.#inbox.close(info);
  }
}

function closedError(address: string): TransportError {
  return new TransportError(`Cannot write to ${address}: transport closed`, "CLOSED", address);
}

/**
 * Wraps a connected socket as a `Transport` (sets TCP_NODELAY to `noDelay`).
 * @example
 * ```ts ignore
 * const transport = wrapSocket(socket, "tcp", true);
 * ```
 */
export function wrapSocket(socket: Socket, kind: string, noDelay: boolean): Transport {
  return new SocketTransport(socket, kind, noDelay);
}

/** Options every connect shares. */
export interface ConnectCommon {
  /** Host name or IP address of the peer. */
  host: string;
  /** TCP port of the peer. */
  port: number;
  /** Give up after this many milliseconds (`TransportError` code `"ETIMEDOUT"`). Default: no limit of our own (the operating system's applies). */
  connectTimeoutMs?: number;
  /** Aborts the attempt (`TransportError` code `"ABORTED"`). Default: none. */
  signal?: AbortSignal;
  /** TCP_NODELAY. Default: true. */
  noDelay?: boolean;
}

/**
 * Starts a socket with `create`, waits for `readyEvent`, and settles with a `Transport` or a
 * `TransportError` naming host:port (refused, timed out, aborted, TLS failure).
 * @example
 * ```ts ignore
 * const t = await connectSocket(() => net.connect({ host, port }), "connect", options, "tcp");
 * ```
 */
export function connectSocket(
  create: () => Socket,
  readyEvent: "connect" | "secureConnect",
  options: ConnectCommon,
  kind: string,
): Promise<Transport> {
  const address = formatAddress(options.host, options.port);
  const { signal, connectTimeoutMs } = options;
  if (signal?.aborted) {
    return Promise.reject(
      new TransportError(`Cannot connect to ${address}: aborted`, "ABORTED", address, {
        cause: signal.reason,
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const socket = create();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.off("error", onError);
      socket.off(readyEvent, onReady);
    };
    const fail = (error: TransportError) => {
      cleanup();
      // Keep a listener: a late 'error' from the destroyed socket must not become uncaught.
      socket.on("error", () => {});
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error) =>
      fail(toTransportError(error, `Cannot connect to ${address}`, address));
    const onAbort = () =>
      fail(
        new TransportError(`Cannot connect to ${address}: aborted`, "ABORTED", address, {
          cause: signal?.reason,
        }),
      );
    const onReady = () => {
      cleanup();
      resolve(wrapSocket(socket, kind, options.noDelay ?? true));
    };
    socket.once("error", onError);
    socket.once(readyEvent, onReady);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (connectTimeoutMs !== undefined) {
      timer = setTimeout(
        () =>
          fail(
            new TransportError(
              `Cannot connect to ${address}: timed out after ${connectTimeoutMs} ms (ETIMEDOUT)`,
              "ETIMEDOUT",
              address,
            ),
          ),
        connectTimeoutMs,
      );
    }
  });
}

/**
 * Listens with `server` on host:port, hands each connection (on `connectionEvent`) to
 * `onConnection` as a `Transport`, and tracks connections so `close()` can destroy them.
 * @example
 * ```ts ignore
 * const s = await listenSocket(net.createServer(), "connection", "127.0.0.1", 0, "tcp", onConnection);
 * ```
 */
export function listenSocket(
  server: Server,
  connectionEvent: "connection" | "secureConnection",
  host: string,
  port: number,
  kind: string,
  onConnection: (transport: Transport) => void,
): Promise<TransportServer> {
  const address = formatAddress(host, port);
  const rawSockets = new Set<Socket>();
  const transports = new Set<Transport>();
  // Raw sockets include those still in a TLS handshake; close() destroys them too.
  server.on("connection", (socket: Socket) => {
    rawSockets.add(socket);
    socket.on("error", () => {}); // reported through the Transport, or a failed handshake
    socket.on("close", () => rawSockets.delete(socket));
  });
  server.on(connectionEvent, (socket: Socket) => {
    const transport = wrapSocket(socket, kind, true);
    transports.add(transport);
    transport.closed.then(() => transports.delete(transport));
    try {
      onConnection(transport);
    } catch (error) {
      transport.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  });
  return new Promise((resolve, reject) => {
    const onListenError = (error: Error) =>
      reject(toTransportError(error, `Cannot listen on ${address}`, address));
    server.once("error", onListenError);
    server.listen(port, host, () => {
      server.off("error", onListenError);
      server.on("error", () => {}); // per-connection failures arrive on the sockets
      const bound = server.address();
      const boundPort = typeof bound === "object" && bound !== null ? bound.port : port;
      const boundHost = typeof bound === "object" && bound !== null ? bound.address : host;
      let closing: Promise<void> | undefined;
      resolve({
        port: boundPort,
        address: formatAddress(boundHost, boundPort),
        close() {
          closing ??= new Promise<void>((done) => {
            const waits = [...transports].map((t) => t.closed);
            for (const t of transports) t.destroy();
            for (const s of rawSockets) s.destroy();
            server.close(() => Promise.all(waits).then(() => done()));
          });
          return closing;
        },
      });
    });
  });
}
