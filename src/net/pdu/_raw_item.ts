/**
 * Items kept as bytes (PS3.8 9.3.1: items of unrecognized types are ignored; here they are kept so
 * they can be written back) and items built raw on purpose.
 * @module
 */
import type { RawItem } from "./pdu_types.ts";
import { itemTypeName } from "./names.ts";
import type { ItemHeader, PduCursor } from "./_pdu_cursor.ts";
import type { PduWriter } from "./_pdu_writer.ts";

/** A raw item from its header. */
export function readRawItem(cur: PduCursor, h: ItemHeader): RawItem {
  const item: RawItem = { itemType: h.itemType, data: cur.bytes.subarray(h.contentStart, h.end) };
  if (h.reserved !== 0) item.reserved = Uint8Array.of(h.reserved);
  return item;
}

/** Writes a raw item. */
export function writeRawItem(w: PduWriter, item: RawItem): void {
  const at = w.beginItem(item.itemType, item.reserved?.[0] ?? 0);
  w.bytes(item.data);
  w.endItem(at, itemTypeName(item.itemType), item.lengthOverride);
}
