/**
 * TCP through Deno's own sockets (internal): on Deno, `connectTcp`/`listenTcp` use these instead
 * of `node:net`, whose receive path is several times slower there. Received bytes are read into
 * large slabs and handed out as adjacent views, so a PDU spanning two reads stays one view.
 * @module
 */
import { nextConnectionId } from "./_connection_id.ts";
import { Inbox } from "./_inbox.ts";
import { formatAddress } from "./_socket_transport.ts";
import { toTransportError, TransportError } from "./errors.ts";
import type { Transport, TransportCloseInfo, TransportServer } from "./transport.ts";

/** Bytes per receive slab; a read gets at least MIN_READ of it. */
const SLAB = 4 * 1024 * 1024;
/** The first slab of a connection. */
const FIRST_SLAB = 64 * 1024;
const MIN_READ = 256 * 1024;

interface DenoConn {
  readonly localAddr: { hostname: string; port: number };
  readonly remoteAddr: { hostname: string; port: number };
  read(p: Uint8Array): Promise<number | null>;
  write(p: Uint8Array): Promise<number>;
  closeWrite(): Promise<void>;
  close(): void;
  setNoDelay(noDelay?: boolean): void;
}

interface DenoListener extends AsyncIterable<DenoConn> {
  readonly addr: { hostname: string; port: number };
  close(): void;
}

interface DenoNet {
  connect(options: { hostname: string; port: number; signal?: AbortSignal }): Promise<DenoConn>;
  listen(options: { hostname: string; port: number }): DenoListener;
}

/** Which socket implementation a TCP transport uses. */
export type TcpEngine = "node" | "deno";

/**
 * Deno's socket API when the engine is "deno": by default on Deno (its sockets receive several
 * times faster than node:net there) unless DICOMSIM_NODE_NET=1; never on Bun or Node. Deno's
 * sockets cannot reset a connection: destroy() closes with a FIN. Fault injection that needs a
 * TCP reset asks for the "node" engine.
 */
export function denoNet(engine?: TcpEngine): DenoNet | undefined {
  const deno =
    (globalThis as { Deno?: Partial<DenoNet> & { env?: { get(k: string): string | undefined } } })
      .Deno;
  if (typeof deno?.connect !== "function" || typeof deno.listen !== "function") return undefined;
  if (engine === "node") return undefined;
  if (engine === "deno") return deno as DenoNet;
  try {
    return deno.env?.get("DICOMSIM_NODE_NET") === "1" ? undefined : deno as DenoNet;
  } catch {
    return deno as DenoNet; // no env permission: the default
  }
}

function codeOf(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? "";
  const code = (error as { code?: string } | null)?.code;
  if (typeof code === "string" && code) return code;
  switch (name) {
    case "ConnectionRefused":
      return "ECONNREFUSED";
    case "ConnectionReset":
      return "ECONNRESET";
    case "BrokenPipe":
      return "EPIPE";
    case "TimedOut":
      return "ETIMEDOUT";
    case "AddrInUse":
      return "EADDRINUSE";
    case "NotFound":
      return "ENOTFOUND";
    default:
      return "UNKNOWN";
  }
}

function transportError(error: unknown, context: string, address: string): TransportError {
  if (error instanceof TransportError) return error;
  return toTransportError(
    Object.assign(Object.create(error as object ?? null), {
      code: codeOf(error),
      message: (error as Error)?.message,
    }),
    context,
    address,
  );
}

class DenoTcpTransport implements Transport {
  readonly id: string;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly closed: Promise<void>;
  readonly #conn: DenoConn;
  readonly #inbox: Inbox;
  #writeChain: Promise<void> = Promise.resolve();
  #writable = true;
  #locallyDestroyed = false;
  #localError: Error | undefined;
  #connClosed = false;

  constructor(conn: DenoConn, noDelay: boolean) {
    this.#conn = conn;
    this.id = nextConnectionId("tcp");
    this.localAddress = formatAddress(conn.localAddr.hostname, conn.localAddr.port);
    this.remoteAddress = formatAddress(conn.remoteAddr.hostname, conn.remoteAddr.port);
    this.#inbox = new Inbox(this.id, (error) => {
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    this.closed = this.#inbox.closed;
    // TCP_NODELAY: without it a small PDU (a C-STORE-RSP) can wait ~40 ms for a delayed ACK.
    conn.setNoDelay(noDelay);
    this.#readLoop();
  }

  async #readLoop(): Promise<void> {
    // Slabs start small (an association of C-ECHOs or C-FINDs keeps 64 KiB, not 4 MiB, per
    // connection) and double up to SLAB while reads keep filling them (bulk C-STORE traffic).
    let size = FIRST_SLAB;
    let slab = new Uint8Array(size);
    let used = 0;
    let info: TransportCloseInfo = {};
    try {
      for (;;) {
        if (slab.length - used < Math.min(MIN_READ, slab.length / 4)) {
          slab = new Uint8Array(size);
          used = 0;
        }
        const room = slab.length - used;
        const n = await this.#conn.read(slab.subarray(used));
        if (n === null) break; // the peer's FIN: we close too (no half-open connections)
        if (n === 0) continue;
        this.#inbox.push(slab.subarray(used, used + n));
        used += n;
        // A read that filled the room left: bulk traffic, take bigger slabs from now on.
        if (n === room && size < SLAB) size = Math.min(SLAB, size * 2);
      }
    } catch (error) {
      if (!this.#locallyDestroyed) {
        const e = transportError(
          error,
          `Connection to ${this.remoteAddress} failed`,
          this.remoteAddress,
        );
        info = e.code === "ECONNRESET" ? { error: e, reset: true } : { error: e };
      }
    }
    this.#writable = false;
    this.#closeConn();
    if (this.#locallyDestroyed) {
      info = this.#localError !== undefined ? { error: this.#localError } : {};
    }
    this.#inbox.close(info);
  }

  #closeConn(): void {
    if (this.#connClosed) return;
    this.#connClosed = true;
    try {
      this.#conn.close();
    } catch {
      // Already closed.
    }
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.#inbox.setDataListener(listener);
  }

  onClose(listener: (info: TransportCloseInfo) => void): void {
    this.#inbox.addCloseListener(listener);
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.#writable) {
      return Promise.reject(
        new TransportError(
          `Cannot write to ${this.remoteAddress}: the connection is closed`,
          "CLOSED",
          this.remoteAddress,
        ),
      );
    }
    const run = async () => {
      let written = 0;
      while (written < bytes.length) written += await this.#conn.write(bytes.subarray(written));
    };
    const next = this.#writeChain.then(run);
    this.#writeChain = next.catch(() => {});
    return next.catch((error) => {
      throw transportError(error, `Cannot write to ${this.remoteAddress}`, this.remoteAddress);
    });
  }

  async end(): Promise<void> {
    if (this.#writable) {
      this.#writable = false;
      await this.#writeChain;
      try {
        await this.#conn.closeWrite();
      } catch {
        // Closed meanwhile.
      }
    }
    return this.closed;
  }

  destroy(error?: Error): void {
    if (this.#inbox.isClosed || this.#locallyDestroyed) return;
    this.#locallyDestroyed = true;
    this.#localError = error;
    this.#writable = false;
    this.#inbox.discard();
    this.#closeConn(); // the pending read fails and the read loop reports the close
  }
}

/** Connects with Deno's sockets (see `connectTcp` for the options and errors). */
export async function denoConnectTcp(
  net: DenoNet,
  options: {
    host: string;
    port: number;
    connectTimeoutMs?: number;
    signal?: AbortSignal;
    noDelay?: boolean;
  },
): Promise<Transport> {
  const address = formatAddress(options.host, options.port);
  if (options.signal?.aborted) {
    throw new TransportError(`Cannot connect to ${address}: aborted`, "ABORTED", address, {
      cause: options.signal.reason,
    });
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = options.connectTimeoutMs !== undefined && options.connectTimeoutMs > 0 &&
      Number.isFinite(options.connectTimeoutMs)
    ? setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.connectTimeoutMs)
    : undefined;
  const onAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const conn = await net.connect({
      hostname: options.host,
      port: options.port,
      signal: controller.signal,
    });
    return new DenoTcpTransport(conn, options.noDelay ?? true);
  } catch (error) {
    if (timedOut) {
      throw new TransportError(
        `Cannot connect to ${address}: timed out after ${options.connectTimeoutMs} ms`,
        "ETIMEDOUT",
        address,
      );
    }
    if (options.signal?.aborted) {
      throw new TransportError(`Cannot connect to ${address}: aborted`, "ABORTED", address, {
        cause: options.signal.reason,
      });
    }
    throw transportError(error, `Cannot connect to ${address}`, address);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** Listens with Deno's sockets (see `listenTcp`). */
export function denoListenTcp(
  net: DenoNet,
  options: { host?: string; port?: number },
  onConnection: (transport: Transport) => void,
): Promise<TransportServer> {
  const host = options.host ?? "127.0.0.1";
  let listener: DenoListener;
  try {
    listener = net.listen({ hostname: host, port: options.port ?? 0 });
  } catch (error) {
    return Promise.reject(
      transportError(
        error,
        `Cannot listen on ${formatAddress(host, options.port ?? 0)}`,
        formatAddress(host, options.port ?? 0),
      ),
    );
  }
  const live = new Set<Transport>();
  let closing = false;
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        if (closing) {
          conn.close();
          continue;
        }
        const transport = new DenoTcpTransport(conn, true);
        live.add(transport);
        transport.closed.then(() => live.delete(transport));
        try {
          onConnection(transport);
        } catch (error) {
          transport.destroy(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } catch {
      // The listener was closed.
    }
  })();
  const port = listener.addr.port;
  return Promise.resolve({
    port,
    address: formatAddress(listener.addr.hostname, port),
    async close() {
      if (closing) return;
      closing = true;
      try {
        listener.close();
      } catch {
        // Already closed.
      }
      const waits = [...live].map((t) => {
        t.destroy();
        return t.closed;
      });
      await Promise.all(waits);
      await accepting;
    },
  });
}
