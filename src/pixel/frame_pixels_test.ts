import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readDicom } from "../codec/read_file.ts";
import { PixelDataError } from "./errors.ts";
import { framePixels, imageDescriptionOf } from "./frame_pixels.ts";

const DIR = new URL("../../../shared/fixtures/pydicom-v3.0.2/test_files/", import.meta.url);
const read = (name: string) => readDicom(readFileSync(new URL(name, DIR)));

Deno.test("framePixels gives the same signed 16-bit values from LE, BE, implicit and RLE files", () => {
  const reference = read("MR_small.dcm");
  const expected = framePixels(reference.dataSet, reference.transferSyntaxUid);
  assert.ok(expected instanceof Int16Array);
  assert.equal(expected.length, 64 * 64);
  for (const name of ["MR_small_expb.dcm", "MR_small_implicit.dcm", "MR_small_RLE.dcm"]) {
    const file = read(name);
    assert.deepEqual(framePixels(file.dataSet, file.transferSyntaxUid), expected, name);
  }
});

Deno.test("imageDescriptionOf reads the Image Pixel module", () => {
  const d = imageDescriptionOf(read("MR_small.dcm").dataSet);
  assert.deepEqual([d.rows, d.columns, d.bitsAllocated, d.pixelRepresentation], [64, 64, 16, 1]);
});

Deno.test("framePixels refuses a frame index out of range and compressed syntaxes it cannot decode", () => {
  const file = read("MR_small.dcm");
  assert.throws(() => framePixels(file.dataSet, file.transferSyntaxUid, 1), PixelDataError);
  const jpeg = read("MR_small_jp2klossless.dcm");
  assert.throws(() => framePixels(jpeg.dataSet, jpeg.transferSyntaxUid), PixelDataError);
});
