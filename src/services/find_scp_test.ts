import assert from "node:assert/strict";
import { DataSet } from "../core/dataset.ts";
import type { CFindRsp } from "../net/dimse/messages.ts";
import { connectPair, TEST_SYNTAXES } from "./_qr_test_kit.ts";
import { findScp, type FindScpOptions, handleFind } from "./find_scp.ts";
import { findScu } from "./find_scu.ts";
import { buildIdentifier } from "./identifier.ts";
import { MODALITY_WORKLIST_FIND, STUDY_ROOT_FIND } from "./query_models.ts";
import type { ScpRequest } from "./scp_request.ts";
import { StatusError } from "./status_error.ts";

async function pair(options: FindScpOptions) {
  return await connectPair({
    supported: [STUDY_ROOT_FIND, MODALITY_WORKLIST_FIND].map((abstractSyntax) => ({
      abstractSyntax,
      transferSyntaxes: TEST_SYNTAXES,
    })),
    onRequest: findScp(options),
  }, {
    contexts: [{ abstractSyntax: STUDY_ROOT_FIND }, { abstractSyntax: MODALITY_WORKLIST_FIND }],
  });
}

Deno.test("the matcher gets the decoded identifier and the request; FF01 matches pass", async () => {
  let seen: { identifier: DataSet; request: ScpRequest } | undefined;
  const { scu } = await pair({
    match: (identifier, request) => {
      seen = { identifier, request };
      const ds = new DataSet();
      ds.set("StudyInstanceUID", "1.2.3");
      return [{ identifier: ds, status: 0xff01 }, ds];
    },
  });
  const statuses: number[] = [];
  const result = await findScu(scu, buildIdentifier(["StudyInstanceUID"], { level: "STUDY" }), {
    onMatch: (_m, r) => statuses.push(r.status),
  });
  assert.equal(result.status, 0);
  assert.deepEqual(statuses, [0xff01, 0xff00]);
  assert.equal(seen?.identifier.getString("QueryRetrieveLevel"), "STUDY");
  assert.equal(seen?.request.peerAeTitle, "QRSCU");
  assert.equal(seen?.request.localAeTitle, "QRSCP");
  assert.equal(seen?.request.sopClassUid, STUDY_ROOT_FIND);
  await scu.release();
});

Deno.test("a StatusError from the matcher becomes the final status with its comment", async () => {
  const { scu } = await pair({
    match: () => {
      throw new StatusError(0xa700, "Too many matches");
    },
  });
  const result = await findScu(scu, buildIdentifier([], { level: "STUDY" }));
  assert.equal(result.status, 0xa700);
  assert.equal(result.final.errorComment, "Too many matches");
  await scu.release();
});

Deno.test("other matcher failures, also mid-stream, end with 0xC000", async () => {
  const { scu } = await pair({
    match: async function* () {
      const ds = new DataSet();
      ds.set("StudyID", "1");
      yield ds;
      await Promise.resolve();
      throw new RangeError("disk on fire");
    },
  });
  const result = await findScu(scu, buildIdentifier([], { level: "STUDY" }));
  assert.equal(result.status, 0xc000);
  assert.equal(result.matches.length, 1);
  assert.equal(result.final.errorComment, "disk on fire");
  await scu.release();
});

Deno.test("an unserved SOP class gets 0x0122; an undecodable identifier 0xC000", async () => {
  const { scu } = await pair({ match: () => [], sopClasses: [STUDY_ROOT_FIND] });
  const worklist = await findScu(scu, new DataSet(), { sopClassUid: MODALITY_WORKLIST_FIND });
  assert.equal(worklist.status, 0x0122);
  const context = scu.negotiated.contexts.find((c) => c.abstractSyntax === STUDY_ROOT_FIND)!;
  const bad = await scu.requestFinal({
    type: "C-FIND-RQ",
    messageId: 0,
    affectedSopClassUid: STUDY_ROOT_FIND,
    priority: 0,
    hasDataSet: true,
  }, { presentationContextId: context.id, dataSet: new Uint8Array([8, 0, 0x52, 0, 0x43]) });
  assert.equal((bad.message as CFindRsp).status, 0xc000);
  assert.match((bad.message as CFindRsp).errorComment ?? "", /^Cannot decode/);
  await scu.release();
});

Deno.test("handleFind resolves with the final status it sent", async () => {
  const finals: number[] = [];
  const { scu } = await connectPair({
    supported: [{ abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes: TEST_SYNTAXES }],
    onRequest: async (received, association) => {
      finals.push(await handleFind(received, association, { match: () => [new DataSet()] }));
    },
  }, { contexts: [{ abstractSyntax: STUDY_ROOT_FIND }] });
  await findScu(scu, new DataSet());
  await scu.release();
  assert.deepEqual(finals, [0]);
});
