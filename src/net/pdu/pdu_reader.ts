/**
 * A push parser for a TCP byte stream of PDUs: chunks go in as they arrive, whole PDUs come
 * out, however the stream was split.
 * @module
 */
import type { Pdu } from "./pdu_types.ts";
import type { PduLimitError } from "./errors.ts";
import { decodePdu, type ReadPduOptions } from "./read_pdu.ts";
import { DEFAULT_MAX_PDU_LENGTH, pduLimitError } from "./_limits.ts";

/**
 * Splits a byte stream into PDUs. `push` a chunk, then iterate the reader to take every complete
 * PDU (or call `read()` for one at a time). PDUs that lie inside one chunk are decoded in place
 * (their values are views into the chunk, so chunks must not be reused); a PDU split across
 * chunks is copied once into a buffer of its exact size, allocated only after its length passed
 * the limit check.
 *
 * Errors come out of the iteration at the PDU that caused them, after every PDU before it:
 * - `PduDecodeError`: that PDU is malformed; it has been consumed and the stream stays framed.
 * - `PduLimitError`: the header announces a PDU longer than allowed; nothing more is buffered
 *   and every later call throws the same error (the stream cannot be framed any more).
 * @example
 * ```ts
 * import { PduReader } from "./pdu_reader.ts";
 * const reader = new PduReader({ maxPduLength: 16_384 });
 * const bytes = Uint8Array.of(5, 0, 0, 0, 0, 4, 0, 0, 0, 0, 6, 0, 0, 0, 0, 4, 0, 0, 0, 0);
 * [...reader.push(bytes.subarray(0, 7))]; // []
 * [...reader.push(bytes.subarray(7))]; // [{ type: "A-RELEASE-RQ" }, { type: "A-RELEASE-RP" }]
 * ```
 */
export class PduReader implements Iterable<Pdu> {
  /** Largest accepted P-DATA-TF PDU length; may be changed at any time, e.g. once the
   * association is negotiated. 0 = no limit. */
  maxPduLength: number;
  /** Largest accepted length of the other PDU types; 0 = no limit. */
  maxOtherPduLength: number;
  #chunks: Uint8Array[] = [];
  #offset = 0; // into #chunks[0]
  #buffered = 0;
  #error: PduLimitError | undefined;

  /** Creates a reader; see `ReadPduOptions` for the limits and their defaults. */
  constructor(options: ReadPduOptions = {}) {
    this.maxPduLength = options.maxPduLength ?? DEFAULT_MAX_PDU_LENGTH;
    this.maxOtherPduLength = options.maxOtherPduLength ?? DEFAULT_MAX_PDU_LENGTH;
  }

  /** Bytes received and not yet returned as PDUs. */
  get bufferedLength(): number {
    return this.#buffered;
  }

  /** Appends a chunk (ignored after a `PduLimitError`) and returns the reader, to iterate. */
  push(chunk: Uint8Array): this {
    if (this.#error === undefined && chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    return this;
  }

  /**
   * Takes the next complete PDU, or undefined when more bytes are needed.
   * @throws {PduLimitError} the next PDU is longer than allowed
   * @throws {PduDecodeError} the next PDU is malformed (it is consumed)
   */
  read(): Pdu | undefined {
    if (this.#error) throw this.#error;
    if (this.#buffered < 6) return undefined;
    const header = this.#peek(6);
    const pduLength = ((header[2] << 24) >>> 0) + (header[3] << 16) + (header[4] << 8) + header[5];
    const error = pduLimitError(header[0], pduLength, this.maxPduLength, this.maxOtherPduLength);
    if (error) {
      this.#error = error;
      this.#chunks = [];
      this.#offset = 0;
      this.#buffered = 0;
      throw error;
    }
    const length = 6 + pduLength;
    if (this.#buffered < length) return undefined;
    return decodePdu(this.#take(length));
  }

  /** Takes every complete PDU, in order. */
  *[Symbol.iterator](): Generator<Pdu> {
    for (let pdu = this.read(); pdu !== undefined; pdu = this.read()) yield pdu;
  }

  /** The first `n` buffered bytes, without consuming them (n <= bufferedLength). */
  #peek(n: number): Uint8Array {
    const first = this.#chunks[0];
    if (first.length - this.#offset >= n) return first.subarray(this.#offset, this.#offset + n);
    return this.#copy(n, false);
  }

  /** Consumes the first `n` buffered bytes: a view when they lie in one chunk, else a copy. */
  #take(n: number): Uint8Array {
    const first = this.#chunks[0];
    if (first.length - this.#offset >= n) {
      const out = first.subarray(this.#offset, this.#offset + n);
      this.#offset += n;
      this.#buffered -= n;
      if (this.#offset === first.length) {
        this.#chunks.shift();
        this.#offset = 0;
      }
      return out;
    }
    return this.#copy(n, true);
  }

  #copy(n: number, consume: boolean): Uint8Array {
    const adjacent = this.#adjacentView(n);
    if (adjacent !== undefined) {
      if (consume) this.#consume(n);
      return adjacent;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    let index = 0;
    let offset = this.#offset;
    while (filled < n) {
      const chunk = this.#chunks[index];
      const count = Math.min(chunk.length - offset, n - filled);
      out.set(chunk.subarray(offset, offset + count), filled);
      filled += count;
      offset += count;
      if (offset === chunk.length) {
        index++;
        offset = 0;
      }
    }
    if (consume) {
      this.#chunks.splice(0, index);
      this.#offset = offset;
      this.#buffered -= n;
    }
    return out;
  }

  /**
   * The first `n` bytes as one view when the chunks holding them lie next to each other in one
   * buffer (a transport reading into a large slab hands out such chunks): no copy needed.
   */
  #adjacentView(n: number): Uint8Array | undefined {
    const first = this.#chunks[0];
    let end = first.byteOffset + first.length;
    let have = first.length - this.#offset;
    for (let i = 1; have < n; i++) {
      const chunk = this.#chunks[i];
      if (chunk === undefined || chunk.buffer !== first.buffer || chunk.byteOffset !== end) {
        return undefined;
      }
      end += chunk.length;
      have += chunk.length;
    }
    return new Uint8Array(first.buffer, first.byteOffset + this.#offset, n);
  }

  /** Drops the first `n` buffered bytes. */
  #consume(n: number): void {
    let left = n;
    while (left > 0) {
      const first = this.#chunks[0];
      const available = first.length - this.#offset;
      if (available > left) {
        this.#offset += left;
        break;
      }
      left -= available;
      this.#chunks.shift();
      this.#offset = 0;
    }
    this.#buffered -= n;
  }
}
