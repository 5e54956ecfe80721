/**
 * The User Information item (0x50) and its sub-items, read and written (PS3.8 9.3.2.3, Annex D;
 * PS3.7 Annex D.3.3).
 * @module
 */
import { ITEM_TYPE, type RawItem, type UserInformation } from "./pdu_types.ts";
import { itemTypeName } from "./names.ts";
import { type ItemHeader, type PduCursor, ReservedBytes } from "./_pdu_cursor.ts";
import { type PduWriter, ReservedSource } from "./_pdu_writer.ts";
import { readRawItem, writeRawItem } from "./_raw_item.ts";
import { arrangeItems, type ItemEntry, keptItemOrder } from "./_item_order.ts";

function ownReserved(value: number): Uint8Array | undefined {
  return value === 0 ? undefined : Uint8Array.of(value);
}

/** Fails unless the sub-item content is exactly `expected` bytes. */
function expectLength(cur: PduCursor, h: ItemHeader, expected: number): void {
  const length = h.end - h.contentStart;
  if (length !== expected) {
    cur.fail(
      `${itemTypeName(h.itemType)} item length ${length}, expected ${expected}`,
      h.start + 2,
    );
  }
}

/** Fails unless `at` is the end of the sub-item. */
function expectEnd(cur: PduCursor, h: ItemHeader, at: number, after: string): void {
  if (at !== h.end) {
    cur.fail(
      `${itemTypeName(h.itemType)} item has ${h.end - at} bytes after the ${after}, expected none`,
      at,
    );
  }
}

/** Reads a User Information item whose header is `item`. */
export function readUserInformation(cur: PduCursor, item: ItemHeader): UserInformation {
  const ui: UserInformation = {};
  const reserved = new ReservedBytes();
  reserved.push(item.reserved);
  const types: number[] = [];
  const unknown: RawItem[] = [];
  const once = (h: ItemHeader, present: unknown) => {
    if (present !== undefined) cur.fail(`repeated ${itemTypeName(h.itemType)} item`, h.start);
  };
  for (const h of cur.items(item.contentStart, item.end)) {
    types.push(h.itemType);
    const at = h.contentStart;
    switch (h.itemType) {
      case ITEM_TYPE.MAXIMUM_LENGTH: // PS3.8 D.1: bytes 5-8 Maximum-length-received
        once(h, ui.maximumLength);
        expectLength(cur, h, 4);
        reserved.push(h.reserved);
        ui.maximumLength = cur.u32(at);
        break;
      case ITEM_TYPE.IMPLEMENTATION_CLASS_UID: // PS3.7 D.3.3.2: bytes 5-xxx UID
        once(h, ui.implementationClassUid);
        reserved.push(h.reserved);
        ui.implementationClassUid = cur.text(at, h.end);
        break;
      case ITEM_TYPE.ASYNCHRONOUS_OPERATIONS_WINDOW: { // PS3.7 D.3.3.3
        once(h, ui.asynchronousOperationsWindow);
        expectLength(cur, h, 4);
        ui.asynchronousOperationsWindow = {
          maxOperationsInvoked: cur.u16(at), // bytes 5-6
          maxOperationsPerformed: cur.u16(at + 2), // bytes 7-8
        };
        const r = ownReserved(h.reserved);
        if (r) ui.asynchronousOperationsWindow.reserved = r;
        break;
      }
      case ITEM_TYPE.ROLE_SELECTION: { // PS3.7 D.3.3.4: UID length, UID, SCU-role, SCP-role
        const uid = cur.lengthPrefixedText(at, h.end, "SOP class UID");
        if (uid.next + 2 !== h.end) {
          cur.fail(
            `SCP/SCU Role Selection item has ${
              h.end - uid.next
            } bytes after the SOP class UID, expected 2`,
            uid.next,
          );
        }
        const role = {
          sopClassUid: uid.value,
          scuRole: cur.u8(uid.next),
          scpRole: cur.u8(uid.next + 1),
        };
        const r = ownReserved(h.reserved);
        (ui.roleSelections ??= []).push(r ? { ...role, reserved: r } : role);
        break;
      }
      case ITEM_TYPE.IMPLEMENTATION_VERSION_NAME: // PS3.7 D.3.3.2: bytes 5-xxx name
        once(h, ui.implementationVersionName);
        reserved.push(h.reserved);
        ui.implementationVersionName = cur.text(at, h.end);
        break;
      case ITEM_TYPE.SOP_CLASS_EXTENDED_NEGOTIATION: { // PS3.7 D.3.3.5: UID length, UID, info
        const uid = cur.lengthPrefixedText(at, h.end, "SOP class UID");
        const ext = {
          sopClassUid: uid.value,
          serviceClassApplicationInformation: cur.bytes.subarray(uid.next, h.end),
        };
        const r = ownReserved(h.reserved);
        (ui.sopClassExtendedNegotiations ??= []).push(r ? { ...ext, reserved: r } : ext);
        break;
      }
      case ITEM_TYPE.SOP_CLASS_COMMON_EXTENDED_NEGOTIATION: {
        // PS3.7 D.3.3.6 (Table D.3-12): byte 2 sub-item version; SOP class UID, service class
        // UID, then the related general SOP class identification (Table D.3-13), each with a
        // 2-byte length.
        const sop = cur.lengthPrefixedText(at, h.end, "SOP class UID");
        const service = cur.lengthPrefixedText(sop.next, h.end, "service class UID");
        cur.need(service.next, 2, h.end, "related general SOP class identification length");
        const relatedLength = cur.u16(service.next);
        const relatedStart = service.next + 2;
        if (relatedStart + relatedLength > h.end) {
          cur.fail(
            `related general SOP class identification length ${relatedLength} exceeds remaining ${
              h.end - relatedStart
            } bytes`,
            service.next,
          );
        }
        const related: string[] = [];
        let r = relatedStart;
        while (r < relatedStart + relatedLength) {
          const uid = cur.lengthPrefixedText(
            r,
            relatedStart + relatedLength,
            "related general SOP class UID",
          );
          related.push(uid.value);
          r = uid.next;
        }
        expectEnd(cur, h, relatedStart + relatedLength, "related general SOP class identification");
        const common = {
          sopClassUid: sop.value,
          serviceClassUid: service.value,
          relatedGeneralSopClassUids: related,
        };
        (ui.sopClassCommonExtendedNegotiations ??= []).push(
          h.reserved ? { ...common, subItemVersion: h.reserved } : common,
        );
        break;
      }
      case ITEM_TYPE.USER_IDENTITY_RQ: { // PS3.7 D.3.3.7.1 (Table D.3-14)
        once(h, ui.userIdentity);
        cur.need(at, 2, h.end, "User Identity type and flag");
        const primary = cur.lengthPrefixedBytes(at + 2, h.end, "primary field");
        const secondary = cur.lengthPrefixedBytes(primary.next, h.end, "secondary field");
        expectEnd(cur, h, secondary.next, "secondary field");
        ui.userIdentity = {
          userIdentityType: cur.u8(at), // byte 5
          positiveResponseRequested: cur.u8(at + 1), // byte 6
          primaryField: primary.value,
          secondaryField: secondary.value,
        };
        const r = ownReserved(h.reserved);
        if (r) ui.userIdentity.reserved = r;
        break;
      }
      case ITEM_TYPE.USER_IDENTITY_AC: { // PS3.7 D.3.3.7.2 (Table D.3-15)
        once(h, ui.userIdentityResponse);
        const response = cur.lengthPrefixedBytes(at, h.end, "server response");
        expectEnd(cur, h, response.next, "server response");
        ui.userIdentityResponse = { serverResponse: response.value };
        const r = ownReserved(h.reserved);
        if (r) ui.userIdentityResponse.reserved = r;
        break;
      }
      default:
        unknown.push(readRawItem(cur, h));
    }
  }
  if (unknown.length > 0) ui.unknownItems = unknown;
  const order = keptItemOrder(types);
  if (order) ui.itemOrder = order;
  const r = reserved.result();
  if (r) ui.reserved = r;
  return ui;
}

/** Writes a User Information item. */
export function writeUserInformation(w: PduWriter, ui: UserInformation): void {
  const reserved = new ReservedSource(ui.reserved);
  const at = w.beginItem(ITEM_TYPE.USER_INFORMATION, reserved.next());
  const entries: ItemEntry[] = [];
  const add = (type: number, write: () => void) => entries.push({ type, write });
  const plain = (type: number, body: () => void) =>
    add(type, () => {
      const start = w.beginItem(type, reserved.next());
      body();
      w.endItem(start, itemTypeName(type));
    });
  if (ui.maximumLength !== undefined) {
    const value = ui.maximumLength;
    plain(ITEM_TYPE.MAXIMUM_LENGTH, () => w.uint32(value, "maximumLength"));
  }
  if (ui.implementationClassUid !== undefined) {
    const value = ui.implementationClassUid;
    plain(ITEM_TYPE.IMPLEMENTATION_CLASS_UID, () => w.text(value, "implementationClassUid"));
  }
  const window = ui.asynchronousOperationsWindow;
  if (window !== undefined) {
    add(ITEM_TYPE.ASYNCHRONOUS_OPERATIONS_WINDOW, () => {
      const start = w.beginItem(
        ITEM_TYPE.ASYNCHRONOUS_OPERATIONS_WINDOW,
        window.reserved?.[0] ?? 0,
      );
      w.uint16(window.maxOperationsInvoked, "maxOperationsInvoked");
      w.uint16(window.maxOperationsPerformed, "maxOperationsPerformed");
      w.endItem(start, "Asynchronous Operations Window");
    });
  }
  for (const role of ui.roleSelections ?? []) {
    add(ITEM_TYPE.ROLE_SELECTION, () => {
      const start = w.beginItem(ITEM_TYPE.ROLE_SELECTION, role.reserved?.[0] ?? 0);
      w.lengthPrefixedText(role.sopClassUid, "roleSelections sopClassUid");
      w.uint8(role.scuRole, "scuRole");
      w.uint8(role.scpRole, "scpRole");
      w.endItem(start, "SCP/SCU Role Selection", role.lengthOverride);
    });
  }
  if (ui.implementationVersionName !== undefined) {
    const value = ui.implementationVersionName;
    plain(ITEM_TYPE.IMPLEMENTATION_VERSION_NAME, () => w.text(value, "implementationVersionName"));
  }
  for (const ext of ui.sopClassExtendedNegotiations ?? []) {
    add(ITEM_TYPE.SOP_CLASS_EXTENDED_NEGOTIATION, () => {
      const start = w.beginItem(ITEM_TYPE.SOP_CLASS_EXTENDED_NEGOTIATION, ext.reserved?.[0] ?? 0);
      w.lengthPrefixedText(ext.sopClassUid, "sopClassExtendedNegotiations sopClassUid");
      w.bytes(ext.serviceClassApplicationInformation);
      w.endItem(start, "SOP Class Extended Negotiation", ext.lengthOverride);
    });
  }
  for (const common of ui.sopClassCommonExtendedNegotiations ?? []) {
    add(ITEM_TYPE.SOP_CLASS_COMMON_EXTENDED_NEGOTIATION, () => {
      const start = w.beginItem(
        ITEM_TYPE.SOP_CLASS_COMMON_EXTENDED_NEGOTIATION,
        w.check(common.subItemVersion ?? 0, 1, "subItemVersion"),
      );
      w.lengthPrefixedText(common.sopClassUid, "sopClassCommonExtendedNegotiations sopClassUid");
      w.lengthPrefixedText(common.serviceClassUid, "serviceClassUid");
      let relatedLength = 0;
      for (const uid of common.relatedGeneralSopClassUids) relatedLength += 2 + uid.length;
      w.uint16(relatedLength, "related general SOP class identification length");
      for (const uid of common.relatedGeneralSopClassUids) {
        w.lengthPrefixedText(uid, "relatedGeneralSopClassUids");
      }
      w.endItem(start, "SOP Class Common Extended Negotiation", common.lengthOverride);
    });
  }
  const identity = ui.userIdentity;
  if (identity !== undefined) {
    add(ITEM_TYPE.USER_IDENTITY_RQ, () => {
      const start = w.beginItem(ITEM_TYPE.USER_IDENTITY_RQ, identity.reserved?.[0] ?? 0);
      w.uint8(identity.userIdentityType, "userIdentityType");
      w.uint8(identity.positiveResponseRequested, "positiveResponseRequested");
      w.lengthPrefixedBytes(identity.primaryField, "primaryField");
      w.lengthPrefixedBytes(identity.secondaryField, "secondaryField");
      w.endItem(start, "User Identity", identity.lengthOverride);
    });
  }
  const response = ui.userIdentityResponse;
  if (response !== undefined) {
    add(ITEM_TYPE.USER_IDENTITY_AC, () => {
      const start = w.beginItem(ITEM_TYPE.USER_IDENTITY_AC, response.reserved?.[0] ?? 0);
      w.lengthPrefixedBytes(response.serverResponse, "serverResponse");
      w.endItem(start, "User Identity (AC)", response.lengthOverride);
    });
  }
  for (const item of ui.unknownItems ?? []) add(item.itemType, () => writeRawItem(w, item));
  for (const entry of arrangeItems(entries, ui.itemOrder)) entry.write();
  w.endItem(at, "User Information", ui.lengthOverride);
}
