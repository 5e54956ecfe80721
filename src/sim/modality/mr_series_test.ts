import assert from "node:assert/strict";
import { readDicom } from "../../codec/read_file.ts";
import { ctSeries } from "./ct_series.ts";
import { MR_IMAGE_STORAGE, mrSeries } from "./mr_series.ts";

Deno.test("mrSeries is byte-identical for the same options and seed", () => {
  const a = mrSeries({ slices: 3, matrix: 32, seed: "x" });
  const b = mrSeries({ slices: 3, matrix: 32, seed: "x" });
  const c = mrSeries({ slices: 3, matrix: 32, seed: "y" });
  assert.deepEqual(a.file(1), b.file(1));
  assert.notDeepEqual(a.file(1), c.file(1));
});

Deno.test("mrSeries slices share a series and frame of reference and step along z", () => {
  const series = mrSeries({ slices: 4, matrix: 16, sliceSpacing: 6 });
  const slices = [0, 1, 2, 3].map((i) => readDicom(series.file(i)).dataSet);
  assert.equal(new Set(slices.map((s) => s.getString("SeriesInstanceUID"))).size, 1);
  assert.equal(new Set(slices.map((s) => s.getString("FrameOfReferenceUID"))).size, 1);
  assert.equal(new Set(slices.map((s) => s.getString("SOPInstanceUID"))).size, 4);
  const z = slices.map((s) => s.getNumbers("ImagePositionPatient")[2]);
  for (let i = 1; i < z.length; i++) assert.ok(Math.abs(z[i - 1] - z[i] - 6) < 1e-6);
  const first = slices[0];
  assert.equal(first.getString("SOPClassUID"), MR_IMAGE_STORAGE);
  assert.equal(first.getString("Modality"), "MR");
  assert.equal(first.getNumber("PixelRepresentation"), 0);
  assert.equal(first.getNumber("BitsAllocated"), 16);
  assert.equal(first.getBytes("PixelData")!.length, 16 * 16 * 2);
  for (
    const keyword of [
      "ScanningSequence",
      "SequenceVariant",
      "ScanOptions",
      "MRAcquisitionType",
      "RepetitionTime",
      "EchoTime",
      "EchoTrainLength",
      "MagneticFieldStrength",
    ]
  ) assert.ok(first.has(keyword), keyword);
});

Deno.test("mrSeries shares the CT generator's study for a seed but not its series", () => {
  const mr = mrSeries({ slices: 1, matrix: 8, seed: 4 });
  const ct = ctSeries({ slices: 1, matrix: 8, seed: 4 });
  assert.equal(mr.studyInstanceUid, ct.studyInstanceUid);
  assert.notEqual(mr.seriesInstanceUid, ct.seriesInstanceUid);
  assert.notEqual(mr.sopInstanceUid(0), ct.sopInstanceUid(0));
});

Deno.test("mrSeries rejects a bad slice count, matrix or index", () => {
  assert.throws(() => mrSeries({ slices: 0 }), RangeError);
  assert.throws(() => mrSeries({ matrix: 4 }), RangeError);
  assert.throws(() => mrSeries({ slices: 1, matrix: 8 }).slice(1), RangeError);
});
