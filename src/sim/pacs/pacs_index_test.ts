import assert from "node:assert/strict";
import { DataSet } from "../../core/dataset.ts";
import { testArchive } from "../../services/_qr_test_kit.ts";
import { buildIdentifier } from "../../services/identifier.ts";
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
