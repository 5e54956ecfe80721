import assert from "node:assert/strict";
import { readDicom } from "../../codec/read_file.ts";
import { scImage, SECONDARY_CAPTURE_IMAGE_STORAGE } from "./sc_image.ts";

Deno.test("scImage is byte-identical for the same options and seed", () => {
  assert.deepEqual(
    scImage({ matrix: 32, seed: 1 }).file(),
    scImage({ matrix: 32, seed: 1 }).file(),
  );
  assert.notDeepEqual(
    scImage({ matrix: 32, seed: 1 }).file(),
    scImage({ matrix: 32, seed: 2 }).file(),
  );
});

Deno.test("scImage writes 8-bit RGB by default and MONOCHROME2 on request", () => {
  const rgb = readDicom(scImage({ matrix: 16 }).file()).dataSet;
  assert.equal(rgb.getString("SOPClassUID"), SECONDARY_CAPTURE_IMAGE_STORAGE);
  assert.equal(rgb.getString("PhotometricInterpretation"), "RGB");
  assert.equal(rgb.getNumber("SamplesPerPixel"), 3);
  assert.equal(rgb.getNumber("PlanarConfiguration"), 0);
  assert.equal(rgb.getBytes("PixelData")!.length, 16 * 16 * 3);
  assert.equal(rgb.getString("ConversionType"), "WSD");
  const mono = readDicom(scImage({ matrix: 16, photometricInterpretation: "MONOCHROME2" }).file())
    .dataSet;
  assert.equal(mono.getString("PhotometricInterpretation"), "MONOCHROME2");
  assert.equal(mono.getNumber("SamplesPerPixel"), 1);
  assert.equal(mono.has("PlanarConfiguration"), false);
  assert.equal(mono.getBytes("PixelData")!.length, 16 * 16);
});

Deno.test("scImage rejects a bad matrix", () => {
  assert.throws(() => scImage({ matrix: 2 }), RangeError);
});
