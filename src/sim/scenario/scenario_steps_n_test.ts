import assert from "node:assert/strict";
import { acceptAssociation } from "../../net/association/accept_association.ts";
import type { Association } from "../../net/association/association.ts";
import { requestAssociation } from "../../net/association/request_association.ts";
import type { RequestedContext } from "../../net/acse/association_request.ts";
import { createMemoryPair } from "../../net/transport/memory.ts";
import { storeInstances } from "../../services/storage_scu.ts";
import { CT_IMAGE_STORAGE, ctSeries } from "../modality/ct_series.ts";
import { createPacsNode, MPPS_SOP_CLASS, STORAGE_COMMITMENT_SOP_CLASS } from "../pacs/pacs_node.ts";
import { ExpectationError } from "./expectation_error.ts";
import {
  getInstances,
  GetOutcome,
  nActionStep,
  nCreateStep,
  nextEventReport,
  nGetStep,
  NOutcome,
  nSetStep,
} from "./scenario_steps_n.ts";

const STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
const EXPLICIT_LE = "1.2.840.10008.1.2.1";

/** An association with a fresh in-memory mock PACS. */
async function mock(contexts: RequestedContext[]): Promise<Association> {
  const node = createPacsNode({ aeTitle: "MOCK" });
  await node.load();
  const [client, server] = createMemoryPair();
  acceptAssociation(server, node.acceptOptions).catch(() => {});
  return await requestAssociation({
    host: "memory",
    port: 0,
    callingAeTitle: "SCU",
    calledAeTitle: "MOCK",
    contexts,
    transport: client,
  });
}

Deno.test("getInstances keeps the instances a C-GET brings and counts them", async () => {
  const series = ctSeries({ slices: 2, matrix: 16, seed: "steps-get" });
  const a = await mock([
    { abstractSyntax: STUDY_ROOT_GET },
    {
      abstractSyntax: CT_IMAGE_STORAGE,
      transferSyntaxes: [EXPLICIT_LE],
      roles: { scu: true, scp: true },
    },
  ]);
  const files = [0, 1].map((i) => ({ name: `${i}`, read: () => series.file(i) }));
  await storeInstances(a, files, { maxInFlight: 1 });
  const got = await getInstances(a, [`StudyInstanceUID=${series.studyInstanceUid}`]);
  got.expectStatus("Success").expectReceived(2);
  assert.ok(got.received.has(series.sopInstanceUid(1)));
  assert.throws(
    () => got.expectReceived(3),
    (e: unknown) =>
      e instanceof ExpectationError && e.expected === "3 completed and received" &&
      e.actual === "2 completed (failed 0, warning 0), 2 received",
  );
  await a.release();
});

Deno.test("N-CREATE, N-SET and N-GET of an MPPS; N-SET after COMPLETED is refused", async () => {
  const a = await mock([{ abstractSyntax: MPPS_SOP_CLASS }]);
  const uid = "2.25.1234";
  const created = await nCreateStep(a, {
    sopClassUid: MPPS_SOP_CLASS,
    sopInstanceUid: uid,
    attributes: ["PerformedProcedureStepStatus=IN PROGRESS"],
  });
  created.expectStatus(0x0000);
  assert.equal(created.sopInstanceUid, uid);
  const set = { sopClassUid: MPPS_SOP_CLASS, sopInstanceUid: uid };
  (await nSetStep(a, { ...set, modifications: ["PerformedProcedureStepStatus=COMPLETED"] }))
    .expectStatus("Success");
  (await nSetStep(a, { ...set, modifications: ["PerformedProcedureStepStatus=COMPLETED"] }))
    .expectStatus(0x0110);
  // The mock serves no N-GET for MPPS: 0x0211 unrecognized operation.
  (await nGetStep(a, set)).expectStatus(0x0211);
  await a.release();
});

Deno.test("nActionStep then nextEventReport: a Storage Commitment result on the same association", async () => {
  const a = await mock([{ abstractSyntax: STORAGE_COMMITMENT_SOP_CLASS }]);
  (await nActionStep(a, {
    sopClassUid: STORAGE_COMMITMENT_SOP_CLASS,
    sopInstanceUid: "1.2.840.10008.1.20.1.1",
    actionTypeId: 1,
    actionInformation: [
      "TransactionUID=2.25.99",
      `ReferencedSOPSequence[0].ReferencedSOPClassUID=${CT_IMAGE_STORAGE}`,
      "ReferencedSOPSequence[0].ReferencedSOPInstanceUID=2.25.98",
    ],
  })).expectStatus("Success");
  const report = await nextEventReport(a);
  assert.equal(report.eventTypeId, 2); // the instance was never stored
  assert.equal(report.sopClassUid, STORAGE_COMMITMENT_SOP_CLASS);
  assert.equal(report.dataSet?.getItems("FailedSOPSequence")?.length, 1);
  await a.release();
});

Deno.test("NOutcome and GetOutcome say what was expected and what came", () => {
  assert.throws(
    () => new NOutcome("N-SET", 0x0110, "1.2", undefined).expectStatus("Success"),
    (e: unknown) =>
      e instanceof ExpectationError &&
      e.message === "N-SET status: expected Success, got 0x0110 (Failure)",
  );
  assert.throws(
    () =>
      new GetOutcome(0xa702, { completed: 0, failed: 1, warning: 0 }, new Map()).expectStatus(0),
    /C-GET final status: expected 0x0000, got 0xA702/,
  );
});
