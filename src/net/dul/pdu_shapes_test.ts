import assert from "node:assert/strict";
import {
  ABORT_REASON,
  ABORT_SOURCE,
  abortPdu,
  associateRjPdu,
  releaseRpPdu,
  releaseRqPdu,
} from "./pdu_shapes.ts";

Deno.test("the PDU builders make the shapes the machine sends", () => {
  assert.deepEqual(abortPdu(ABORT_SOURCE.serviceProvider, ABORT_REASON.unexpectedPdu), {
    type: "A-ABORT",
    source: 2,
    reason: 2,
  });
  assert.deepEqual(releaseRqPdu(), { type: "A-RELEASE-RQ" });
  assert.deepEqual(releaseRpPdu(), { type: "A-RELEASE-RP" });
  assert.deepEqual(associateRjPdu(1, 2, 2), {
    type: "A-ASSOCIATE-RJ",
    result: 1,
    source: 2,
    reason: 2,
  });
});

Deno.test("A-ABORT source and reason codes follow PS3.8 Table 9-26", () => {
  assert.deepEqual(ABORT_SOURCE, { serviceUser: 0, reserved: 1, serviceProvider: 2 });
  assert.deepEqual(Object.values(ABORT_REASON), [0, 1, 2, 4, 5, 6]);
});
