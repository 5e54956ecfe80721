/**
 * The receiving half every transport shares (internal): buffers chunks until the data listener
 * is set, delivers them in order, and runs the close listeners once, after the data.
 * @module
 */
import type { TransportCloseInfo } from "./transport.ts";

/**
 * Inbound chunks and close notification of one transport.
 * @example
 * ```ts
 * import { Inbox } from "./_inbox.ts";
 * const inbox = new Inbox("memory-1a", (error) => console.error(error));
 * inbox.push(new Uint8Array([1]));
 * inbox.setDataListener((chunk) => console.log(chunk)); // delivered on a microtask
 * inbox.close({});
 * ```
 */
export class Inbox {
  readonly #id: string;
  readonly #onListenerError: (error: unknown) => void;
  #dataListener: ((chunk: Uint8Array) => void) | undefined;
  #pending: Uint8Array[] = [];
  #head = 0;
  #flushScheduled = false;
  #delivering = false;
  #discarding = false;
  #closeListeners: ((info: TransportCloseInfo) => void)[] = [];
  #closeInfo: TransportCloseInfo | undefined;
  #resolveClosed!: () => void;
  /** Resolves when `close` has run. */
  readonly closed: Promise<void>;

  /** `onListenerError` is called when the data listener throws (the transport destroys itself). */
  constructor(id: string, onListenerError: (error: unknown) => void) {
    this.#id = id;
    this.#onListenerError = onListenerError;
    this.closed = new Promise((resolve) => this.#resolveClosed = resolve);
  }

  /** True once `close` has run. */
  get isClosed(): boolean {
    return this.#closeInfo !== undefined;
  }

  /** Sets the one data listener; buffered chunks follow on a microtask. */
  setDataListener(listener: (chunk: Uint8Array) => void): void {
    if (this.#dataListener !== undefined) {
      throw new TypeError(`Cannot set a data listener on ${this.#id}: one is already set`);
    }
    this.#dataListener = listener;
    if (this.#head < this.#pending.length) this.#scheduleFlush();
  }

  /** Adds a close listener; after the close it is called on a microtask. */
  addCloseListener(listener: (info: TransportCloseInfo) => void): void {
    const info = this.#closeInfo;
    if (info === undefined) this.#closeListeners.push(listener);
    else queueMicrotask(() => listener(info));
  }

  /** A chunk arrived; ignored after `close` or `discard`. */
  push(chunk: Uint8Array): void {
    if (this.#closeInfo !== undefined || this.#discarding) return;
    this.#pending.push(chunk);
    if (this.#dataListener !== undefined) this.#drain();
  }

  /** Drops buffered chunks and ignores later ones (local abort). */
  discard(): void {
    this.#discarding = true;
    this.#pending = [];
    this.#head = 0;
  }

  /** Closes once: delivers what is buffered (if a listener is set), then runs close listeners. */
  close(info: TransportCloseInfo): void {
    if (this.#closeInfo !== undefined) return;
    if (this.#dataListener !== undefined) this.#drain();
    this.#closeInfo = info;
    const listeners = this.#closeListeners;
    this.#closeListeners = [];
    for (const listener of listeners) {
      try {
        listener(info);
      } catch (error) {
        // A close listener's bug must not stop the others; surface it as an uncaught error.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    this.#resolveClosed();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      this.#drain();
    });
  }

  /** Delivers buffered chunks in order; chunks pushed by the listener itself join the loop. */
  #drain(): void {
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      while (this.#head < this.#pending.length && !this.#discarding) {
        const chunk = this.#pending[this.#head];
        this.#head += 1;
        try {
          this.#dataListener!(chunk);
        } catch (error) {
          this.discard();
          this.#onListenerError(error);
        }
      }
    } finally {
      this.#delivering = false;
      this.#pending = this.#pending.slice(this.#head);
      this.#head = 0;
    }
  }
}
