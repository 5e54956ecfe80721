import assert from "node:assert/strict";
import fc from "fast-check";
import { dataSetToJson } from "../../codec/dicom_json.ts";
import { DataSet } from "../../core/dataset.ts";
import { testArchive } from "../../services/_qr_test_kit.ts";
import { buildIdentifier } from "../../services/identifier.ts";
import { queryDataSets } from "../../services/query_match.ts";
import { IndexQueryError, PacsIndex } from "./pacs_index.ts";

function indexOf(options: ConstructorParameters<typeof PacsIndex>[0] = {}): PacsIndex {
  const index = new PacsIndex(options);
  for (const { dataSet, encoded } of testArchive()) {
    index.add(dataSet, {
      location: encoded.sopInstanceUid,
      transferSyntaxUid: encoded.transferSyntaxUid,
    });
  }
  return index;
}

Deno.test("PacsIndex answers one response per entity of the level", () => {
  const index = indexOf();
  assert.equal(index.size, 8);
  assert.equal(index.find(buildIdentifier(["PatientID"], { level: "PATIENT" })).length, 2);
  assert.equal(index.find(buildIdentifier(["StudyInstanceUID"], { level: "STUDY" })).length, 3);
  assert.equal(index.find(buildIdentifier(["SeriesInstanceUID"], { level: "SERIES" })).length, 4);
  assert.equal(index.find(buildIdentifier(["SOPInstanceUID"], { level: "IMAGE" })).length, 8);
});

Deno.test("PacsIndex computes the related counts and Modalities in Study", () => {
  const [study] = indexOf().find(
    buildIdentifier([
      "StudyInstanceUID=1.2.826.0.1.3680043.9.7.1.1",
      "NumberOfStudyRelatedSeries",
      "NumberOfStudyRelatedInstances",
      "ModalitiesInStudy",
    ], { level: "STUDY" }),
  );
  assert.equal(study.getString("NumberOfStudyRelatedSeries"), "2");
  assert.equal(study.getString("NumberOfStudyRelatedInstances"), "3");
  assert.deepEqual(study.getStrings("ModalitiesInStudy"), ["MR"]);
});

Deno.test("PacsIndex PN matching is case-insensitive by default, switchable", () => {
  const q = buildIdentifier(["PatientID", "PatientName=PATIENT^1"], { level: "PATIENT" });
  assert.equal(indexOf().find(q).length, 1);
  assert.equal(indexOf({ pnCaseInsensitive: false }).find(q).length, 0);
  const exact = buildIdentifier(["PatientID", "PatientName=Patient^*"], { level: "PATIENT" });
  assert.equal(indexOf({ pnCaseInsensitive: false }).find(exact).length, 2);
});

Deno.test("PacsIndex keeps only indexed keys, plus configured extra keys", () => {
  const ds = new DataSet();
  ds.set("SOPInstanceUID", "1.2");
  ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2");
  ds.set("BodyPartExamined", "HEAD");
  ds.set("ProtocolName", "P");
  const plain = new PacsIndex();
  plain.add(ds, { location: "x", transferSyntaxUid: "1.2.840.10008.1.2" });
  assert.equal(plain.get("1.2")?.attributes.has("ProtocolName"), false);
  const extra = new PacsIndex({ extraKeys: [0x00181030] });
  extra.add(ds, { location: "x", transferSyntaxUid: "1.2.840.10008.1.2" });
  assert.equal(extra.get("1.2")?.attributes.getString("ProtocolName"), "P");
});

Deno.test("PacsIndex refuses a query without a level and a retrieve without a unique key", () => {
  const index = indexOf();
  assert.throws(() => index.find(buildIdentifier(["PatientID"])), IndexQueryError);
  assert.throws(
    () => index.select(buildIdentifier(["Modality=MR"], { level: "SERIES" })),
    IndexQueryError,
  );
  assert.equal(
    index.select(
      buildIdentifier(["StudyInstanceUID=1.2.826.0.1.3680043.9.7.2.3"], { level: "STUDY" }),
    ).length,
    3,
  );
});

const UID = "1.2.826.0.1.3680043.9.7";

Deno.test("PacsIndex answers like a scan of every instance, whatever the keys (property)", () => {
  const patients = ["P1", "P2", "P3"];
  const arbitraryInstance = fc.record({
    patient: fc.constantFrom(...patients),
    study: fc.integer({ min: 1, max: 3 }),
    series: fc.integer({ min: 1, max: 2 }),
    instance: fc.integer({ min: 1, max: 4 }),
    modality: fc.constantFrom("CT", "MR"),
  });
  const keyChoices = (level: string) =>
    fc.subarray([
      fc.constantFrom("PatientID", "PatientID=P1", "PatientID=P2", "PatientID=P*", "PatientID=*"),
      fc.constantFrom(
        "StudyInstanceUID",
        `StudyInstanceUID=${UID}.P1.1`,
        `StudyInstanceUID=${UID}.P2.2\\${UID}.P1.1`,
        `StudyInstanceUID=${UID}.P3.9`,
      ),
      fc.constantFrom("SeriesInstanceUID", `SeriesInstanceUID=${UID}.P1.1.2`),
      fc.constantFrom("SOPInstanceUID", `SOPInstanceUID=${UID}.P2.1.1.1`),
      fc.constantFrom("Modality", "Modality=CT", "Modality=M?"),
      fc.constantFrom("NumberOfStudyRelatedInstances", "PatientName=pat*"),
    ]).chain((arbs) => fc.tuple(fc.constant(level), fc.tuple(...arbs)));
  fc.assert(
    fc.property(
      fc.array(arbitraryInstance, { maxLength: 30 }),
      fc.constantFrom("PATIENT", "STUDY", "SERIES", "IMAGE").chain(keyChoices),
      (instances, [level, keys]) => {
        const index = new PacsIndex();
        for (const i of instances) {
          const ds = new DataSet();
          ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.4");
          ds.set("SOPInstanceUID", `${UID}.${i.patient}.${i.study}.${i.series}.${i.instance}`);
          ds.set("PatientID", i.patient);
          ds.set("PatientName", `Patient^${i.patient}`);
          ds.set("StudyInstanceUID", `${UID}.${i.patient}.${i.study}`);
          ds.set("SeriesInstanceUID", `${UID}.${i.patient}.${i.study}.${i.series}`);
          ds.set("Modality", i.modality);
          index.add(ds, { location: "x", transferSyntaxUid: "1.2.840.10008.1.2" });
        }
        const identifier = buildIdentifier(keys as string[], { level: level as "STUDY" });
        const got = index.find(identifier).map((d) => dataSetToJson(d));
        // The reference: every instance matched, one answer per entity.
        const scan = new DataSet(identifier.elements());
        scan.delete(0x00201208);
        const expected = queryDataSets(index.instances().map((e) => e.attributes), scan);
        assert.equal(got.length, expected.length);
        const uniqueKey = { PATIENT: "00100020", STUDY: "0020000D", SERIES: "0020000E" }[
          level as "PATIENT"
        ] ?? "00080018";
        const ids = (answers: Record<string, unknown>[]) =>
          answers.map((a) => JSON.stringify(a[uniqueKey] ?? null));
        assert.deepEqual(ids(got), ids(expected.map((d) => dataSetToJson(d))));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("PacsIndex hierarchical queries need the unique keys above the level", () => {
  const index = indexOf();
  const hierarchical = { method: "hierarchical" as const, root: "STUDY" as const };
  // SERIES level without a Study Instance UID: refused (PS3.4 C.4.1.2.1).
  const noStudy = buildIdentifier(["SeriesInstanceUID", "Modality=MR"], { level: "SERIES" });
  assert.equal(index.find(noStudy).length, 4); // relational: fine
  assert.throws(
    () => index.find(noStudy, hierarchical),
    (e: unknown) =>
      e instanceof IndexQueryError && e.status === 0xa900 && /0020,000D/.test(e.message),
  );
  // A wildcard or a list is not a single value.
  for (const value of [`${UID}.1.*`, `${UID}.1.1\\${UID}.1.2`]) {
    assert.throws(
      () =>
        index.find(
          buildIdentifier([`StudyInstanceUID=${value}`, "SeriesInstanceUID"], { level: "SERIES" }),
          hierarchical,
        ),
      IndexQueryError,
    );
  }
  // IMAGE level in Patient Root needs Patient ID, Study and Series Instance UIDs.
  assert.throws(
    () =>
      index.find(
        buildIdentifier([`StudyInstanceUID=${UID}.1.1`, `SeriesInstanceUID=${UID}.1.1.1`], {
          level: "IMAGE",
        }),
        { method: "hierarchical", root: "PATIENT" },
      ),
    /PATIENT unique key/,
  );
  const images = index.find(
    buildIdentifier([
      "PatientID=P1",
      `StudyInstanceUID=${UID}.1.1`,
      `SeriesInstanceUID=${UID}.1.1.1`,
      "SOPInstanceUID",
    ], { level: "IMAGE" }),
    { method: "hierarchical", root: "PATIENT" },
  );
  assert.equal(images.length, 2);
});

Deno.test("PacsIndex hierarchical queries ignore non-unique keys of other levels", () => {
  const index = indexOf();
  // StudyDate is a STUDY key: at SERIES level, only the Study Instance UID is matched above.
  const series = buildIdentifier([
    `StudyInstanceUID=${UID}.1.1`,
    "StudyDate=19990101",
    "PatientName=Nobody",
    "SOPInstanceUID=9.9.9",
    "SeriesInstanceUID",
    "Modality=MR",
  ], { level: "SERIES" });
  assert.equal(index.find(series).length, 0); // relational: every key matches
  const answers = index.find(series, { method: "hierarchical", root: "STUDY" });
  assert.equal(answers.length, 2);
  // The ignored keys are still returned, with the entity's values.
  assert.equal(answers[0].getString("StudyDate"), "20240101");
  // In Study Root, patient keys are STUDY keys: matched at STUDY level.
  const studies = index.find(
    buildIdentifier(["PatientName=Patient^2", "StudyInstanceUID"], { level: "STUDY" }),
    { method: "hierarchical", root: "STUDY" },
  );
  assert.equal(studies.length, 1);
  // In Patient Root they are PATIENT keys: at STUDY level only Patient ID is matched above.
  const byPatient = index.find(
    buildIdentifier(["PatientID=P1", "PatientName=Nobody", "StudyInstanceUID"], {
      level: "STUDY",
    }),
    { method: "hierarchical", root: "PATIENT" },
  );
  assert.equal(byPatient.length, 2);
});

Deno.test("PacsIndex hierarchical retrieve needs the unique keys above the level", () => {
  const index = indexOf();
  const series = buildIdentifier([`SeriesInstanceUID=${UID}.1.1.1`], { level: "SERIES" });
  assert.equal(index.select(series).length, 2);
  assert.throws(
    () => index.select(series, { method: "hierarchical", root: "STUDY" }),
    /Hierarchical retrieve: STUDY unique key \(0020,000D\)/,
  );
  series.set("StudyInstanceUID", `${UID}.1.1`);
  assert.equal(index.select(series, { method: "hierarchical", root: "STUDY" }).length, 2);
  assert.throws(() => index.select(series, { method: "hierarchical", root: "PATIENT" }), /PATIENT/);
});
