/**
 * Splits a byte stream into whole PDUs without decoding them: for proxies and recorders that
 * must pass PDUs on byte for byte.
 * @module
 */
import type { PduLimitError } from "./errors.ts";
import { DEFAULT_MAX_PDU_LENGTH, pduLimitError } from "./_limits.ts";

/**
 * Push chunks in, take raw PDUs (6-byte header and body) out. A PDU inside one chunk comes out
 * as a view of it (chunks must not be reused); a PDU split across chunks is copied once.
 * A header announcing more than the limit throws a `PduLimitError`, and so does every later
 * call (the stream cannot be framed any more).
 * @example
 * ```ts
 * import { PduFramer } from "./pdu_framer.ts";
 * const framer = new PduFramer();
 * const bytes = Uint8Array.of(5, 0, 0, 0, 0, 4, 0, 0, 0, 0, 6, 0, 0, 0);
 * [...framer.push(bytes)].map((pdu) => pdu[0]); // [5]
 * [...framer.push(Uint8Array.of(0, 4, 0, 0, 0, 0))].map((pdu) => pdu[0]); // [6]
 * ```
 */
export class PduFramer {
  /** Largest accepted PDU length (after the header), any type; 0 = no limit. */
  maxPduLength: number;
  #chunks: Uint8Array[] = [];
  #offset = 0;
  #buffered = 0;
  #error: PduLimitError | undefined;

  /** A framer with a PDU length limit (default 1 MiB; 0 = none). */
  constructor(options: { maxPduLength?: number } = {}) {
    this.maxPduLength = options.maxPduLength ?? DEFAULT_MAX_PDU_LENGTH;
  }

  /** Bytes received and not yet returned. */
  get bufferedLength(): number {
    return this.#buffered;
  }

  /** Appends a chunk and yields every PDU it completes. */
  *push(chunk: Uint8Array): Generator<Uint8Array> {
    if (this.#error) throw this.#error;
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    while (this.#buffered >= 6) {
      const header = this.#peek(6);
      const length = ((header[2] << 24) >>> 0) + (header[3] << 16) + (header[4] << 8) + header[5];
      const error = pduLimitError(header[0], length, this.maxPduLength, this.maxPduLength);
      if (error) {
        this.#error = error;
        this.#chunks = [];
        this.#buffered = 0;
        throw error;
      }
      if (this.#buffered < 6 + length) return;
      yield this.#take(6 + length);
    }
  }

  #peek(n: number): Uint8Array {
    const first = this.#chunks[0];
    if (first.length - this.#offset >= n) return first.subarray(this.#offset, this.#offset + n);
    const out = new Uint8Array(n);
    let filled = 0;
    let offset = this.#offset;
    for (const c of this.#chunks) {
      const part = c.subarray(offset, offset + n - filled);
      out.set(part, filled);
      filled += part.length;
      offset = 0;
      if (filled === n) break;
    }
    return out;
  }

  #take(n: number): Uint8Array {
    this.#buffered -= n;
    const first = this.#chunks[0];
    if (first.length - this.#offset >= n) {
      const out = first.subarray(this.#offset, this.#offset + n);
      this.#offset += n;
      if (this.#offset === first.length) {
        this.#chunks.shift();
        this.#offset = 0;
      }
      return out;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const c = this.#chunks[0];
      const part = c.subarray(this.#offset, this.#offset + n - filled);
      out.set(part, filled);
      filled += part.length;
      this.#offset += part.length;
      if (this.#offset === c.length) {
        this.#chunks.shift();
        this.#offset = 0;
      }
    }
    return out;
  }
}
