import assert from "node:assert/strict";
import type { Association } from "../../net/association/association.ts";
import { requestAssociation } from "../../net/association/request_association.ts";
import { MODALITY_WORKLIST_FIND } from "../../services/query_models.ts";
import { mockRis, sampleWorklistItem } from "./_mock_ris.ts";
import { CT_IMAGE_STORAGE, ctSeries } from "./ct_series.ts";
import {
  commitmentRequest,
  createMpps,
  demographicsFromWorklist,
  MPPS_SOP_CLASS,
  mppsFinal,
  mppsInProgress,
  queryWorklist,
  requestStorageCommitment,
  setMpps,
  STORAGE_COMMITMENT_PUSH,
  WorkflowError,
  worklistIdentifier,
} from "./modality_workflow.ts";

const worklistItem = sampleWorklistItem;

async function connectMockRis(options: { failInstance?: string } = {}) {
  const ris = mockRis(options);
  const association: Association = await requestAssociation({
    transport: ris.connect(),
    callingAeTitle: "CTSIM",
    calledAeTitle: "RIS",
    contexts: [MODALITY_WORKLIST_FIND, MPPS_SOP_CLASS, STORAGE_COMMITMENT_PUSH].map((uid) => ({
      abstractSyntax: uid,
      transferSyntaxes: ["1.2.840.10008.1.2.1"],
    })),
  });
  return { association, mpps: ris.mpps };
}

Deno.test("worklistIdentifier and demographicsFromWorklist carry the scheduled patient and study", () => {
  const id = worklistIdentifier({ stationAeTitle: "CTSIM", date: "20260101" });
  const step = id.getItems("ScheduledProcedureStepSequence")[0];
  assert.equal(step.getString("ScheduledStationAETitle"), "CTSIM");
  assert.equal(step.getString("ScheduledProcedureStepStartDate"), "20260101");
  assert.ok(id.has("PatientName") && id.has("StudyInstanceUID"));
  const d = demographicsFromWorklist(worklistItem());
  assert.equal(d.patientName, "DOE^JANE");
  assert.equal(d.studyInstanceUid, "1.2.3.4.5");
  assert.equal(d.accessionNumber, "ACC1");
  assert.equal(d.referringPhysicianName, undefined);
  const series = ctSeries({ slices: 2, matrix: 8, ...d });
  assert.equal(series.studyInstanceUid, "1.2.3.4.5");
  assert.equal(series.header(1).getString("PatientID"), "P42");
});

Deno.test("the workflow runs worklist, MPPS IN PROGRESS, COMPLETED and storage commitment", async () => {
  const { association, mpps } = await connectMockRis();
  try {
    const items = await queryWorklist(association);
    assert.equal(items.length, 1);
    const item = items[0];
    const series = ctSeries({ slices: 3, matrix: 8, ...demographicsFromWorklist(item) });
    const uid = await createMpps(
      association,
      mppsInProgress(series, { worklistItem: item }),
      "2.25.77",
    );
    assert.equal(uid, "2.25.77");
    const created = mpps.get(uid)!;
    assert.equal(created.getString("PerformedProcedureStepStatus"), "IN PROGRESS");
    assert.equal(created.getString("PatientName"), "DOE^JANE");
    const scheduled = created.getItems("ScheduledStepAttributesSequence")[0];
    assert.equal(scheduled.getString("StudyInstanceUID"), "1.2.3.4.5");
    assert.equal(scheduled.getString("ScheduledProcedureStepID"), "SPS1");
    await setMpps(association, uid, mppsFinal(series, "COMPLETED"));
    assert.equal(mpps.get(uid)!.getString("PerformedProcedureStepStatus"), "COMPLETED");
    const performed = mpps.get(uid)!.getItems("PerformedSeriesSequence")[0];
    assert.equal(performed.getString("SeriesInstanceUID"), series.seriesInstanceUid);
    assert.equal(performed.getItems("ReferencedImageSequence").length, 3);
    const refs = [0, 1, 2].map((i) => ({
      sopClassUid: CT_IMAGE_STORAGE,
      sopInstanceUid: series.sopInstanceUid(i),
    }));
    const result = await requestStorageCommitment(association, "2.25.99", refs, {
      timeoutMs: 5000,
    });
    assert.equal(result.eventTypeId, 1);
    assert.equal(result.committed.length, 3);
    assert.equal(result.failed.length, 0);
  } finally {
    await association.release();
  }
});

Deno.test("storage commitment reports the instances the SCP did not commit", async () => {
  const series = ctSeries({ slices: 2, matrix: 8 });
  const { association } = await connectMockRis({ failInstance: series.sopInstanceUid(1) });
  try {
    const refs = [0, 1].map((i) => ({
      sopClassUid: CT_IMAGE_STORAGE,
      sopInstanceUid: series.sopInstanceUid(i),
    }));
    const result = await requestStorageCommitment(association, "2.25.98", refs);
    assert.equal(result.eventTypeId, 2);
    assert.deepEqual(result.committed.map((r) => r.sopInstanceUid), [series.sopInstanceUid(0)]);
    assert.equal(result.failed[0].failureReason, 0x0112);
  } finally {
    await association.release();
  }
});

Deno.test("mppsFinal DISCONTINUED lists only the images sent; commitmentRequest lists references", () => {
  const series = ctSeries({ slices: 4, matrix: 8 });
  const final = mppsFinal(series, "DISCONTINUED", { sentIndices: [0, 1] });
  assert.equal(final.getString("PerformedProcedureStepStatus"), "DISCONTINUED");
  const images = final.getItems("PerformedSeriesSequence")[0].getItems("ReferencedImageSequence");
  assert.deepEqual(images.map((i) => i.getString("ReferencedSOPInstanceUID")), [
    series.sopInstanceUid(0),
    series.sopInstanceUid(1),
  ]);
  const rq = commitmentRequest("1.2.3", [{ sopClassUid: "1.2", sopInstanceUid: "1.2.3.4" }]);
  assert.equal(rq.getString("TransactionUID"), "1.2.3");
  assert.equal(
    rq.getItems("ReferencedSOPSequence")[0].getString("ReferencedSOPInstanceUID"),
    "1.2.3.4",
  );
  assert.ok(new WorkflowError("x", 0xa700) instanceof Error);
});
