import assert from "node:assert/strict";
import { DataSet } from "../core/dataset.ts";
import { testArchive } from "./_qr_test_kit.ts";
import { buildIdentifier } from "./identifier.ts";
import { matchesIdentifier, queryDataSets, queryResponse } from "./query_match.ts";

function candidate(): DataSet {
  const ds = new DataSet();
  ds.set("PatientName", "Doe^John");
  ds.set("PatientID", "12345");
  ds.set("StudyDate", "20240131");
  ds.set("StudyTime", "101500");
  ds.set("ModalitiesInStudy", ["CT", "SR"]);
  ds.set("StudyInstanceUID", "1.2.3");
  const step = new DataSet();
  step.set("Modality", "CT");
  step.set("ScheduledStationAETitle", "CT1");
  const other = new DataSet();
  other.set("Modality", "MR");
  ds.set("ScheduledProcedureStepSequence", [step, other]);
  return ds;
}

const match = (...keys: string[]) => matchesIdentifier(candidate(), buildIdentifier(keys));

Deno.test("single value, universal, wildcard and PN case-insensitive matching", () => {
  assert.ok(match("PatientID=12345", "PatientName"));
  assert.ok(!match("PatientID=1234"));
  assert.ok(match("PatientID=12*", "PatientName=doe^*"));
  assert.ok(match("PatientID=1234?"));
  assert.ok(!match("PatientID=1234??"));
  assert.ok(match("PatientID=*"));
  assert.ok(!match("PatientID=12.45")); // a dot is not a wildcard
  assert.ok(match("ModalitiesInStudy=SR")); // any value of a multi-valued attribute
  assert.ok(!match("AccessionNumber=A1"));
  assert.ok(match("AccessionNumber=*"));
});

Deno.test("range matching of dates and times; list of UID matching", () => {
  assert.ok(match("StudyDate=20240101-20240131"));
  assert.ok(match("StudyDate=20240131-"));
  assert.ok(!match("StudyDate=-20240130"));
  assert.ok(match("StudyTime=1000-1015"));
  assert.ok(!match("StudyTime=1016-"));
  assert.ok(match("StudyInstanceUID=9.9\\1.2.3"));
  assert.ok(!match("StudyInstanceUID=1.2.*"));
});

Deno.test("sequence matching: any item matching the key item", () => {
  assert.ok(match("ScheduledProcedureStepSequence[0].Modality=MR"));
  assert.ok(!match("ScheduledProcedureStepSequence[0].Modality=US"));
  assert.ok(match("ScheduledProcedureStepSequence[0].Modality"));
  assert.ok(match("ScheduledProcedureStepSequence"));
  assert.ok(!match("ReferencedStudySequence[0].ReferencedSOPInstanceUID=1"));
});

Deno.test("queryResponse returns the asked keys, empty when missing, items filtered", () => {
  const id = buildIdentifier([
    "PatientName",
    "AccessionNumber",
    "ScheduledProcedureStepSequence[0].Modality=CT",
    "ScheduledProcedureStepSequence[0].ScheduledStationAETitle",
  ], { level: "STUDY" });
  const r = queryResponse(candidate(), id, { retrieveAeTitle: "QRSCP" });
  assert.deepEqual(
    r.elements().map((e) => e.tag),
    [0x00080050, 0x00080052, 0x00080054, 0x00100010, 0x00400100],
  );
  assert.equal(r.getString("PatientName"), "Doe^John");
  assert.equal(r.get("AccessionNumber")?.valueCount, 0);
  const items = r.getItems("ScheduledProcedureStepSequence");
  assert.equal(items.length, 1);
  assert.equal(items[0].getString("ScheduledStationAETitle"), "CT1");
  assert.equal(items[0].size, 2);
});

Deno.test("queryDataSets answers once per unique key of the level", () => {
  const archive = testArchive().map((i) => i.dataSet);
  const level = (l: "PATIENT" | "STUDY" | "SERIES" | "IMAGE", ...keys: string[]) =>
    queryDataSets(archive, buildIdentifier(keys, { level: l })).length;
  assert.equal(level("PATIENT"), 2);
  assert.equal(level("STUDY"), 3);
  assert.equal(level("SERIES"), 4);
  assert.equal(level("IMAGE"), 8);
  assert.equal(level("IMAGE", "PatientID=P2"), 3);
  assert.equal(queryDataSets(archive, buildIdentifier(["Modality=MR"])).length, 8);
});
