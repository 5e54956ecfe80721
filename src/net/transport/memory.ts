/**
 * In-memory transport pairs: two connected ends that behave like a socket (ordered delivery,
 * graceful close after pending data, reset, writes after close rejected), deterministic, with
 * optional chunk splitting and latency on an injected clock, for tests and simulation.
 * @module
 */
import { type Clock, REAL_CLOCK } from "../../core/clock.ts";
import { nextConnectionId } from "./_connection_id.ts";
import { Inbox } from "./_inbox.ts";
import { TransportError } from "./errors.ts";
import type { Transport, TransportCloseInfo } from "./transport.ts";

/** Options of `createMemoryPair`. */
export interface MemoryPairOptions {
  /**
   * Deliver each write split into chunks of at most this many bytes, each its own `onData` call
   * (fault injection: 1 delivers byte by byte). Default: `Infinity` (one chunk per write).
   */
  maxChunkSize?: number;
  /**
   * One-way delay of every chunk, FIN and reset, on `clock`. Default: 0 (delivered on a
   * microtask, without the clock).
   */
  latencyMs?: number;
  /** Clock for `latencyMs` (a `VirtualClock` makes delivery step with `advance`). Default: `REAL_CLOCK`. */
  clock?: Clock;
  /** Local addresses of the two ends. Default: `["memory:a", "memory:b"]`. */
  addresses?: readonly [string, string];
}

type Segment =
  | { kind: "data"; bytes: Uint8Array; dropped: boolean }
  | { kind: "fin"; dropped: boolean }
  | { kind: "rst"; dropped: boolean };

/** One direction: a FIFO of segments, each delivered after the latency. */
class Pipe {
  readonly #latencyMs: number;
  readonly #clock: Clock;
  readonly #deliver: (segment: Segment) => void;
  #queue: Segment[] = [];
  #head = 0;

  constructor(latencyMs: number, clock: Clock, deliver: (segment: Segment) => void) {
    this.#latencyMs = latencyMs;
    this.#clock = clock;
    this.#deliver = deliver;
  }

  send(segment: Segment): void {
    this.#queue.push(segment);
    // One timer (or microtask) per segment; each pops the head, so order is FIFO whatever the
    // order the timers fire in.
    if (this.#latencyMs > 0) this.#clock.setTimer(this.#latencyMs, () => this.#pop());
    else queueMicrotask(() => this.#pop());
  }

  /** Drops data not yet delivered (a reset discards the send buffer). */
  dropData(): void {
    for (let i = this.#head; i < this.#queue.length; i++) {
      if (this.#queue[i].kind === "data") this.#queue[i].dropped = true;
    }
  }

  #pop(): void {
    const segment = this.#queue[this.#head];
    this.#head += 1;
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    }
    if (!segment.dropped) this.#deliver(segment);
  }
}

class MemoryTransport implements Transport {
  readonly id: string;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly closed: Promise<void>;
  readonly #inbox: Inbox;
  readonly #maxChunkSize: number;
  #out!: Pipe;
  #writable = true;
  #finSent = false;

  constructor(localAddress: string, remoteAddress: string, maxChunkSize: number) {
    this.id = nextConnectionId("memory");
    this.localAddress = localAddress;
    this.remoteAddress = remoteAddress;
    this.#maxChunkSize = maxChunkSize;
    this.#inbox = new Inbox(this.id, (error) => {
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    this.closed = this.#inbox.closed;
  }

  /** Connects this end's outgoing pipe (called once by `createMemoryPair`). */
  attach(out: Pipe): void {
    this.#out = out;
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
          `Cannot write to ${this.remoteAddress}: transport closed`,
          "CLOSED",
          this.remoteAddress,
        ),
      );
    }
    // Copy, as a socket's send buffer would: the caller may reuse `bytes` once this resolves.
    const copy = bytes.slice();
    for (let at = 0; at < copy.length; at += this.#maxChunkSize) {
      const end = Math.min(copy.length, at + this.#maxChunkSize);
      this.#out.send({ kind: "data", bytes: copy.subarray(at, end), dropped: false });
    }
    return Promise.resolve();
  }

  end(): Promise<void> {
    this.#writable = false;
    if (!this.#finSent && !this.#inbox.isClosed) {
      this.#finSent = true;
      this.#out.send({ kind: "fin", dropped: false });
    }
    return this.closed;
  }

  destroy(error?: Error): void {
    if (this.#inbox.isClosed) return;
    this.#writable = false;
    this.#inbox.discard();
    this.#out.dropData();
    this.#out.send({ kind: "rst", dropped: false });
    this.#inbox.close(error !== undefined ? { error } : {});
  }

  /** A segment from the peer arrived. */
  receive(segment: Segment): void {
    if (this.#inbox.isClosed) return;
    switch (segment.kind) {
      case "data":
        this.#inbox.push(segment.bytes);
        break;
      case "fin":
        // The peer closed: close our side too (no half-open state, like a socket with
        // allowHalfOpen false), sending FIN after any data already written.
        this.#writable = false;
        if (!this.#finSent) {
          this.#finSent = true;
          this.#out.send({ kind: "fin", dropped: false });
        }
        this.#inbox.close({});
        break;
      case "rst": {
        this.#writable = false;
        const error = new TransportError(
          `Connection ${this.id} with ${this.remoteAddress} failed: connection reset by peer (ECONNRESET)`,
          "ECONNRESET",
          this.remoteAddress,
        );
        this.#inbox.close({ error, reset: true });
        break;
      }
    }
  }
}

/**
 * Creates two connected in-memory transports: what one writes the other receives. `end()`
 * delivers a close to the peer after pending data; `destroy()` delivers a reset (the peer's
 * `onClose` gets `{ error, reset: true }`, error code `"ECONNRESET"`). Delivery is
 * deterministic: microtasks, or timers on `clock` when `latencyMs` is set.
 * @example
 * ```ts
 * import { createMemoryPair } from "./memory.ts";
 * const [scu, scp] = createMemoryPair({ maxChunkSize: 1 });
 * const received: number[] = [];
 * scp.onData((chunk) => received.push(...chunk)); // one byte per call
 * await scu.write(new Uint8Array([1, 2, 3]));
 * await scu.end(); // resolves once both sides are closed
 * received; // [1, 2, 3]
 * ```
 */
export function createMemoryPair(options: MemoryPairOptions = {}): [Transport, Transport] {
  const maxChunkSize = options.maxChunkSize ?? Infinity;
  const latencyMs = options.latencyMs ?? 0;
  if (!(maxChunkSize >= 1) || (Number.isFinite(maxChunkSize) && !Number.isInteger(maxChunkSize))) {
    throw new RangeError(
      `Cannot create a memory pair: maxChunkSize ${maxChunkSize} is not a positive integer`,
    );
  }
  if (!(latencyMs >= 0) || !Number.isFinite(latencyMs)) {
    throw new RangeError(
      `Cannot create a memory pair: latencyMs ${latencyMs} is not a finite non-negative number`,
    );
  }
  const clock = options.clock ?? REAL_CLOCK;
  const [addressA, addressB] = options.addresses ?? ["memory:a", "memory:b"];
  const a = new MemoryTransport(addressA, addressB, maxChunkSize);
  const b = new MemoryTransport(addressB, addressA, maxChunkSize);
  a.attach(new Pipe(latencyMs, clock, (segment) => b.receive(segment)));
  b.attach(new Pipe(latencyMs, clock, (segment) => a.receive(segment)));
  return [a, b];
}
