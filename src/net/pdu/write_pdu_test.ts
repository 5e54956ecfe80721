import assert from "node:assert/strict";
import fc from "fast-check";
import { pDataTfHeader, writePdu } from "./write_pdu.ts";
import { readPdu } from "./read_pdu.ts";
import { PduEncodeError } from "./errors.ts";
import type { AssociateAcPdu, AssociateRqPdu, Pdu } from "./pdu_types.ts";
import { pduArb } from "./_arbitrary_pdu.ts";
import { ECHOSCU_ASSOCIATE_RQ, ECHOSCU_C_ECHO_RQ, hex } from "./_dcmtk_fixtures.ts";

const NO_LIMITS = { maxPduLength: 0, maxOtherPduLength: 0 };

const echoRq = (): AssociateRqPdu => ({
  type: "A-ASSOCIATE-RQ",
  protocolVersion: 1,
  calledAeTitle: "ANY-SCP",
  callingAeTitle: "ECHOSCU",
  applicationContextName: "1.2.840.10008.3.1.1.1",
  presentationContexts: [{
    id: 1,
    abstractSyntax: "1.2.840.10008.1.1",
    transferSyntaxes: ["1.2.840.10008.1.2"],
    reserved: Uint8Array.of(0, 0, 0xff, 0, 0, 0),
  }],
  userInformation: {
    maximumLength: 16384,
    implementationClassUid: "1.2.276.0.7230010.3.0.3.6.7",
    implementationVersionName: "OFFIS_DCMTK_367",
  },
});

function assertEncodeError(pdu: Pdu, message: string): void {
  assert.throws(() => writePdu(pdu), (e: unknown) => {
    assert.ok(e instanceof PduEncodeError && e instanceof TypeError, String(e));
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test("writePdu writes echoscu's A-ASSOCIATE-RQ from its fields", () => {
  assert.deepEqual(writePdu(echoRq()), ECHOSCU_ASSOCIATE_RQ);
});

Deno.test("random PDUs round trip: writePdu then readPdu gives the same PDU", () => {
  fc.assert(
    fc.property(pduArb, (pdu) => {
      const bytes = writePdu(pdu);
      const result = readPdu(bytes, NO_LIMITS);
      assert.ok(result);
      assert.equal(result.length, bytes.length);
      assert.deepEqual(result.pdu, pdu);
      assert.deepEqual(writePdu(result.pdu), bytes);
    }),
    { numRuns: 1000 },
  );
});

Deno.test("writePdu writes items in increasing item type by default (PS3.8 9.3.1)", () => {
  const bytes = writePdu({
    type: "A-ASSOCIATE-AC",
    protocolVersion: 1,
    calledAeTitle: "A",
    callingAeTitle: "B",
    applicationContextName: "1",
    presentationContexts: [{ id: 1, result: 3 }],
    unknownItems: [{ itemType: 0x60, data: new Uint8Array() }, {
      itemType: 0x05,
      data: new Uint8Array(),
    }],
    userInformation: {
      implementationVersionName: "V",
      userIdentityResponse: { serverResponse: new Uint8Array() },
      maximumLength: 0,
      roleSelections: [{ sopClassUid: "2", scuRole: 0, scpRole: 1 }],
    },
  });
  assert.deepEqual(
    bytes.subarray(74),
    hex(`
      05 00 00 00                 // unknown item 05H
      10 00 00 01 31              // Application Context "1"
      21 00 00 04 01 00 03 00     // Presentation Context (AC) 1, result 3, no transfer syntax
      50 00 00 1c                 // User Information, length 28
      51 00 00 04 00 00 00 00     //   Maximum Length 0
      54 00 00 05 00 01 32 00 01  //   Role Selection "2", SCU 0, SCP 1
      55 00 00 01 56              //   Implementation Version Name "V"
      59 00 00 02 00 00           //   User Identity (AC), empty server response
      60 00 00 00                 // unknown item 60H
    `),
  );
});

Deno.test("writePdu follows itemOrder, then writes what it does not list", () => {
  const pdu = echoRq();
  pdu.itemOrder = [0x50, 0x99, 0x10]; // 0x99 is not there: skipped; the 0x20 item comes last
  const read = readPdu(writePdu(pdu))!.pdu as AssociateRqPdu;
  assert.deepEqual(read.itemOrder, [0x50, 0x10, 0x20]);
  assert.deepEqual(read.presentationContexts, pdu.presentationContexts);
});

Deno.test("writePdu uses raw AE title bytes only while they still match the title", () => {
  const raw = hex("20 41 4e 59 00 00 00 00 00 00 00 00 00 00 00 00"); // " ANY" NUL padded
  const pdu = { ...echoRq(), calledAeTitle: "ANY", calledAeTitleBytes: raw };
  assert.deepEqual(writePdu(pdu).subarray(10, 26), raw);
  pdu.calledAeTitle = "OTHER";
  assert.deepEqual(writePdu(pdu).subarray(10, 26), hex("4f 54 48 45 52" + " 20".repeat(11)));
});

Deno.test("writePdu writes malformed PDUs on request: lengthOverride and raw PDUs", () => {
  assert.deepEqual(
    writePdu({ type: "A-RELEASE-RQ", lengthOverride: 6 }),
    Uint8Array.of(5, 0, 0, 0, 0, 6, 0, 0, 0, 0),
  );
  assert.deepEqual(
    writePdu({
      type: "P-DATA-TF",
      pdvs: [{
        presentationContextId: 1,
        isCommand: true,
        isLast: false,
        data: Uint8Array.of(9),
        lengthOverride: 1,
        reservedBits: 0x80,
      }],
    }),
    Uint8Array.of(4, 0, 0, 0, 0, 7, 0, 0, 0, 1, 1, 0x81, 9),
  );
  assert.deepEqual(
    writePdu({ type: "UNKNOWN", pduType: 3, body: Uint8Array.of(0, 9, 9), lengthOverride: 4 }),
    Uint8Array.of(3, 0, 0, 0, 0, 4, 0, 9, 9),
  );
  // An A-ASSOCIATE-AC whose presentation context and user information lie about their lengths,
  // and a Maximum Length sub-item of 2 bytes sent as a raw item.
  const ac: AssociateAcPdu = {
    type: "A-ASSOCIATE-AC",
    protocolVersion: 1,
    calledAeTitle: "A",
    callingAeTitle: "B",
    applicationContextName: "1",
    presentationContexts: [{ id: 1, result: 0, transferSyntax: "2", lengthOverride: 200 }],
    userInformation: {
      unknownItems: [{ itemType: 0x51, data: Uint8Array.of(0x40, 0) }],
      lengthOverride: 1,
    },
  };
  assert.deepEqual(
    writePdu(ac).subarray(79),
    hex(`
      21 00 00 c8 01 00 00 00 40 00 00 01 32 // length 200 instead of 9
      50 00 00 01 51 00 00 02 40 00          // length 1 instead of 6; 2-byte Maximum Length
    `),
  );
  assert.throws(() => readPdu(writePdu(ac)), /Cannot decode A-ASSOCIATE-AC/);
});

Deno.test("writePdu refuses values that do not fit their fields", () => {
  assertEncodeError(
    { ...echoRq(), calledAeTitle: "SEVENTEEN-CHARS-X" },
    'Cannot encode A-ASSOCIATE-RQ: calledAeTitle "SEVENTEEN-CHARS-X" is longer than 16 characters',
  );
  assertEncodeError(
    { ...echoRq(), applicationContextName: "1.2\u2026" },
    "Cannot encode A-ASSOCIATE-RQ: applicationContextName has characters outside Latin-1",
  );
  assertEncodeError(
    { ...echoRq(), userInformation: { maximumLength: 2 ** 32 } },
    "Cannot encode A-ASSOCIATE-RQ: maximumLength 4294967296 does not fit in 4 bytes",
  );
  assertEncodeError(
    { ...echoRq(), userInformation: { implementationVersionName: "x".repeat(70000) } },
    "Cannot encode A-ASSOCIATE-RQ: Implementation Version Name item length 70000 exceeds 65535",
  );
  assertEncodeError(
    { type: "A-ABORT", source: 2, reason: 256 },
    "Cannot encode A-ABORT: reason 256 does not fit in 1 byte",
  );
  assertEncodeError(
    {
      type: "P-DATA-TF",
      pdvs: [{ presentationContextId: -1, isCommand: false, isLast: true, data: new Uint8Array() }],
    },
    "Cannot encode P-DATA-TF: presentationContextId -1 does not fit in 1 byte",
  );
});

Deno.test("pDataTfHeader is the first 12 bytes of a one-PDV P-DATA-TF", () => {
  const data = ECHOSCU_C_ECHO_RQ.subarray(12);
  const header = pDataTfHeader({ presentationContextId: 1, isCommand: true, isLast: true }, 68);
  assert.deepEqual(header, ECHOSCU_C_ECHO_RQ.subarray(0, 12));
  assert.deepEqual(
    writePdu({
      type: "P-DATA-TF",
      pdvs: [{ presentationContextId: 1, isCommand: true, isLast: true, data }],
    }),
    ECHOSCU_C_ECHO_RQ,
  );
});
