import assert from "node:assert/strict";
import { aAbort, aReleaseRp, aReleaseRq, pDataTf, pdv, rawPdu } from "./pdu_builders.ts";
import { readPdu } from "./read_pdu.ts";
import { writePdu } from "./write_pdu.ts";
import { PduDecodeError } from "./errors.ts";
import { ECHOSCU_C_ECHO_RQ, ECHOSCU_RELEASE_RQ, STORESCP_ABORT } from "./_dcmtk_fixtures.ts";

Deno.test("the builders make the PDUs DCMTK sends", () => {
  assert.deepEqual(writePdu(aReleaseRq()), ECHOSCU_RELEASE_RQ);
  assert.deepEqual(writePdu(aReleaseRp()), Uint8Array.of(6, 0, 0, 0, 0, 4, 0, 0, 0, 0));
  assert.deepEqual(writePdu(aAbort()), STORESCP_ABORT);
  assert.deepEqual(aAbort(2, 6), { type: "A-ABORT", source: 2, reason: 6 });
  const command = ECHOSCU_C_ECHO_RQ.subarray(12);
  assert.deepEqual(writePdu(pDataTf([pdv(1, command, { isCommand: true })])), ECHOSCU_C_ECHO_RQ);
});

Deno.test("pdv defaults to a last data set fragment", () => {
  assert.deepEqual(pdv(3, Uint8Array.of(1)), {
    presentationContextId: 3,
    isCommand: false,
    isLast: true,
    data: Uint8Array.of(1),
  });
  assert.equal(pdv(3, Uint8Array.of(1), { isLast: false }).isLast, false);
});

Deno.test("rawPdu sends any type code and body, e.g. a short A-RELEASE-RQ", () => {
  const bytes = writePdu(rawPdu(0x05, Uint8Array.of(0, 0)));
  assert.deepEqual(bytes, Uint8Array.of(5, 0, 0, 0, 0, 2, 0, 0));
  assert.throws(() => readPdu(bytes), PduDecodeError);
});
