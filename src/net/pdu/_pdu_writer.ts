/**
 * A growable big-endian byte writer for PDUs (PS3.8 9.3.1: all fields big endian) with "reserve a
 * length, fill it in later" for PDU and item lengths, and checks that raise PduEncodeError.
 * @module
 */
import { PduEncodeError } from "./errors.ts";
import { isLatin1 } from "./_text.ts";

/** Appends PDU fields; every number is checked against its field width. */
export class PduWriter {
  readonly pduName: string;
  #buffer: Uint8Array;
  #view: DataView;
  #length = 0;

  constructor(pduName: string, initialCapacity = 1024) {
    this.pduName = pduName;
    this.#buffer = new Uint8Array(initialCapacity);
    this.#view = new DataView(this.#buffer.buffer);
  }

  get length(): number {
    return this.#length;
  }

  fail(detail: string): never {
    throw new PduEncodeError(detail, this.pduName);
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

  check(value: number, bytes: 1 | 2 | 4, field: string): number {
    const max = bytes === 1 ? 0xff : bytes === 2 ? 0xffff : 0xffffffff;
    if (!Number.isInteger(value) || value < 0 || value > max) {
      this.fail(`${field} ${value} does not fit in ${bytes === 1 ? "1 byte" : `${bytes} bytes`}`);
    }
    return value;
  }

  uint8(value: number, field: string): void {
    this.check(value, 1, field);
    this.#ensure(1);
    this.#buffer[this.#length++] = value;
  }

  uint16(value: number, field: string): void {
    this.check(value, 2, field);
    this.#ensure(2);
    this.#view.setUint16(this.#length, value);
    this.#length += 2;
  }

  uint32(value: number, field: string): void {
    this.check(value, 4, field);
    this.#ensure(4);
    this.#view.setUint32(this.#length, value);
    this.#length += 4;
  }

  bytes(data: Uint8Array): void {
    this.#ensure(data.length);
    this.#buffer.set(data, this.#length);
    this.#length += data.length;
  }

  /** Writes text one byte per character. */
  text(value: string, field: string): void {
    if (!isLatin1(value)) this.fail(`${field} has characters outside Latin-1`);
    this.#ensure(value.length);
    for (let i = 0; i < value.length; i++) this.#buffer[this.#length++] = value.charCodeAt(i);
  }

  /** Writes a 2-byte length and the text. */
  lengthPrefixedText(value: string, field: string): void {
    if (value.length > 0xffff) this.fail(`${field} is longer than 65535 bytes`);
    this.uint16(value.length, field);
    this.text(value, field);
  }

  /** Writes a 2-byte length and the bytes. */
  lengthPrefixedBytes(value: Uint8Array, field: string): void {
    if (value.length > 0xffff) this.fail(`${field} is longer than 65535 bytes`);
    this.uint16(value.length, field);
    this.bytes(value);
  }

  /** Starts an item: type, reserved byte, and a length to fill in with `endItem`. */
  beginItem(itemType: number, reserved: number): number {
    const at = this.#length;
    this.uint8(itemType, "item type");
    this.uint8(reserved, "reserved byte");
    this.uint16(0, "item length");
    return at;
  }

  /** Fills in the length of the item begun at `at`. */
  endItem(at: number, what: string, lengthOverride?: number): void {
    const length = this.#length - at - 4;
    if (lengthOverride !== undefined) {
      this.#view.setUint16(at + 2, this.check(lengthOverride, 2, `${what} lengthOverride`));
    } else if (length > 0xffff) {
      this.fail(`${what} item length ${length} exceeds 65535`);
    } else {
      this.#view.setUint16(at + 2, length);
    }
  }

  /** Reserves a 32-bit number to fill in later; returns its position. */
  reserveUint32(): number {
    const at = this.#length;
    this.uint32(0, "length");
    return at;
  }

  /** Fills in a reserved 32-bit number. */
  fillUint32(at: number, value: number, field: string): void {
    this.#view.setUint32(at, this.check(value, 4, field));
  }

  /** The bytes written (a view; the writer must not be used afterwards). */
  finish(): Uint8Array {
    return this.#buffer.subarray(0, this.#length);
  }
}

/** Hands out reserved bytes in wire order from a `reserved` field; 0 once it runs out. */
export class ReservedSource {
  #bytes: Uint8Array | undefined;
  #at = 0;
  constructor(bytes: Uint8Array | undefined) {
    this.#bytes = bytes;
  }

  next(): number {
    return this.#bytes?.[this.#at++] ?? 0;
  }

  /** The next `n` bytes. */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next();
    return out;
  }
}
