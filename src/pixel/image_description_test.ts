import assert from "node:assert/strict";
import { PixelDataError } from "./errors.ts";
import {
  checkImageDescription,
  frameByteLength,
  type ImageDescription,
  isSubsampled422,
  pixelDataByteLength,
} from "./image_description.ts";

function desc(over: Partial<ImageDescription> = {}): ImageDescription {
  return {
    rows: 4,
    columns: 4,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    numberOfFrames: 1,
    photometricInterpretation: "MONOCHROME2",
    ...over,
  };
}

Deno.test("frameByteLength multiplies rows, columns, samples and bytes per sample", () => {
  assert.equal(frameByteLength(desc({ rows: 64, columns: 64 })), 8192);
  assert.equal(
    frameByteLength(
      desc({
        rows: 100,
        columns: 100,
        samplesPerPixel: 3,
        bitsAllocated: 8,
        bitsStored: 8,
        highBit: 7,
      }),
    ),
    30000,
  );
  assert.equal(frameByteLength(desc({ bitsAllocated: 32, bitsStored: 32, highBit: 31 })), 64);
  assert.equal(frameByteLength(desc({ bitsAllocated: 64, bitsStored: 64, highBit: 63 })), 128);
});

Deno.test("frameByteLength rounds 1-bit frames up to whole bytes", () => {
  const d = desc({ rows: 510, columns: 510, bitsAllocated: 1, bitsStored: 1, highBit: 0 });
  assert.equal(frameByteLength(d), 32513);
  assert.equal(frameByteLength({ ...d, rows: 1, columns: 3 }), 1);
});

Deno.test("pixelDataByteLength packs 1-bit frames across frame boundaries", () => {
  const d = desc({
    rows: 510,
    columns: 510,
    bitsAllocated: 1,
    bitsStored: 1,
    highBit: 0,
    numberOfFrames: 3,
  });
  assert.equal(pixelDataByteLength(d), 97538); // liver_nonbyte_aligned.dcm
  assert.equal(pixelDataByteLength(desc({ numberOfFrames: 10 })), 320);
});

Deno.test("frameByteLength counts two samples per pixel for YBR_FULL_422", () => {
  const d = desc({
    rows: 100,
    columns: 100,
    samplesPerPixel: 3,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    photometricInterpretation: "YBR_FULL_422",
  });
  assert.equal(frameByteLength(d), 20000); // SC_ybr_full_422_uncompressed.dcm
  assert.equal(isSubsampled422("YBR_PARTIAL_422 "), true);
  assert.equal(isSubsampled422("YBR_FULL"), false);
});

Deno.test("checkImageDescription rejects inconsistent or unsupported descriptions", () => {
  const bad: Partial<ImageDescription>[] = [
    { rows: 0 },
    { columns: 1.5 },
    { samplesPerPixel: 0 },
    { numberOfFrames: 0 },
    { bitsAllocated: 12, bitsStored: 12, highBit: 11 },
    { bitsAllocated: 72, bitsStored: 72, highBit: 71 },
    { bitsStored: 17 },
    { bitsStored: 0 },
    { highBit: 16 },
    { bitsStored: 12, highBit: 10 },
    { pixelRepresentation: 2 as 0 },
    { planarConfiguration: 3 as 0 },
    { photometricInterpretation: "YBR_FULL_422" },
    { photometricInterpretation: "YBR_FULL_422", samplesPerPixel: 3, columns: 3 },
  ];
  for (const over of bad) {
    assert.throws(
      () => checkImageDescription(desc(over)),
      (e) =>
        e instanceof PixelDataError && e instanceof RangeError && /^Unsupported/.test(e.message),
      JSON.stringify(over),
    );
  }
  checkImageDescription(desc({ bitsStored: 12, highBit: 15 }));
  checkImageDescription(desc({ bitsAllocated: 1, bitsStored: 1, highBit: 0 }));
});
