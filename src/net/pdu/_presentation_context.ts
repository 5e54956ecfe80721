/**
 * Presentation Context items, read and written: 0x20 in an A-ASSOCIATE-RQ (PS3.8 9.3.2.2,
 * Tables 9-13 to 9-15) and 0x21 in an A-ASSOCIATE-AC (PS3.8 9.3.3.2, Tables 9-18 and 9-19).
 * @module
 */
import {
  ITEM_TYPE,
  type PresentationContextAc,
  type PresentationContextResult,
  type PresentationContextRq,
  type RawItem,
} from "./pdu_types.ts";
import { type ItemHeader, type PduCursor, ReservedBytes } from "./_pdu_cursor.ts";
import { type PduWriter, ReservedSource } from "./_pdu_writer.ts";
import { arrangeItems, type ItemEntry, keptItemOrder } from "./_item_order.ts";
import { readRawItem, writeRawItem } from "./_raw_item.ts";

/** Reads a Presentation Context item of an A-ASSOCIATE-RQ whose header is `item`. */
export function readPresentationContextRq(
  cur: PduCursor,
  item: ItemHeader,
): PresentationContextRq {
  const reserved = new ReservedBytes();
  reserved.push(item.reserved);
  const at = item.contentStart;
  // Table 9-13: byte 5 presentation-context-ID, bytes 6, 7, 8 reserved, 9-xxx sub-items.
  cur.need(at, 4, item.end, "Presentation Context fields");
  reserved.push(cur.u8(at + 1), cur.u8(at + 2), cur.u8(at + 3));
  let abstractSyntax: string | undefined;
  const transferSyntaxes: string[] = [];
  const unknown: RawItem[] = [];
  const types: number[] = [];
  for (const h of cur.items(at + 4, item.end)) {
    types.push(h.itemType);
    if (h.itemType === ITEM_TYPE.ABSTRACT_SYNTAX) { // Table 9-14
      if (abstractSyntax !== undefined) cur.fail("repeated Abstract Syntax item", h.start);
      reserved.push(h.reserved);
      abstractSyntax = cur.text(h.contentStart, h.end);
    } else if (h.itemType === ITEM_TYPE.TRANSFER_SYNTAX) { // Table 9-15
      reserved.push(h.reserved);
      transferSyntaxes.push(cur.text(h.contentStart, h.end));
    } else {
      unknown.push(readRawItem(cur, h));
    }
  }
  if (abstractSyntax === undefined) {
    cur.fail(`Presentation Context ${cur.u8(at)} has no Abstract Syntax item`, item.start);
  }
  const pc: PresentationContextRq = { id: cur.u8(at), abstractSyntax, transferSyntaxes };
  if (unknown.length > 0) pc.unknownItems = unknown;
  const order = keptItemOrder(types);
  if (order) pc.itemOrder = order;
  const r = reserved.result();
  if (r) pc.reserved = r;
  return pc;
}

/** Reads a Presentation Context item of an A-ASSOCIATE-AC whose header is `item`. */
export function readPresentationContextAc(
  cur: PduCursor,
  item: ItemHeader,
): PresentationContextAc {
  const reserved = new ReservedBytes();
  reserved.push(item.reserved);
  const at = item.contentStart;
  // Table 9-18: byte 5 presentation-context-ID, 6 reserved, 7 result/reason, 8 reserved,
  // 9-xxx the transfer syntax sub-item.
  cur.need(at, 4, item.end, "Presentation Context fields");
  reserved.push(cur.u8(at + 1), cur.u8(at + 3));
  const result = cur.u8(at + 2);
  if (result > 4) cur.fail(`Presentation Context result/reason ${result} is not 0-4`, at + 2);
  let transferSyntax: string | undefined;
  const unknown: RawItem[] = [];
  const types: number[] = [];
  for (const h of cur.items(at + 4, item.end)) {
    types.push(h.itemType);
    if (h.itemType === ITEM_TYPE.TRANSFER_SYNTAX) { // Table 9-19
      if (transferSyntax !== undefined) cur.fail("repeated Transfer Syntax item", h.start);
      reserved.push(h.reserved);
      transferSyntax = cur.text(h.contentStart, h.end);
    } else {
      unknown.push(readRawItem(cur, h));
    }
  }
  const pc: PresentationContextAc = { id: cur.u8(at), result: result as PresentationContextResult };
  if (transferSyntax !== undefined) pc.transferSyntax = transferSyntax;
  if (unknown.length > 0) pc.unknownItems = unknown;
  const order = keptItemOrder(types);
  if (order) pc.itemOrder = order;
  const r = reserved.result();
  if (r) pc.reserved = r;
  return pc;
}

function writeSyntax(w: PduWriter, type: number, reserved: number, name: string, field: string) {
  const at = w.beginItem(type, reserved);
  w.text(name, field);
  w.endItem(at, field);
}

/** Writes a Presentation Context item of an A-ASSOCIATE-RQ. */
export function writePresentationContextRq(w: PduWriter, pc: PresentationContextRq): void {
  const reserved = new ReservedSource(pc.reserved);
  const at = w.beginItem(ITEM_TYPE.PRESENTATION_CONTEXT_RQ, reserved.next());
  w.uint8(pc.id, "presentation context id");
  w.bytes(reserved.take(3));
  const entries: ItemEntry[] = [{
    type: ITEM_TYPE.ABSTRACT_SYNTAX,
    write: () =>
      writeSyntax(
        w,
        ITEM_TYPE.ABSTRACT_SYNTAX,
        reserved.next(),
        pc.abstractSyntax,
        "abstractSyntax",
      ),
  }];
  for (const ts of pc.transferSyntaxes) {
    entries.push({
      type: ITEM_TYPE.TRANSFER_SYNTAX,
      write: () =>
        writeSyntax(w, ITEM_TYPE.TRANSFER_SYNTAX, reserved.next(), ts, "transferSyntaxes"),
    });
  }
  for (const item of pc.unknownItems ?? []) {
    entries.push({ type: item.itemType, write: () => writeRawItem(w, item) });
  }
  for (const entry of arrangeItems(entries, pc.itemOrder)) entry.write();
  w.endItem(at, "Presentation Context", pc.lengthOverride);
}

/** Writes a Presentation Context item of an A-ASSOCIATE-AC. */
export function writePresentationContextAc(w: PduWriter, pc: PresentationContextAc): void {
  const reserved = new ReservedSource(pc.reserved);
  const at = w.beginItem(ITEM_TYPE.PRESENTATION_CONTEXT_AC, reserved.next());
  w.uint8(pc.id, "presentation context id");
  w.uint8(reserved.next(), "reserved byte");
  w.uint8(pc.result, "presentation context result");
  w.uint8(reserved.next(), "reserved byte");
  const entries: ItemEntry[] = [];
  const ts = pc.transferSyntax;
  if (ts !== undefined) {
    entries.push({
      type: ITEM_TYPE.TRANSFER_SYNTAX,
      write: () => writeSyntax(w, ITEM_TYPE.TRANSFER_SYNTAX, reserved.next(), ts, "transferSyntax"),
    });
  }
  for (const item of pc.unknownItems ?? []) {
    entries.push({ type: item.itemType, write: () => writeRawItem(w, item) });
  }
  for (const entry of arrangeItems(entries, pc.itemOrder)) entry.write();
  w.endItem(at, "Presentation Context (AC)", pc.lengthOverride);
}
