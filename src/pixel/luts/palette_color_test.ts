import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readDicom } from "../../codec/read_file.ts";
import { fixture } from "../../../tests/_fixtures.ts";
import { framePixels } from "../frame_pixels.ts";
import { applyPalette, expandSegmentedLut, paletteOf } from "./palette_color.ts";

function load(name: string) {
  return readDicom(readFileSync(fixture(name)));
}

Deno.test("expandSegmentedLut expands discrete, linear and indirect segments", () => {
  assert.deepEqual(expandSegmentedLut([0, 1, 0, 1, 4, 100]), [0, 25, 50, 75, 100]);
  // discrete 2, linear 2, indirect: repeat the first 2 segments (at word offset 0)
  assert.deepEqual(expandSegmentedLut([0, 2, 10, 20, 1, 2, 40, 2, 2, 0, 0]), [
    10,
    20,
    30,
    40,
    10,
    20,
    30,
    40,
  ]);
  assert.throws(() => expandSegmentedLut([1, 2, 3]), /linear segment/);
  assert.throws(() => expandSegmentedLut([0, 1, 5, 7, 1, 1]), /unknown segment type 7/);
});

Deno.test("palette fixtures: plain 8-bit and segmented 16-bit palettes give RGB", () => {
  const us = load("pydicom-data/OBXXXX1A.dcm");
  const p = paletteOf(us.dataSet);
  assert.equal(p.red.length, 256);
  const idx = framePixels(us.dataSet, us.transferSyntaxUid, 0);
  const rgb = applyPalette(idx, p);
  assert.equal(rgb.length, idx.length * 3);
  assert.equal(rgb[3 * 1000 + 1], p.green[idx[1000] - p.firstMapped]);
  const aloka = paletteOf(load("pydicom-data/gdcm-US-ALOKA-16.dcm").dataSet);
  assert.equal(aloka.red.length, 65536);
  assert.equal(aloka.bits, 16);
});
