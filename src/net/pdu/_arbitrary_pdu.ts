/**
 * fast-check arbitraries for random PDUs in the exact shape the reader returns (optional fields
 * absent when default, reserved bytes absent or not all zero, `itemOrder` only when not sorted),
 * so that `readPdu(writePdu(pdu))` deep-equals `pdu`. For tests only.
 * @module
 */
import fc from "fast-check";
import type {
  AssociateAcPdu,
  AssociateRqPdu,
  Pdu,
  Pdv,
  PresentationContextAc,
  PresentationContextRq,
  RawItem,
  UserInformation,
} from "./pdu_types.ts";
import { aeTitleFromBytes, isPlainAeTitle } from "./_text.ts";
import { arrangeItems } from "./_item_order.ts";

/** A plain object without the keys whose value is undefined or null (fc.option gives null;
 * fc.record gives null-prototype objects). */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
  ) as T;
}

const byte = fc.integer({ min: 0, max: 255 });
const text = fc.string({ unit: byte.map((c) => String.fromCharCode(c)), maxLength: 40 });
const uid = fc.oneof(
  fc.constantFrom("1.2.840.10008.1.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.3\0"),
  text,
);
const bytes = (maxLength = 24) => fc.uint8Array({ maxLength });

/** Reserved bytes of length n: absent, or not all zero. */
function reservedArb(n: number): fc.Arbitrary<Uint8Array | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    {
      arbitrary: fc.uint8Array({ minLength: n, maxLength: n }).filter((b) =>
        b.some((x) => x !== 0)
      ),
      weight: 1,
    },
  );
}

/** A permutation of `types` when it is not sorted, else undefined. */
function orderArb(types: number[]): fc.Arbitrary<number[] | undefined> {
  return fc.option(
    fc.array(fc.double({ noNaN: true }), { minLength: types.length, maxLength: types.length })
      .map((keys) => {
        const order = types.map((t, i) => ({ t, k: keys[i] })).sort((a, b) => a.k - b.k).map((x) =>
          x.t
        );
        return order.some((t, i) => i > 0 && t < order[i - 1]) ? order : undefined;
      }),
    { freq: 2 },
  ).map((o) => o ?? undefined);
}

/** Raw items whose types are not in `known`. */
function unknownItemsArb(known: number[]): fc.Arbitrary<RawItem[] | undefined> {
  const item = fc.record({
    itemType: byte.filter((t) => !known.includes(t)),
    data: bytes(),
    reserved: reservedArb(1),
  }).map(clean);
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }), weight: 1 },
  );
}

/**
 * Adds `itemOrder` and `reserved` to a structure once its item types are known (`types` lists
 * the known items' types, then those of `unknownItems`), and puts `unknownItems` in the order
 * they will have on the wire, which is the order the reader returns them in.
 */
function finish<T extends { unknownItems?: RawItem[] }>(
  base: fc.Arbitrary<T>,
  types: (value: T) => number[],
  reservedLength: (value: T) => number,
): fc.Arbitrary<T> {
  return base.chain((value) =>
    fc.tuple(orderArb(types(value)), reservedArb(reservedLength(value))).map(
      ([itemOrder, reserved]) => {
        const unknown = value.unknownItems ?? [];
        const known = types(value).slice(0, types(value).length - unknown.length);
        const entries = [
          ...known.map((type) => ({ type, write() {}, item: undefined as RawItem | undefined })),
          ...unknown.map((item) => ({ type: item.itemType, write() {}, item })),
        ];
        const wire = arrangeItems(entries, itemOrder) as typeof entries;
        const unknownItems = wire.flatMap((e) => e.item ? [e.item] : []);
        return clean({
          ...value,
          unknownItems: unknownItems.length > 0 ? unknownItems : undefined,
          itemOrder,
          reserved,
        });
      },
    )
  );
}

const rawTypes = (items: RawItem[] | undefined) => (items ?? []).map((i) => i.itemType);

const presentationContextRqArb: fc.Arbitrary<PresentationContextRq> = finish(
  fc.record({
    id: byte,
    abstractSyntax: uid,
    transferSyntaxes: fc.array(uid, { maxLength: 4 }),
    unknownItems: unknownItemsArb([0x30, 0x40]),
  }).map(clean),
  (pc) => [0x30, ...pc.transferSyntaxes.map(() => 0x40), ...rawTypes(pc.unknownItems)],
  (pc) => 5 + pc.transferSyntaxes.length,
);

const presentationContextAcArb: fc.Arbitrary<PresentationContextAc> = finish(
  fc.record({
    id: byte,
    result: fc.constantFrom(0, 1, 2, 3, 4) as fc.Arbitrary<0 | 1 | 2 | 3 | 4>,
    transferSyntax: fc.option(uid, { nil: undefined }),
    unknownItems: unknownItemsArb([0x40]),
  }).map(clean),
  (pc) => [...(pc.transferSyntax === undefined ? [] : [0x40]), ...rawTypes(pc.unknownItems)],
  (pc) => 3 + (pc.transferSyntax === undefined ? 0 : 1),
);

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const list = <T>(arb: fc.Arbitrary<T>) =>
  fc.option(fc.array(arb, { minLength: 1, maxLength: 3 }), { nil: undefined });

/** A random User Information item. */
export const userInformationArb: fc.Arbitrary<UserInformation> = finish(
  fc.record({
    maximumLength: opt(fc.nat({ max: 0xffffffff })),
    implementationClassUid: opt(uid),
    asynchronousOperationsWindow: opt(
      fc.record({
        maxOperationsInvoked: fc.nat({ max: 0xffff }),
        maxOperationsPerformed: fc.nat({ max: 0xffff }),
        reserved: reservedArb(1),
      }).map(clean),
    ),
    roleSelections: list(
      fc.record({ sopClassUid: uid, scuRole: byte, scpRole: byte, reserved: reservedArb(1) }).map(
        clean,
      ),
    ),
    implementationVersionName: opt(text),
    sopClassExtendedNegotiations: list(
      fc.record({
        sopClassUid: uid,
        serviceClassApplicationInformation: bytes(),
        reserved: reservedArb(1),
      }).map(clean),
    ),
    sopClassCommonExtendedNegotiations: list(
      fc.record({
        sopClassUid: uid,
        serviceClassUid: uid,
        relatedGeneralSopClassUids: fc.array(uid, { maxLength: 3 }),
        subItemVersion: opt(fc.integer({ min: 1, max: 255 })),
      }).map(clean),
    ),
    userIdentity: opt(
      fc.record({
        userIdentityType: byte,
        positiveResponseRequested: byte,
        primaryField: bytes(),
        secondaryField: bytes(),
        reserved: reservedArb(1),
      }).map(clean),
    ),
    userIdentityResponse: opt(
      fc.record({ serverResponse: bytes(), reserved: reservedArb(1) }).map(clean),
    ),
    unknownItems: unknownItemsArb([0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59]),
  }).map(clean),
  (ui) => {
    const types: number[] = [];
    if (ui.maximumLength !== undefined) types.push(0x51);
    if (ui.implementationClassUid !== undefined) types.push(0x52);
    if (ui.asynchronousOperationsWindow) types.push(0x53);
    for (const _ of ui.roleSelections ?? []) types.push(0x54);
    if (ui.implementationVersionName !== undefined) types.push(0x55);
    for (const _ of ui.sopClassExtendedNegotiations ?? []) types.push(0x56);
    for (const _ of ui.sopClassCommonExtendedNegotiations ?? []) types.push(0x57);
    if (ui.userIdentity) types.push(0x58);
    if (ui.userIdentityResponse) types.push(0x59);
    return [...types, ...rawTypes(ui.unknownItems)];
  },
  (ui) =>
    1 +
    [ui.maximumLength, ui.implementationClassUid, ui.implementationVersionName].filter((v) =>
      v !== undefined
    ).length,
);

/** 16 AE title bytes: mostly space padded names, sometimes odd padding. */
const aeTitleRawArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"), maxLength: 16 })
    .map((s) => Uint8Array.from(s.padEnd(16, " "), (c) => c.charCodeAt(0))),
  fc.uint8Array({ minLength: 16, maxLength: 16 }),
  fc.constantFrom(
    Uint8Array.from("  PADDED-LEFT   ", (c) => c.charCodeAt(0)),
    Uint8Array.from("NULPAD\0\0\0\0\0\0\0\0\0\0", (c) => c.charCodeAt(0)),
  ),
);

function associateArb<T extends "A-ASSOCIATE-RQ" | "A-ASSOCIATE-AC">(
  type: T,
): fc.Arbitrary<T extends "A-ASSOCIATE-RQ" ? AssociateRqPdu : AssociateAcPdu> {
  const isRq = type === "A-ASSOCIATE-RQ";
  const contexts: fc.Arbitrary<(PresentationContextRq | PresentationContextAc)[]> = isRq
    ? fc.array(presentationContextRqArb, { maxLength: 4 })
    : fc.array(presentationContextAcArb, { maxLength: 4 });
  const pcType = isRq ? 0x20 : 0x21;
  const base = fc.record({
    protocolVersion: fc.oneof(fc.constant(1), fc.nat({ max: 0xffff })),
    called: aeTitleRawArb,
    calling: aeTitleRawArb,
    applicationContextName: fc.oneof(fc.constant("1.2.840.10008.3.1.1.1"), text),
    presentationContexts: contexts,
    userInformation: opt(userInformationArb),
    unknownItems: unknownItemsArb([0x10, pcType, 0x50]),
  }).map(({ called, calling, ...rest }) => {
    const calledAeTitle = aeTitleFromBytes(called);
    const callingAeTitle = aeTitleFromBytes(calling);
    return clean({
      type,
      protocolVersion: rest.protocolVersion,
      calledAeTitle,
      callingAeTitle,
      calledAeTitleBytes: isPlainAeTitle(called, calledAeTitle) ? undefined : called,
      callingAeTitleBytes: isPlainAeTitle(calling, callingAeTitle) ? undefined : calling,
      applicationContextName: rest.applicationContextName,
      presentationContexts: rest.presentationContexts,
      userInformation: rest.userInformation,
      unknownItems: rest.unknownItems,
    });
  });
  return finish(
    base,
    (p) => [
      0x10,
      ...p.presentationContexts.map(() => pcType),
      ...(p.userInformation ? [0x50] : []),
      ...rawTypes(p.unknownItems),
    ],
    () => 36,
  ) as unknown as fc.Arbitrary<T extends "A-ASSOCIATE-RQ" ? AssociateRqPdu : AssociateAcPdu>;
}

const pdvArb: fc.Arbitrary<Pdv> = fc.record({
  presentationContextId: byte,
  isCommand: fc.boolean(),
  isLast: fc.boolean(),
  data: bytes(64),
  reservedBits: opt(fc.integer({ min: 1, max: 63 }).map((b) => b << 2)),
}).map(clean);

/**
 * A random PDU of any type, as the reader would return it.
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { pduArb } from "./_arbitrary_pdu.ts";
 * fc.sample(pduArb, 1);
 * ```
 */
export const pduArb: fc.Arbitrary<Pdu> = fc.oneof(
  associateArb("A-ASSOCIATE-RQ"),
  associateArb("A-ASSOCIATE-AC"),
  fc.record({
    type: fc.constant("A-ASSOCIATE-RJ" as const),
    result: fc.constantFrom(1 as const, 2 as const),
    source: fc.constantFrom(1 as const, 2 as const, 3 as const),
    reason: byte,
    reserved: reservedArb(2),
  }).map(clean),
  fc.record({
    type: fc.constant("P-DATA-TF" as const),
    pdvs: fc.array(pdvArb, { maxLength: 4 }),
    reserved: reservedArb(1),
  }).map(clean),
  fc.record({ type: fc.constant("A-RELEASE-RQ" as const), reserved: reservedArb(5) }).map(clean),
  fc.record({ type: fc.constant("A-RELEASE-RP" as const), reserved: reservedArb(5) }).map(clean),
  fc.record({
    type: fc.constant("A-ABORT" as const),
    source: fc.constantFrom(0 as const, 1 as const, 2 as const),
    reason: byte,
    reserved: reservedArb(3),
  }).map(clean),
  fc.record({
    type: fc.constant("UNKNOWN" as const),
    pduType: byte.filter((t) => t === 0 || t > 7),
    body: bytes(40),
    reserved: reservedArb(1),
  }).map(clean),
);
