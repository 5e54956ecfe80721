/**
 * The byte transport under the DICOM upper layer (PS3.8 9.1.2: the DUL runs over a reliable,
 * ordered byte stream, TCP in PS3.8 Annex 9). One interface for TCP, TLS and in-memory pairs, so
 * the association layer and the simulator never know which one they drive.
 * @module
 */

/**
 * How a transport closed, as given to `onClose` listeners.
 *
 * - `{}`: graceful close (both sides sent FIN, or this side called `destroy()` without an error).
 * - `{ error, reset: true }`: the peer reset the connection (TCP RST, `ECONNRESET`).
 * - `{ error }`: any other failure, or the error given to `destroy(error)`.
 */
export interface TransportCloseInfo {
  /** The failure that closed the transport; absent for a graceful close. */
  readonly error?: Error;
  /** True when the peer reset (aborted) the connection; absent otherwise. */
  readonly reset?: boolean;
}

/**
 * A connected, ordered, reliable byte stream: one end of a TCP or TLS connection or of an
 * in-memory pair.
 *
 * Reading is push-style: `onData` sets the one data listener. Chunks that arrive before it is
 * set are buffered and delivered in order (on a microtask) once it is, so nothing is lost when
 * the listener is attached late. Chunk boundaries carry no meaning: a PDU may arrive split in
 * any way, and several PDUs may share a chunk. A data listener that throws destroys the
 * transport with that error.
 *
 * Closing: `onClose` listeners run exactly once, after every chunk received before the close has
 * been delivered to the data listener (when one is set). When the peer closes gracefully this
 * side closes too (no half-open connections: PS3.8 has no use for them).
 * @example
 * ```ts
 * import { createMemoryPair } from "./memory.ts";
 * const [a, b] = createMemoryPair();
 * b.onData((chunk) => console.log(b.id, "received", chunk.length, "bytes"));
 * b.onClose(({ error }) => console.log("closed", error?.message ?? "gracefully"));
 * await a.write(new Uint8Array([1, 2, 3]));
 * await a.end();
 * ```
 */
export interface Transport {
  /** This end's address: `"127.0.0.1:11112"`, `"[::1]:104"`, `"memory:a"`. */
  readonly localAddress: string;
  /** The peer's address, in the same form. */
  readonly remoteAddress: string;
  /** A connection id unique within the process (`"tcp-3"`, `"tls-4"`, `"memory-5"`), for traces. */
  readonly id: string;
  /**
   * Sets the data listener; chunks received before this call are delivered to it on a microtask.
   * A transport has at most one data listener: a second call throws a `TypeError`.
   */
  onData(listener: (chunk: Uint8Array) => void): void;
  /**
   * Adds a listener called once when the transport closes for any reason (remote close, reset,
   * error, `end()`, `destroy()`). Added after the close, it is called on a microtask.
   */
  onClose(listener: (info: TransportCloseInfo) => void): void;
  /**
   * Sends bytes. Resolves once they are handed to the operating system or buffered below the
   * high-water mark (backpressure: waits for the socket to drain); rejects with a
   * `TransportError` (code `"CLOSED"`) after `end()`, `destroy()` or a close. Do not modify
   * `bytes` before the promise resolves.
   */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Graceful close: sends everything written so far, then FIN, and resolves when the connection
   * is closed (the peer closes its side in turn). A peer that never closes keeps this pending:
   * bound it with a timer (PS3.8 ARTIM) and `destroy()`.
   */
  end(): Promise<void>;
  /**
   * Aborts the connection at once: unsent data is dropped and the peer sees a reset (TCP RST
   * where the runtime allows). The local `onClose` listeners receive `{ error }`.
   */
  destroy(error?: Error): void;
  /** Resolves (never rejects) when the transport has closed. */
  readonly closed: Promise<void>;
}

/**
 * A listening TCP or TLS server.
 * @example
 * ```ts
 * import { listenTcp } from "./tcp.ts";
 * const server = await listenTcp({}, (t) => t.onData((chunk) => t.write(chunk)));
 * console.log("echo server on", server.address);
 * await server.close();
 * ```
 */
export interface TransportServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** The bound address, `"127.0.0.1:40123"`. */
  readonly address: string;
  /** Stops listening and destroys the open connections; resolves when all are closed. */
  close(): Promise<void>;
}
