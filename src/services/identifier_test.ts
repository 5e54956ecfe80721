import assert from "node:assert/strict";
import fc from "fast-check";
import { readDataSet } from "../codec/read_dataset.ts";
import { writeDataSet } from "../codec/write_dataset.ts";
import {
  buildIdentifier,
  IdentifierKeyError,
  parseIdentifierKey,
  setIdentifierKey,
} from "./identifier.ts";
import { DataSet } from "../core/dataset.ts";

Deno.test("parseIdentifierKey takes keywords and every tag spelling", () => {
  for (const key of ["PatientID", "0010,0020", "(0010,0020)", "00100020", " PatientID "]) {
    assert.deepEqual(parseIdentifierKey(`${key}=12`), { path: [{ tag: 0x00100020 }], value: "12" });
  }
  assert.deepEqual(parseIdentifierKey("PatientName"), { path: [{ tag: 0x00100010 }], value: "" });
  assert.deepEqual(parseIdentifierKey("PatientName="), { path: [{ tag: 0x00100010 }], value: "" });
  assert.equal(parseIdentifierKey("StudyDescription=a=b").value, "a=b");
});

Deno.test("parseIdentifierKey follows sequences with item indexes", () => {
  assert.deepEqual(parseIdentifierKey("(0040,0100)[2].(0008,0060)=CT").path, [
    { tag: 0x00400100, item: 2 },
    { tag: 0x00080060 },
  ]);
  assert.deepEqual(parseIdentifierKey("ScheduledProcedureStepSequence.Modality").path, [
    { tag: 0x00400100, item: 0 },
    { tag: 0x00080060 },
  ]);
});

Deno.test("bad keys throw IdentifierKeyError naming the key", () => {
  for (
    const bad of [
      "NoSuchKeyword=1",
      "=1",
      "PatientID[0]=1",
      "PatientID.PatientName=x",
      "Rows=abc",
      "PixelData=12",
      "ScheduledProcedureStepSequence=CT",
      "1234,5678=x",
      "a..b=1",
    ]
  ) {
    assert.throws(
      () => buildIdentifier([bad]),
      (e: unknown) =>
        e instanceof IdentifierKeyError && e.key === bad && /^Cannot use key /.test(e.message),
      bad,
    );
  }
});

Deno.test("buildIdentifier sets the level, values, return keys and multiple values", () => {
  const id = buildIdentifier(
    [
      "PatientID=P1",
      "PatientName",
      "ModalitiesInStudy=CT\\MR",
      "Rows=512",
      "StudyDescription=a\\b",
    ],
    { level: "STUDY" },
  );
  assert.equal(id.getString("QueryRetrieveLevel"), "STUDY");
  assert.equal(id.getString("PatientID"), "P1");
  assert.equal(id.get("PatientName")?.valueCount, 0);
  assert.deepEqual(id.getStrings("ModalitiesInStudy"), ["CT", "MR"]);
  assert.equal(id.getNumber("Rows"), 512);
  assert.deepEqual(id.getStrings("StudyDescription"), ["a", "b"]); // LO is multi-valued
  const st = buildIdentifier(["(0008,0081)=x\\y"]); // Institution Address is ST: one value
  assert.deepEqual(st.getStrings(0x00080081), ["x\\y"]);
  assert.equal(
    buildIdentifier(["QueryRetrieveLevel=IMAGE"], { level: "STUDY" })
      .getString("QueryRetrieveLevel"),
    "IMAGE",
  );
});

Deno.test("nested keys build sequences and items; an empty sequence key stays empty", () => {
  const id = buildIdentifier([
    "ScheduledProcedureStepSequence[0].Modality=CT",
    "ScheduledProcedureStepSequence[0].ScheduledStationAETitle",
    "ScheduledProcedureStepSequence[1].Modality=MR",
    "ReferencedStudySequence",
  ]);
  const items = id.getItems("ScheduledProcedureStepSequence");
  assert.equal(items.length, 2);
  assert.equal(items[0].getString("Modality"), "CT");
  assert.equal(items[0].get("ScheduledStationAETitle")?.valueCount, 0);
  assert.equal(items[1].getString("Modality"), "MR");
  assert.equal(id.get("ReferencedStudySequence")?.items.length, 0);
  // A bare sequence key after items keeps them.
  setIdentifierKey(id, "ScheduledProcedureStepSequence");
  assert.equal(id.getItems("ScheduledProcedureStepSequence").length, 2);
});

Deno.test("non-ASCII values get Specific Character Set ISO_IR 192", () => {
  const id = buildIdentifier(["PatientName=Müller^Jürgen"]);
  assert.equal(id.getString("SpecificCharacterSet"), "ISO_IR 192");
  const bytes = writeDataSet(id, { explicitVr: true, littleEndian: true });
  const back = readDataSet(bytes, { explicitVr: true, littleEndian: true }).dataSet;
  assert.equal(back.getString("PatientName"), "Müller^Jürgen");
  assert.equal(buildIdentifier(["PatientName=X"]).has("SpecificCharacterSet"), false);
});

Deno.test("property: LO values without backslash survive identifier building and encoding", () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 60 }).filter((s) => /^[ -[\]-~]*$/.test(s) && s.trim() === s),
      (value) => {
        const id = buildIdentifier([`PatientID=${value}`]);
        const bytes = writeDataSet(id, { explicitVr: false, littleEndian: true });
        const back = readDataSet(bytes, { explicitVr: false, littleEndian: true }).dataSet;
        assert.equal(back.getString("PatientID") ?? "", value);
      },
    ),
  );
});

Deno.test("setIdentifierKey replaces an earlier value of the same attribute", () => {
  const id = new DataSet();
  setIdentifierKey(id, "PatientID=1");
  setIdentifierKey(id, "PatientID=2");
  assert.equal(id.getString("PatientID"), "2");
});
