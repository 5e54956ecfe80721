import assert from "node:assert/strict";
import { isStorageSopClass } from "../core/uid_registry.ts";
import { ANY_STORAGE_SOP_CLASS } from "../net/acse/negotiate_contexts.ts";
import type { CGetRq, CStoreRsp } from "../net/dimse/messages.ts";
import { connectPair, TEST_SYNTAXES, testInstance } from "./_qr_test_kit.ts";
import {
  COMMON_STORAGE_SOP_CLASSES,
  getScu,
  getStorageContexts,
  storeReceiver,
} from "./get_scu.ts";
import { buildIdentifier } from "./identifier.ts";
import { NoContextError } from "./no_context_error.ts";
import { STUDY_ROOT_GET } from "./query_models.ts";
import type { RequestHandler } from "../net/association/association.ts";

Deno.test("the default storage SOP classes are distinct storage classes that fit one association", () => {
  assert.equal(new Set(COMMON_STORAGE_SOP_CLASSES).size, COMMON_STORAGE_SOP_CLASSES.length);
  assert.ok(COMMON_STORAGE_SOP_CLASSES.length <= 126);
  for (const uid of COMMON_STORAGE_SOP_CLASSES) assert.ok(isStorageSopClass(uid), uid);
  const contexts = getStorageContexts({ sopClasses: ["1.2.840.10008.5.1.4.1.1.2"] });
  assert.deepEqual(contexts, [{
    abstractSyntax: "1.2.840.10008.5.1.4.1.1.2",
    transferSyntaxes: ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"],
    roles: { scu: false, scp: true },
  }]);
});

Deno.test("storeReceiver answers with the receiver's status, 0xA700 when it throws", async () => {
  const { encoded } = testInstance(1, 1, 1, 1);
  const answers = [undefined, 0xb007, "throw"];
  let call = 0;
  const { scu } = await connectPair({
    supported: [{ abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: TEST_SYNTAXES }],
    onRequest: storeReceiver((instance) => {
      assert.deepEqual(instance, encoded);
      const answer = answers[call++];
      if (answer === "throw") throw new Error("no space");
      return answer as number | undefined;
    }),
  }, { contexts: [{ abstractSyntax: encoded.sopClassUid }] });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const rsp = await scu.requestFinal({
      type: "C-STORE-RQ",
      messageId: 0,
      affectedSopClassUid: encoded.sopClassUid,
      affectedSopInstanceUid: encoded.sopInstanceUid,
      priority: 0,
      hasDataSet: true,
    }, { presentationContextId: scu.negotiated.contexts[0].id, dataSet: encoded.dataSet });
    const m = rsp.message as CStoreRsp;
    statuses.push(m.status);
    assert.equal(m.affectedSopInstanceUid, encoded.sopInstanceUid);
    if (m.status === 0xa700) assert.equal(m.errorComment, "no space");
  }
  assert.deepEqual(statuses, [0, 0xb007, 0xa700]);
  await scu.release();
});

Deno.test("getScu sends C-GET-RQ, then restores the handler it was given", async () => {
  const requests: CGetRq[] = [];
  const { scu, scp } = await connectPair({
    supported: [{ abstractSyntax: STUDY_ROOT_GET, transferSyntaxes: TEST_SYNTAXES }],
    onRequest: async (received, association) => {
      const rq = received.message as CGetRq;
      requests.push(rq);
      await association.send({
        type: "C-GET-RSP",
        messageIdBeingRespondedTo: rq.messageId,
        status: 0,
        hasDataSet: false,
        numberOfCompletedSuboperations: 0,
        numberOfFailedSuboperations: 0,
        numberOfWarningSuboperations: 0,
      }, { presentationContextId: received.presentationContextId });
    },
  }, { contexts: [{ abstractSyntax: STUDY_ROOT_GET }] });
  let restored = false;
  const previous: RequestHandler = () => {
    restored = true;
  };
  const result = await getScu(scu, buildIdentifier(["PatientID=1"], { level: "PATIENT" }), {
    onInstance: () => {},
    previousHandler: previous,
    priority: 2,
  });
  assert.equal(result.status, 0);
  assert.equal(result.received, 0);
  assert.equal(requests[0].affectedSopClassUid, STUDY_ROOT_GET);
  assert.equal(requests[0].priority, 2);
  // A request from the peer now reaches the restored handler.
  await scp.send({
    type: "C-ECHO-RQ",
    messageId: 99,
    affectedSopClassUid: "1.2.840.10008.1.1",
    hasDataSet: false,
  }, { presentationContextId: scp.negotiated.contexts[0].id });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(restored, true);
  await assert.rejects(
    getScu(scu, buildIdentifier([]), { onInstance: () => {}, sopClassUid: "1.2.3" }),
    NoContextError,
  );
  await scu.release();
});
