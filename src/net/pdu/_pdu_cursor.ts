/**
 * Bounds-checked reading inside one PDU, with errors that carry the PDU type and offset.
 * @module
 */
import { PduDecodeError } from "./errors.ts";
import { itemTypeName } from "./names.ts";
import { latin1 } from "./_text.ts";

/** The header of an item or sub-item (PS3.8 9.3: type, reserved, 16-bit length). */
export interface ItemHeader {
  /** Item type, byte 1. */
  itemType: number;
  /** Byte 2. */
  reserved: number;
  /** Offset of the item header. */
  start: number;
  /** Offset of the first byte after the header. */
  contentStart: number;
  /** Offset of the first byte after the item. */
  end: number;
}

/** A view of one whole PDU (header included). */
export class PduCursor {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly pduType: number;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pduType = bytes[0];
  }

  /** Throws a PduDecodeError. */
  fail(detail: string, offset: number): never {
    throw new PduDecodeError(detail, this.pduType, offset);
  }

  u8(at: number): number {
    return this.bytes[at];
  }

  u16(at: number): number {
    return this.view.getUint16(at);
  }

  u32(at: number): number {
    return this.view.getUint32(at);
  }

  text(start: number, end: number): string {
    return latin1(this.bytes, start, end);
  }

  /** Checks that `need` bytes are left before `end`. */
  need(at: number, need: number, end: number, what: string): void {
    if (at + need > end) {
      this.fail(`expected ${need} bytes of ${what} but only ${end - at} remain`, at);
    }
  }

  /** The items between `start` and `end`, which they must fill exactly. */
  *items(start: number, end: number): Generator<ItemHeader> {
    let at = start;
    while (at < end) {
      this.need(at, 4, end, "item header");
      const itemType = this.bytes[at];
      const length = this.view.getUint16(at + 2);
      if (at + 4 + length > end) {
        this.fail(
          `${itemTypeName(itemType)} item length ${length} exceeds remaining ${end - at - 4} bytes`,
          at + 2,
        );
      }
      yield {
        itemType,
        reserved: this.bytes[at + 1],
        start: at,
        contentStart: at + 4,
        end: at + 4 + length,
      };
      at += 4 + length;
    }
  }

  /** Reads a 2-byte length and that many bytes of text, checked against `end`. */
  lengthPrefixedText(at: number, end: number, what: string): { value: string; next: number } {
    this.need(at, 2, end, `${what} length`);
    const length = this.u16(at);
    if (at + 2 + length > end) {
      this.fail(`${what} length ${length} exceeds remaining ${end - at - 2} bytes`, at);
    }
    return { value: this.text(at + 2, at + 2 + length), next: at + 2 + length };
  }

  /** Reads a 2-byte length and that many bytes, checked against `end`. */
  lengthPrefixedBytes(at: number, end: number, what: string): { value: Uint8Array; next: number } {
    this.need(at, 2, end, `${what} length`);
    const length = this.u16(at);
    if (at + 2 + length > end) {
      this.fail(`${what} length ${length} exceeds remaining ${end - at - 2} bytes`, at);
    }
    return { value: this.bytes.subarray(at + 2, at + 2 + length), next: at + 2 + length };
  }
}

/** Collects reserved bytes in wire order; the result is absent when all are 0. */
export class ReservedBytes {
  #bytes: number[] = [];
  #nonZero = false;

  push(...values: number[]): void {
    for (const v of values) {
      this.#bytes.push(v);
      if (v !== 0) this.#nonZero = true;
    }
  }

  pushRange(bytes: Uint8Array): void {
    for (const v of bytes) this.push(v);
  }

  result(): Uint8Array | undefined {
    return this.#nonZero ? Uint8Array.from(this.#bytes) : undefined;
  }
}
