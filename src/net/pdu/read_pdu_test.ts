import assert from "node:assert/strict";
import fc from "fast-check";
import { decodePdu, readPdu } from "./read_pdu.ts";
import { writePdu } from "./write_pdu.ts";
import { PduDecodeError, PduLimitError } from "./errors.ts";
import type { AssociateAcPdu, AssociateRqPdu, PDataTfPdu } from "./pdu_types.ts";
import { pduArb } from "./_arbitrary_pdu.ts";
import {
  ECHOSCU_ASSOCIATE_RQ,
  ECHOSCU_C_ECHO_RQ,
  ECHOSCU_RELEASE_RQ,
  GETSCU_ROLE_SELECTION,
  HAND_USER_INFORMATION,
  hex,
  STORESCP_ABORT,
  STORESCP_ASSOCIATE_AC,
  STORESCP_C_ECHO_RSP,
  STORESCP_REFUSE_RJ,
  STORESCP_RELEASE_RP,
  STORESCU_USER_IDENTITY_RQ,
} from "./_dcmtk_fixtures.ts";

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const FIXTURES = [
  ECHOSCU_ASSOCIATE_RQ,
  STORESCP_ASSOCIATE_AC,
  ECHOSCU_C_ECHO_RQ,
  STORESCP_C_ECHO_RSP,
  ECHOSCU_RELEASE_RQ,
  STORESCP_RELEASE_RP,
  STORESCP_REFUSE_RJ,
  STORESCP_ABORT,
  STORESCU_USER_IDENTITY_RQ,
];

/** Reads exactly one PDU and checks that writing it gives the same bytes. */
function readExact(bytes: Uint8Array) {
  const result = readPdu(bytes);
  assert.ok(result, "complete PDU");
  assert.equal(result.length, bytes.length);
  assert.deepEqual(writePdu(result.pdu), bytes);
  return result.pdu;
}

/** Replaces the User Information item of STORESCP_ASSOCIATE_AC (its last 62 bytes). */
function acWithUserInformation(item: Uint8Array): Uint8Array {
  const head = STORESCP_ASSOCIATE_AC.subarray(0, STORESCP_ASSOCIATE_AC.length - 62);
  const out = new Uint8Array(head.length + item.length);
  out.set(head);
  out.set(item, head.length);
  new DataView(out.buffer).setUint32(2, out.length - 6);
  return out;
}

function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  out[at] = value;
  return out;
}

function assertDecodeError(bytes: Uint8Array, message: string): void {
  assert.throws(() => readPdu(bytes), (e: unknown) => {
    assert.ok(e instanceof PduDecodeError, String(e));
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test("readPdu decodes echoscu's A-ASSOCIATE-RQ and writes it back byte for byte", () => {
  const expected: AssociateRqPdu = {
    type: "A-ASSOCIATE-RQ",
    protocolVersion: 1,
    calledAeTitle: "ANY-SCP",
    callingAeTitle: "ECHOSCU",
    applicationContextName: "1.2.840.10008.3.1.1.1",
    presentationContexts: [{
      id: 1,
      abstractSyntax: "1.2.840.10008.1.1",
      transferSyntaxes: ["1.2.840.10008.1.2"],
      // byte 2, bytes 6-8 (DCMTK's FFH in byte 7), byte 2 of the two sub-items
      reserved: Uint8Array.of(0, 0, 0xff, 0, 0, 0),
    }],
    userInformation: {
      maximumLength: 16384,
      implementationClassUid: "1.2.276.0.7230010.3.0.3.6.7",
      implementationVersionName: "OFFIS_DCMTK_367",
    },
  };
  assert.deepEqual(readExact(ECHOSCU_ASSOCIATE_RQ), expected);
});

Deno.test("readPdu decodes storescp's A-ASSOCIATE-AC", () => {
  const expected: AssociateAcPdu = {
    type: "A-ASSOCIATE-AC",
    protocolVersion: 1,
    calledAeTitle: "ANY-SCP",
    callingAeTitle: "ECHOSCU",
    applicationContextName: "1.2.840.10008.3.1.1.1",
    presentationContexts: [{ id: 1, result: 0, transferSyntax: "1.2.840.10008.1.2" }],
    userInformation: {
      maximumLength: 16384,
      implementationClassUid: "1.2.276.0.7230010.3.0.3.6.7",
      implementationVersionName: "OFFIS_DCMTK_367",
    },
  };
  assert.deepEqual(readExact(STORESCP_ASSOCIATE_AC), expected);
});

Deno.test("readPdu decodes a C-ECHO-RQ P-DATA-TF with the PDV as a view of the input", () => {
  const pdu = readExact(ECHOSCU_C_ECHO_RQ) as PDataTfPdu;
  assert.equal(pdu.type, "P-DATA-TF");
  assert.equal(pdu.pdvs.length, 1);
  const [pdv] = pdu.pdvs;
  assert.equal(pdv.presentationContextId, 1);
  assert.equal(pdv.isCommand, true);
  assert.equal(pdv.isLast, true);
  assert.equal(pdv.reservedBits, undefined);
  assert.equal(pdv.data.length, 68);
  assert.equal(pdv.data.buffer, ECHOSCU_C_ECHO_RQ.buffer, "no copy");
  assert.equal(pdv.data.byteOffset, ECHOSCU_C_ECHO_RQ.byteOffset + 12);
  const rsp = readExact(STORESCP_C_ECHO_RSP) as PDataTfPdu;
  assert.equal(rsp.pdvs[0].data.length, 78);
});

Deno.test("readPdu decodes release, reject and abort PDUs captured from DCMTK", () => {
  assert.deepEqual(readExact(ECHOSCU_RELEASE_RQ), { type: "A-RELEASE-RQ" });
  assert.deepEqual(readExact(STORESCP_RELEASE_RP), { type: "A-RELEASE-RP" });
  assert.deepEqual(readExact(STORESCP_REFUSE_RJ), {
    type: "A-ASSOCIATE-RJ",
    result: 1,
    source: 1,
    reason: 1,
  });
  assert.deepEqual(readExact(STORESCP_ABORT), { type: "A-ABORT", source: 0, reason: 0 });
});

Deno.test("readPdu decodes storescu's User Identity sub-item (username and passcode)", () => {
  const pdu = readExact(STORESCU_USER_IDENTITY_RQ) as AssociateRqPdu;
  assert.equal(pdu.callingAeTitle, "STORESCU");
  assert.deepEqual(
    pdu.presentationContexts.map((pc) => [pc.id, pc.abstractSyntax, pc.transferSyntaxes]),
    [
      [1, "1.2.840.10008.5.1.4.1.1.2", ["1.2.840.10008.1.2.1"]],
      [3, "1.2.840.10008.5.1.4.1.1.2", ["1.2.840.10008.1.2.2", "1.2.840.10008.1.2"]],
    ],
  );
  assert.deepEqual(pdu.userInformation?.userIdentity, {
    userIdentityType: 2,
    positiveResponseRequested: 1,
    primaryField: ascii("alice"),
    secondaryField: ascii("secret"),
  });
  assert.equal(pdu.userInformation?.itemOrder, undefined, "DCMTK sends increasing item types");
});

Deno.test("readPdu decodes getscu's SCP/SCU Role Selection sub-item", () => {
  const item = new Uint8Array(4 + GETSCU_ROLE_SELECTION.length);
  item.set([0x50, 0, 0, GETSCU_ROLE_SELECTION.length]);
  item.set(GETSCU_ROLE_SELECTION, 4);
  const pdu = readExact(acWithUserInformation(item)) as AssociateAcPdu;
  assert.deepEqual(pdu.userInformation, {
    roleSelections: [{ sopClassUid: "1.2.840.10008.5.1.4.1.1.9.1.3", scuRole: 0, scpRole: 1 }],
  });
});

Deno.test("readPdu decodes every other User Information sub-item (PS3.7 D.3.3)", () => {
  const pdu = readExact(acWithUserInformation(HAND_USER_INFORMATION)) as AssociateAcPdu;
  assert.deepEqual(pdu.userInformation, {
    maximumLength: 65536,
    asynchronousOperationsWindow: { maxOperationsInvoked: 5, maxOperationsPerformed: 1 },
    roleSelections: [{ sopClassUid: "1.2.3.4.5.7", scuRole: 1, scpRole: 1 }],
    sopClassExtendedNegotiations: [{
      sopClassUid: "1.2.3.4.5",
      serviceClassApplicationInformation: Uint8Array.of(1, 0, 1),
    }],
    sopClassCommonExtendedNegotiations: [{
      sopClassUid: "1.2.3.4.6",
      serviceClassUid: "1.2.840.10008.4.2",
      relatedGeneralSopClassUids: ["1.2.3.4.5.1"],
    }],
    userIdentityResponse: { serverResponse: ascii("jwt!") },
  });
});

Deno.test("readPdu keeps unknown items, odd item order, reserved bytes and raw AE titles", () => {
  const bytes = hex(`
    01 7f 00 00 00 61            // A-ASSOCIATE-RQ, byte 2 = 7FH, PDU-length 97
    00 01 00 02                  // protocol-version 1, bytes 9-10 = 0002H
    20 20 41 4e 59 00 00 00      // called-AE-title "  ANY" with NUL padding
    00 00 00 00 00 00 00 00
    45 43 48 4f 53 43 55 20      // calling-AE-title "ECHOSCU"
    20 20 20 20 20 20 20 20
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 // byte 74 = 01H
    50 00 00 0c                  // User Information, before the Application Context
    55 00 00 01 58               //   Implementation Version Name "X"
    5a 00 00 03 01 02 03         //   sub-item type 5AH: unknown, kept raw
    10 03 00 03 31 2e 32         // Application Context "1.2", byte 2 = 03H
    99 05 00 02 ab cd            // item-type 99H: unknown, kept raw, byte 2 = 05H
  `);
  const pdu = readExact(bytes) as AssociateRqPdu;
  assert.deepEqual(pdu, {
    type: "A-ASSOCIATE-RQ",
    protocolVersion: 1,
    calledAeTitle: "ANY",
    callingAeTitle: "ECHOSCU",
    calledAeTitleBytes: bytes.subarray(10, 26),
    applicationContextName: "1.2",
    presentationContexts: [],
    userInformation: {
      implementationVersionName: "X",
      unknownItems: [{ itemType: 0x5a, data: Uint8Array.of(1, 2, 3) }],
    },
    unknownItems: [{ itemType: 0x99, data: Uint8Array.of(0xab, 0xcd), reserved: Uint8Array.of(5) }],
    itemOrder: [0x50, 0x10, 0x99],
    reserved: Uint8Array.from([0x7f, 0, 2, ...new Array(31).fill(0), 1, 3]),
  });
});

Deno.test("readPdu returns undefined until the whole PDU is there", () => {
  for (const bytes of FIXTURES) {
    for (let n = 0; n < bytes.length; n++) assert.equal(readPdu(bytes.subarray(0, n)), undefined);
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    assert.equal(readPdu(longer)?.length, bytes.length);
  }
});

Deno.test("readPdu refuses a PDU longer than the limit from its header alone", () => {
  const header = Uint8Array.of(0x04, 0, 0, 0x10, 0, 1);
  assert.throws(() => readPdu(header, { maxPduLength: 16384 }), (e: unknown) => {
    assert.ok(e instanceof PduLimitError && e instanceof RangeError);
    assert.equal(e.message, "Cannot read P-DATA-TF: PDU length 1048577 exceeds maxPduLength 16384");
    assert.equal(e.pduLength, 1048577);
    assert.equal(e.limit, 16384);
    assert.equal(e.pduType, 4);
    return true;
  });
  assert.equal(readPdu(header, { maxPduLength: 0 }), undefined, "0 = no limit");
  const rq = Uint8Array.of(0x01, 0, 0, 0, 0x10, 0);
  assert.throws(() => readPdu(rq, { maxPduLength: 0, maxOtherPduLength: 1000 }), PduLimitError);
  assert.equal(readPdu(rq, { maxPduLength: 1, maxOtherPduLength: 5000 }), undefined);
});

Deno.test("readPdu reports malformed PDUs with the PDU type and offset", () => {
  const rq = ECHOSCU_ASSOCIATE_RQ;
  assertDecodeError(
    withByte(rq, 77, 0xff),
    "Cannot decode A-ASSOCIATE-RQ: Application Context item length 255 exceeds remaining 133 bytes at offset 76",
  );
  assertDecodeError(
    Uint8Array.of(1, 0, 0, 0, 0, 2, 0, 1),
    "Cannot decode A-ASSOCIATE-RQ: expected 68 bytes of fixed fields but only 2 remain at offset 6",
  );
  // Application Context item turned into an unknown item type.
  assertDecodeError(
    withByte(rq, 74, 0x11),
    "Cannot decode A-ASSOCIATE-RQ: no Application Context item at offset 74",
  );
  // Abstract Syntax sub-item turned into an unknown one.
  assertDecodeError(
    withByte(rq, 107, 0x31),
    "Cannot decode A-ASSOCIATE-RQ: Presentation Context 1 has no Abstract Syntax item at offset 99",
  );
  assertDecodeError(
    withByte(STORESCP_ASSOCIATE_AC, 105, 7),
    "Cannot decode A-ASSOCIATE-AC: Presentation Context result/reason 7 is not 0-4 at offset 105",
  );
  // The sub-item 55H of the ECHOSCU request (at 192) turned into an Asynchronous Operations Window.
  assertDecodeError(
    withByte(rq, 192, 0x53),
    "Cannot decode A-ASSOCIATE-RQ: Asynchronous Operations Window item length 15, expected 4 at offset 194",
  );
  assertDecodeError(
    withByte(STORESCP_REFUSE_RJ, 7, 3),
    "Cannot decode A-ASSOCIATE-RJ: result 3 is not 1 or 2 at offset 7",
  );
  assertDecodeError(
    withByte(STORESCP_REFUSE_RJ, 8, 0),
    "Cannot decode A-ASSOCIATE-RJ: source 0 is not 1-3 at offset 8",
  );
  assertDecodeError(
    withByte(STORESCP_ABORT, 8, 3),
    "Cannot decode A-ABORT: source 3 is not 0-2 at offset 8",
  );
  assertDecodeError(
    Uint8Array.of(5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0),
    "Cannot decode A-RELEASE-RQ: PDU length 5, expected 4 at offset 2",
  );
  assertDecodeError(
    Uint8Array.of(4, 0, 0, 0, 0, 5, 0, 0, 0, 1, 1),
    "Cannot decode P-DATA-TF: PDV item length 1 is less than 2 at offset 6",
  );
  assertDecodeError(
    withByte(ECHOSCU_C_ECHO_RQ, 9, 0x47),
    "Cannot decode P-DATA-TF: PDV item length 71 exceeds remaining 70 bytes at offset 6",
  );
  assertDecodeError(
    Uint8Array.of(4, 0, 0, 0, 0, 3, 0, 0, 0),
    "Cannot decode P-DATA-TF: expected 4 bytes of PDV item length but only 3 remain at offset 6",
  );
});

Deno.test("readPdu rejects repeated single sub-items", () => {
  const ui = hex(`50 00 00 10  51 00 00 04 00 00 40 00  51 00 00 04 00 00 40 00`);
  assertDecodeError(
    acWithUserInformation(ui),
    "Cannot decode A-ASSOCIATE-AC: repeated Maximum Length item at offset 140",
  );
});

Deno.test("decodePdu requires the PDU length to match the bytes given", () => {
  assert.deepEqual(decodePdu(ECHOSCU_RELEASE_RQ), { type: "A-RELEASE-RQ" });
  assert.throws(
    () => decodePdu(ECHOSCU_RELEASE_RQ.subarray(0, 9)),
    /Cannot decode A-RELEASE-RQ: PDU length 4 does not match the 3 bytes given at offset 2/,
  );
  assert.throws(() => decodePdu(new Uint8Array(0)), PduDecodeError);
});

Deno.test("readPdu keeps unknown PDU types as raw bodies", () => {
  const bytes = Uint8Array.of(0x09, 0x01, 0, 0, 0, 2, 0xaa, 0xbb);
  assert.deepEqual(readExact(bytes), {
    type: "UNKNOWN",
    pduType: 9,
    body: Uint8Array.of(0xaa, 0xbb),
    reserved: Uint8Array.of(1),
  });
});

/** Accepted bytes write back identically; rejected ones throw PduDecodeError only. */
function checkAnyBytes(bytes: Uint8Array): void {
  let result;
  try {
    result = readPdu(bytes, { maxPduLength: 0, maxOtherPduLength: 0 });
  } catch (e) {
    if (e instanceof PduDecodeError) {
      assert.ok(e.offset >= 0 && e.offset <= bytes.length, `offset ${e.offset} in range`);
      assert.equal(e.pduType, bytes[0]);
      return;
    }
    throw e;
  }
  if (result === undefined) return;
  assert.deepEqual(writePdu(result.pdu), bytes.subarray(0, result.length));
}

/** Mutates a PDU: byte changes, insertions and deletions, PDU length fixed up or not. */
const mutatedArb = fc.record({
  base: fc.oneof(
    fc.constantFrom(...FIXTURES, acWithUserInformation(HAND_USER_INFORMATION)),
    pduArb.map(writePdu),
  ),
  edits: fc.array(
    fc.record({
      kind: fc.constantFrom("set", "insert", "delete"),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  fixLength: fc.boolean(),
}).map(({ base, edits, fixLength }) => {
  const bytes = [...base];
  for (const { kind, at, value } of edits) {
    const i = at % (bytes.length + 1);
    if (kind === "set" && i < bytes.length) bytes[i] = value;
    else if (kind === "insert") bytes.splice(i, 0, value);
    else if (kind === "delete") bytes.splice(i, 1);
  }
  const out = Uint8Array.from(bytes);
  if (fixLength && out.length >= 6) new DataView(out.buffer).setUint32(2, out.length - 6);
  return out;
});

Deno.test("readPdu then writePdu is the identity on any accepted mutation of real and random PDUs", () => {
  fc.assert(fc.property(mutatedArb, checkAnyBytes), { numRuns: 3000 });
});

Deno.test("readPdu never crashes on random bytes", () => {
  const header = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.uint8Array({ maxLength: 300 })).map(
    ([type, body]) => {
      const out = new Uint8Array(6 + body.length);
      out[0] = type;
      new DataView(out.buffer).setUint32(2, body.length);
      out.set(body, 6);
      return out;
    },
  );
  fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), header), checkAnyBytes), {
    numRuns: 3000,
  });
});
