/**
 * A transport wrapper that injects transport-level faults for the simulated scanner: cut the
 * next write in the middle and drop the connection (a PDU truncated on the wire, then a reset),
 * and stall (stop sending and stop delivering received bytes for a while).
 * @module
 */
import type { Transport, TransportCloseInfo } from "../../net/transport/transport.ts";

/** The connection was dropped on purpose by {@link FaultTransport.dropOnNextWrite}. */
export class InjectedDropError extends Error {
  /** Bytes of the cut write that were sent. */
  readonly sentBytes: number;
  /** Bytes the write had. */
  readonly totalBytes: number;
  /** Creates it with how much of the write went out. */
  constructor(sentBytes: number, totalBytes: number) {
    super(`Fault: connection dropped mid-PDU after ${sentBytes} of ${totalBytes} bytes`);
    this.name = "InjectedDropError";
    this.sentBytes = sentBytes;
    this.totalBytes = totalBytes;
  }
}

/**
 * Wraps a transport; behaves like it until a fault is armed.
 * @example
 * ```ts
 * import { createMemoryPair } from "../../net/transport/memory.ts";
 * import { FaultTransport } from "./fault_transport.ts";
 * const [a] = createMemoryPair();
 * const faulty = new FaultTransport(a);
 * faulty.dropOnNextWrite(); // the next write sends half of its bytes, then resets
 * ```
 */
export class FaultTransport implements Transport {
  #inner: Transport;
  #drop = false;
  #stalledUntil: Promise<void> | undefined;
  #held: Uint8Array[] = [];
  #listener: ((chunk: Uint8Array) => void) | undefined;
  #dropError: InjectedDropError | undefined;

  /** Wraps `inner`. */
  constructor(inner: Transport) {
    this.#inner = inner;
  }

  /** The wrapped transport's local address. */
  get localAddress(): string {
    return this.#inner.localAddress;
  }

  /** The wrapped transport's remote address. */
  get remoteAddress(): string {
    return this.#inner.remoteAddress;
  }

  /** The wrapped transport's id. */
  get id(): string {
    return this.#inner.id;
  }

  /** Resolves when the wrapped transport has closed. */
  get closed(): Promise<void> {
    return this.#inner.closed;
  }

  /** True while a stall is in progress. */
  get stalled(): boolean {
    return this.#stalledUntil !== undefined;
  }

  /** The drop that happened, if one did. */
  get dropError(): InjectedDropError | undefined {
    return this.#dropError;
  }

  /** Arms the drop: the next write sends its first half, then the connection is destroyed. */
  dropOnNextWrite(): void {
    this.#drop = true;
  }

  /**
   * Stalls for `ms`: writes wait and received bytes are held (not given to the association),
   * then both resume in order. Resolves when the stall ends.
   */
  stall(ms: number): Promise<void> {
    if (this.#stalledUntil) return this.#stalledUntil;
    this.#stalledUntil = new Promise<void>((resolve) => {
      setTimeout(() => {
        this.#stalledUntil = undefined;
        const held = this.#held;
        this.#held = [];
        for (const chunk of held) this.#listener?.(chunk);
        resolve();
      }, Math.max(0, ms));
    });
    return this.#stalledUntil;
  }

  /** Sets the data listener (held back during a stall). */
  onData(listener: (chunk: Uint8Array) => void): void {
    this.#listener = listener;
    this.#inner.onData((chunk) => {
      if (this.#stalledUntil) this.#held.push(chunk);
      else listener(chunk);
    });
  }

  /** Adds a close listener. */
  onClose(listener: (info: TransportCloseInfo) => void): void {
    this.#inner.onClose(listener);
  }

  /** Writes (after a stall ends; cut in half and followed by a reset when a drop is armed). */
  async write(bytes: Uint8Array): Promise<void> {
    while (this.#stalledUntil) await this.#stalledUntil;
    if (!this.#drop) return this.#inner.write(bytes);
    this.#drop = false;
    const half = Math.max(1, Math.floor(bytes.length / 2));
    const error = new InjectedDropError(half, bytes.length);
    this.#dropError = error;
    try {
      await this.#inner.write(bytes.subarray(0, half));
      // Let the half PDU reach the peer before the reset (a reset may discard unread bytes).
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      this.#inner.destroy(error);
    }
    throw error;
  }

  /** Graceful close of the wrapped transport. */
  end(): Promise<void> {
    return this.#inner.end();
  }

  /** Aborts the wrapped transport. */
  destroy(error?: Error): void {
    this.#inner.destroy(error);
  }
}
