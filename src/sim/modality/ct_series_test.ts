import assert from "node:assert/strict";
import { readDicom } from "../../codec/read_file.ts";
import { CT_IMAGE_STORAGE, ctSeries, generateCtSeries } from "./ct_series.ts";

const SMALL = { slices: 6, matrix: 32, seed: "t" } as const;

Deno.test("ctSeries gives byte-identical files for the same options and different ones otherwise", () => {
  const a = ctSeries(SMALL);
  const b = ctSeries(SMALL);
  for (let i = 0; i < a.count; i++) assert.deepEqual(a.file(i), b.file(i));
  const c = ctSeries({ ...SMALL, seed: "u" });
  assert.notEqual(c.studyInstanceUid, a.studyInstanceUid);
  assert.notDeepEqual(c.file(0), a.file(0));
  const d = ctSeries({ ...SMALL, studyIndex: 1 });
  assert.notEqual(d.studyInstanceUid, a.studyInstanceUid);
});

Deno.test("ctSeries slices share study, series and frame of reference, with unique instances", () => {
  const series = ctSeries(SMALL);
  const slices = [...generateCtSeries(SMALL)];
  assert.equal(slices.length, 6);
  const instances = new Set(slices.map((s) => s.getString("SOPInstanceUID")));
  assert.equal(instances.size, 6);
  for (const [i, s] of slices.entries()) {
    assert.equal(s.getString("SOPClassUID"), CT_IMAGE_STORAGE);
    assert.equal(s.getString("SOPInstanceUID"), series.sopInstanceUid(i));
    assert.equal(s.getString("StudyInstanceUID"), series.studyInstanceUid);
    assert.equal(s.getString("SeriesInstanceUID"), series.seriesInstanceUid);
    assert.equal(s.getString("FrameOfReferenceUID"), series.frameOfReferenceUid);
    assert.equal(s.getNumber("InstanceNumber"), i + 1);
  }
});

Deno.test("ctSeries geometry: positions step by the slice thickness along the normal, times advance", () => {
  const slices = [...generateCtSeries({ ...SMALL, sliceThickness: 2.5, fieldOfView: 320 })];
  const z = slices.map((s) => s.getNumbers("ImagePositionPatient")[2]);
  for (let i = 1; i < z.length; i++) assert.ok(Math.abs(z[i - 1] - z[i] - 2.5) < 1e-6);
  for (const s of slices) {
    assert.deepEqual(s.getNumbers("ImageOrientationPatient"), [1, 0, 0, 0, 1, 0]);
    assert.deepEqual(s.getNumbers("PixelSpacing"), [10, 10]);
    assert.equal(s.getNumber("SliceThickness"), 2.5);
    assert.equal(s.getNumber("SpacingBetweenSlices"), 2.5);
    assert.equal(s.getNumber("SliceLocation"), s.getNumbers("ImagePositionPatient")[2]);
    assert.equal(s.getNumber("RescaleIntercept"), -1024);
    assert.equal(s.getNumber("RescaleSlope"), 1);
  }
  const times = slices.map((s) => s.getString("AcquisitionTime")!);
  for (let i = 1; i < times.length; i++) assert.ok(times[i] > times[i - 1]);
});

Deno.test("ctSeries files read back with 16-bit signed pixels and demographics from options", () => {
  const series = ctSeries({
    ...SMALL,
    patientName: "DOE^JANE",
    patientId: "P1",
    studyDate: "20250102",
  });
  const file = readDicom(series.file(2));
  assert.equal(file.transferSyntaxUid, "1.2.840.10008.1.2.1");
  const ds = file.dataSet;
  assert.equal(ds.getString("PatientName"), "DOE^JANE");
  assert.equal(ds.getString("PatientID"), "P1");
  assert.equal(ds.getString("StudyDate"), "20250102");
  assert.equal(ds.getNumber("Rows"), 32);
  assert.equal(ds.getNumber("PixelRepresentation"), 1);
  assert.deepEqual(ds.getStrings("WindowCenter"), ["40", "-600", "400"]);
  const pixels = ds.getBytes("PixelData")!;
  assert.equal(pixels.length, 32 * 32 * 2);
  const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  assert.equal(view.getInt16(0, true) - 1024, -1000); // corner: air
});

Deno.test("ctSeries refuses a bad slice count, matrix or index", () => {
  assert.throws(() => ctSeries({ slices: 0 }), RangeError);
  assert.throws(() => ctSeries({ matrix: 3 }), RangeError);
  assert.throws(() => ctSeries(SMALL).slice(6), RangeError);
});
