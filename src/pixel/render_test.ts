import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { decode } from "fast-png";
import { readDicom } from "../codec/read_file.ts";
import { fixture } from "../../tests/_fixtures.ts";
import { framePixels } from "./frame_pixels.ts";
import { windowValue } from "./luts/voi_lut.ts";
import { paletteOf } from "./luts/palette_color.ts";
import {
  encodePicturePng,
  greyPicture,
  type Picture,
  renderFrame,
  renderMpr,
  WINDOW_PRESETS,
} from "./render.ts";
import type { Volume } from "./volume.ts";

function load(name: string) {
  const file = readDicom(readFileSync(fixture(name)));
  return { ds: file.dataSet, pixels: framePixels(file.dataSet, file.transferSyntaxUid, 0) };
}

Deno.test("renderFrame takes CT through rescale and a preset window", () => {
  const { ds, pixels } = load("pydicom-v3.0.2/test_files/CT_small.dcm");
  const slope = ds.getNumber("RescaleSlope")!, intercept = ds.getNumber("RescaleIntercept")!;
  for (const preset of ["bone", "lung", "brain", "soft"] as const) {
    const picture = renderFrame(ds, pixels, { preset });
    assert.deepEqual([picture.width, picture.height, picture.channels], [128, 128, 1]);
    for (let i = 0; i < pixels.length; i += 37) {
      const expected = Math.round(
        windowValue(pixels[i] * slope + intercept, WINDOW_PRESETS[preset]),
      );
      assert.equal(picture.data[i], expected);
    }
  }
  // a given window wins over the preset-less default
  const custom = renderFrame(ds, pixels, { window: { center: 0, width: 1 } });
  assert.ok(custom.data.every((v) => v === 0 || v === 255));
});

Deno.test("renderFrame shows MONOCHROME1 inverted: low values white", () => {
  const { ds, pixels } = load("pydicom-v3.0.2/test_files/dicomdirtests/77654033/CR1/6154");
  assert.equal(ds.getString("PhotometricInterpretation"), "MONOCHROME1");
  const picture = renderFrame(ds, pixels, { window: { center: 2000, width: 4000 } });
  let lo = 0;
  for (let i = 1; i < pixels.length; i++) if (pixels[i] < pixels[lo]) lo = i;
  const slope = ds.getNumber("RescaleSlope") ?? 1,
    intercept = ds.getNumber("RescaleIntercept") ?? 0;
  const expected = 255 - Math.round(
    windowValue(pixels[lo] * slope + intercept, { center: 2000, width: 4000 }),
  );
  assert.equal(picture.data[lo], expected);
  ds.set("PresentationLUTShape", "IDENTITY");
  assert.equal(
    renderFrame(ds, pixels, { window: { center: 2000, width: 4000 } }).data[lo],
    255 - expected,
  );
});

Deno.test("renderFrame: palette colour and YBR_FULL become RGB", () => {
  const us = load("pydicom-data/OBXXXX1A.dcm");
  const p = paletteOf(us.ds);
  const rgb = renderFrame(us.ds, us.pixels);
  assert.equal(rgb.channels, 3);
  const i = 300 * 800 + 400;
  const to8 = (v: number) => Math.round((v * 255) / (2 ** p.bits - 1)); // 16-bit entries
  assert.deepEqual([...rgb.data.subarray(3 * i, 3 * i + 3)], [
    to8(p.red[us.pixels[i]]),
    to8(p.green[us.pixels[i]]),
    to8(p.blue[us.pixels[i]]),
  ]);
  const ybr = load("pydicom-data/SC_ybr_full_uncompressed.dcm");
  const plain = load("pydicom-data/SC_rgb.dcm");
  const a = renderFrame(ybr.ds, ybr.pixels), b = renderFrame(plain.ds, plain.pixels);
  assert.equal(a.data.length, b.data.length);
  let worst = 0;
  for (let j = 0; j < a.data.length; j++) worst = Math.max(worst, Math.abs(a.data[j] - b.data[j]));
  // pydicom convert_color_space(YBR_FULL -> RGB) differs from SC_rgb.dcm by 6 at most too
  assert.ok(worst <= 6, `YBR_FULL differs from RGB by ${worst}`);
});

Deno.test("encodePicturePng round-trips through fast-png's decoder", () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 1, max: 9 }),
    fc.constantFrom<1 | 3>(1, 3),
    fc.integer(),
    (width, height, channels, seed) => {
      const data = Uint8Array.from(
        { length: width * height * channels },
        (_, i) => (seed + i * 31) & 255,
      );
      const picture: Picture = { width, height, channels, data };
      const png = decode(encodePicturePng(picture));
      assert.deepEqual([png.width, png.height, png.channels, png.depth], [
        width,
        height,
        channels,
        8,
      ]);
      assert.deepEqual([...png.data], [...data]);
    },
  ));
});

Deno.test("greyPicture without a VOI spreads the values' range over 0-255", () => {
  const img = { width: 3, height: 1, data: [10, 15, 20] };
  assert.deepEqual([...greyPicture(img, { type: "none" }).data], [0, 128, 255]);
  assert.deepEqual([...greyPicture(img, { type: "none" }, { shape: "INVERSE" }).data], [
    255,
    127,
    0,
  ]);
});

Deno.test("renderMpr lays out axial, coronal and sagittal with square pixels", () => {
  // 4 columns x 3 rows x 2 slices, 1 x 1 x 2.5 mm, axial stack
  const volume: Volume = {
    columns: 4,
    rows: 3,
    slices: 2,
    data: Float32Array.from({ length: 24 }, (_, i) => i),
    origin: [0, 0, 0],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    normal: [0, 0, 1],
    spacing: [1, 1, 2.5],
    dataSets: [],
    labels: [],
    warnings: [],
  };
  const { picture, panels } = renderMpr(volume, { gap: 2 });
  assert.deepEqual(panels.map((p) => [p.plane, p.x, p.y, p.width, p.height]), [
    ["axial", 0, 1, 4, 3],
    ["coronal", 6, 0, 4, 5],
    ["sagittal", 12, 0, 3, 5],
  ]);
  assert.deepEqual([picture.width, picture.height, picture.channels], [15, 5, 1]);
  // the gap and the space above and below the axial panel stay black
  assert.equal(picture.data[4], 0);
  assert.equal(picture.data[0], 0);
});
