import assert from "node:assert/strict";
import { readDicom } from "../../codec/read_file.ts";
import { US_MULTIFRAME_IMAGE_STORAGE, usCine } from "./us_cine.ts";

const SMALL = { frames: 3, rows: 48, columns: 64, seed: 1 } as const;

Deno.test("usCine is byte-identical for the same options and seed", () => {
  assert.deepEqual(usCine(SMALL).file(), usCine(SMALL).file());
  assert.notDeepEqual(usCine(SMALL).file(), usCine({ ...SMALL, seed: 2 }).file());
});

Deno.test("usCine writes N 8-bit MONOCHROME2 frames with cine timing and a calibrated region", () => {
  const cine = usCine({ ...SMALL, frameRate: 25 });
  const ds = readDicom(cine.file()).dataSet;
  assert.equal(ds.getString("SOPClassUID"), US_MULTIFRAME_IMAGE_STORAGE);
  assert.equal(ds.getString("SOPInstanceUID"), cine.sopInstanceUid);
  assert.equal(ds.getString("Modality"), "US");
  assert.equal(ds.getNumber("NumberOfFrames"), 3);
  assert.equal(ds.getNumber("FrameTime"), 40);
  assert.equal(ds.getNumber("CineRate"), 25);
  assert.deepEqual(ds.getNumbers("FrameIncrementPointer"), [0x00181063]);
  const [region] = ds.getItems("SequenceOfUltrasoundRegions");
  assert.equal(region.getNumber("RegionDataType"), 1);
  assert.equal(region.getNumber("PhysicalUnitsXDirection"), 3);
  assert.ok(region.getNumber("PhysicalDeltaX")! > 0);
  const pixels = ds.getBytes("PixelData")!;
  assert.equal(pixels.length, 3 * 48 * 64);
  // Outside the sector is black; inside there is speckle; frames differ (tissue moves).
  assert.equal(pixels[0], 0);
  const frame = (f: number) => pixels.subarray(f * 48 * 64, (f + 1) * 48 * 64);
  assert.ok(frame(0).some((v) => v > 50));
  assert.notDeepEqual(frame(0), frame(2));
});

Deno.test("usCine RGB adds colour Doppler: a second calibrated region and colour pixels", () => {
  const ds = readDicom(usCine({ ...SMALL, photometricInterpretation: "RGB" }).file()).dataSet;
  assert.equal(ds.getNumber("SamplesPerPixel"), 3);
  assert.equal(ds.getNumber("PlanarConfiguration"), 0);
  assert.equal(ds.getNumber("UltrasoundColorDataPresent"), 1);
  assert.deepEqual(
    ds.getItems("SequenceOfUltrasoundRegions").map((r) => r.getNumber("RegionDataType")),
    [1, 2],
  );
  assert.equal(ds.getBytes("PixelData")!.length, 3 * 48 * 64 * 3);
  assert.throws(() => usCine({ frames: 0 }), RangeError);
});
