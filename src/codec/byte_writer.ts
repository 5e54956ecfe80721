/**
 * A growable byte buffer with "reserve a length, fill it in later", for data sets, items, group
 * lengths and (later) PDUs.
 * @module
 */

/**
 * Appends bytes and numbers to a growing buffer.
 * @example
 * ```ts
 * import { ByteWriter } from "./byte_writer.ts";
 * const w = new ByteWriter(true);
 * const at = w.reserveUint32();
 * w.uint16(0x1234);
 * w.fillUint32(at, w.length - at - 4);
 * w.finish(); // Uint8Array [2, 0, 0, 0, 0x34, 0x12]
 * ```
 */
export class ByteWriter {
  /** Byte order of the numbers written. */
  littleEndian: boolean;
  #buffer: Uint8Array;
  #view: DataView;
  #length = 0;

  constructor(littleEndian = true, initialCapacity = 64 * 1024) {
    this.littleEndian = littleEndian;
    this.#buffer = new Uint8Array(initialCapacity);
    this.#view = new DataView(this.#buffer.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  #ensure(extra: number): void {
    const needed = this.#length + extra;
    if (needed <= this.#buffer.length) return;
    let capacity = this.#buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = next;
    this.#view = new DataView(next.buffer);
  }

  /** Appends one byte. */
  uint8(value: number): void {
    this.#ensure(1);
    this.#buffer[this.#length++] = value;
  }

  /** Appends a 16-bit unsigned number. */
  uint16(value: number): void {
    this.#ensure(2);
    this.#view.setUint16(this.#length, value, this.littleEndian);
    this.#length += 2;
  }

  /** Appends a 32-bit unsigned number. */
  uint32(value: number): void {
    this.#ensure(4);
    this.#view.setUint32(this.#length, value, this.littleEndian);
    this.#length += 4;
  }

  /** Appends a tag as group then element, each 16-bit in the writer's byte order. */
  tag(tag: number): void {
    this.uint16(Math.floor(tag / 0x10000) & 0xffff);
    this.uint16(tag & 0xffff);
  }

  /** Appends bytes. */
  bytes(data: Uint8Array): void {
    this.#ensure(data.length);
    this.#buffer.set(data, this.#length);
    this.#length += data.length;
  }

  /** Appends two ASCII characters (a VR code). */
  ascii2(code: string): void {
    this.#ensure(2);
    this.#buffer[this.#length++] = code.charCodeAt(0);
    this.#buffer[this.#length++] = code.charCodeAt(1);
  }

  /** Reserves a 32-bit number to fill in later; returns its position. */
  reserveUint32(): number {
    const at = this.#length;
    this.uint32(0);
    return at;
  }

  /** Fills in a reserved 32-bit number. */
  fillUint32(at: number, value: number): void {
    this.#view.setUint32(at, value, this.littleEndian);
  }

  /** The bytes written (a view; the writer must not be used afterwards). */
  finish(): Uint8Array {
    return this.#buffer.subarray(0, this.#length);
  }
}
