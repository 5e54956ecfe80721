import assert from "node:assert/strict";
import fc from "fast-check";
import { eventFromDecodeError, eventFromPdu } from "./received_event.ts";

Deno.test("eventFromPdu maps the seven PDU types to Evt6, 3, 4, 10, 12, 13, 16", () => {
  const cases = [
    [{ type: "A-ASSOCIATE-RQ", protocolVersion: 1 }, "Evt6"],
    [{ type: "A-ASSOCIATE-AC" }, "Evt3"],
    [{ type: "A-ASSOCIATE-RJ", result: 1, source: 1, reason: 1 }, "Evt4"],
    [{ type: "P-DATA-TF" }, "Evt10"],
    [{ type: "A-RELEASE-RQ" }, "Evt12"],
    [{ type: "A-RELEASE-RP" }, "Evt13"],
    [{ type: "A-ABORT", source: 0, reason: 0 }, "Evt16"],
  ] as const;
  for (const [pdu, name] of cases) {
    const event = eventFromPdu(pdu);
    assert.equal(event.type, name);
    assert.equal("pdu" in event && event.pdu, pdu);
  }
});

Deno.test("eventFromPdu makes any other PDU Evt19 with reason 1, unrecognized PDU", () => {
  const raw = { type: "unknown", pduType: 0x09, bytes: new Uint8Array(4) };
  assert.deepEqual(eventFromPdu(raw), { type: "Evt19", reason: 1, pdu: raw });
});

Deno.test("eventFromDecodeError picks the A-ABORT reason from what the error says", () => {
  const unknownType = Object.assign(new Error("Cannot decode PDU: type 0AH"), { pduType: 0x0a });
  assert.deepEqual(eventFromDecodeError(unknownType), {
    type: "Evt19",
    reason: 1,
    error: unknownType,
  });
  const badField = Object.assign(new Error("Cannot decode A-ASSOCIATE-RQ"), { pduType: 0x01 });
  assert.equal(eventFromDecodeError(badField).type, "Evt19");
  assert.deepEqual(eventFromDecodeError(badField), { type: "Evt19", reason: 6, error: badField });
  const explicit = Object.assign(new Error("x"), { pduType: 0x01, abortReason: 4 });
  assert.deepEqual(eventFromDecodeError(explicit), { type: "Evt19", reason: 4, error: explicit });
  for (const vague of [new Error("?"), "string", undefined, null, 42]) {
    assert.deepEqual(eventFromDecodeError(vague), { type: "Evt19", reason: 0, error: vague });
  }
});

Deno.test("eventFromPdu and eventFromDecodeError never throw", () => {
  fc.assert(
    fc.property(fc.string(), fc.anything(), (type, error) => {
      const a = eventFromPdu({ type });
      const b = eventFromDecodeError(error);
      assert.ok(a.type.startsWith("Evt"));
      assert.equal(b.type, "Evt19");
    }),
  );
});
