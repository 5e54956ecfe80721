import assert from "node:assert/strict";
import { DataSet } from "../core/dataset.ts";
import type { CMoveRq } from "../net/dimse/messages.ts";
import { encodeDataSet } from "./_dataset_bytes.ts";
import { connectPair, TEST_SYNTAXES } from "./_qr_test_kit.ts";
import { buildIdentifier } from "./identifier.ts";
import { moveScu } from "./move_scu.ts";
import { NoContextError } from "./no_context_error.ts";
import { STUDY_ROOT_FIND, STUDY_ROOT_MOVE } from "./query_models.ts";

Deno.test("moveScu sends the destination and reads counts from the last response that had them", async () => {
  const requests: CMoveRq[] = [];
  const { scu } = await connectPair({
    supported: [{ abstractSyntax: STUDY_ROOT_MOVE, transferSyntaxes: TEST_SYNTAXES }],
    onRequest: async (received, association) => {
      const rq = received.message as CMoveRq;
      requests.push(rq);
      const base = {
        type: "C-MOVE-RSP" as const,
        messageIdBeingRespondedTo: rq.messageId,
        affectedSopClassUid: rq.affectedSopClassUid,
      };
      const pcId = { presentationContextId: received.presentationContextId };
      await association.send({
        ...base,
        status: 0xff00,
        hasDataSet: false,
        numberOfRemainingSuboperations: 0,
        numberOfCompletedSuboperations: 1,
        numberOfFailedSuboperations: 1,
        numberOfWarningSuboperations: 1,
      }, pcId);
      const failed = new DataSet();
      failed.set("FailedSOPInstanceUIDList", ["1.2.3", "1.2.4"]);
      await association.send({ ...base, status: 0xb000, hasDataSet: true }, {
        ...pcId,
        dataSet: encodeDataSet(failed, received.context!.transferSyntax),
      });
    },
  }, { contexts: [{ abstractSyntax: STUDY_ROOT_MOVE }] });
  const result = await moveScu(scu, buildIdentifier(["StudyInstanceUID=1.2"], { level: "STUDY" }), {
    destination: "STORESCP",
    priority: 1,
  });
  assert.equal(requests[0].moveDestination, "STORESCP");
  assert.equal(requests[0].priority, 1);
  assert.equal(result.status, 0xb000);
  assert.deepEqual([result.completed, result.failed, result.warning], [1, 1, 1]);
  assert.deepEqual(result.failedSopInstanceUids, ["1.2.3", "1.2.4"]);
  assert.equal(result.identifier?.getStrings("FailedSOPInstanceUIDList").length, 2);
  await scu.release();
});

Deno.test("moveScu throws NoContextError without an accepted MOVE context", async () => {
  const { scu } = await connectPair({
    supported: [{ abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes: TEST_SYNTAXES }],
  }, { contexts: [{ abstractSyntax: STUDY_ROOT_FIND }, { abstractSyntax: STUDY_ROOT_MOVE }] });
  await assert.rejects(moveScu(scu, new DataSet(), { destination: "X" }), NoContextError);
  await scu.release();
});
