import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { readDicom } from "../../codec/read_file.ts";
import { fixture } from "../../../tests/_fixtures.ts";
import { framePixels } from "../frame_pixels.ts";
import { applyModalityLut, modalityRange, modalityTransformOf } from "./modality_lut.ts";

function load(name: string) {
  return readDicom(readFileSync(fixture(name)));
}

Deno.test("applyModalityLut rescale is slope * x + intercept and stays inside modalityRange", () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 16 }),
    fc.boolean(),
    fc.double({ min: -4, max: 4, noNaN: true }).filter((s) => s !== 0),
    fc.double({ min: -5000, max: 5000, noNaN: true }),
    (bits, signed, slope, intercept) => {
      const lo = signed ? -(2 ** (bits - 1)) : 0, hi = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
      const t = { type: "rescale" as const, slope, intercept };
      const out = applyModalityLut([lo, hi], t);
      const [min, max] = modalityRange(t, { bitsStored: bits, signed });
      assert.ok(Math.abs(Math.min(...out) - min) < 1e-9 && Math.abs(Math.max(...out) - max) < 1e-9);
      assert.equal(out[0], lo * slope + intercept);
    },
  ));
});

Deno.test("mlut_18: the Modality LUT Sequence maps stored values (signed first value -2048)", () => {
  const file = load("pydicom-data/mlut_18.dcm");
  const t = modalityTransformOf(file.dataSet);
  assert.equal(t.type, "lut");
  if (t.type !== "lut") return;
  assert.equal(t.lut.firstMapped, -2048);
  assert.equal(t.lut.data.length, 4096);
  const pixels = framePixels(file.dataSet, file.transferSyntaxUid, 0);
  const out = applyModalityLut(pixels, t);
  for (let i = 0; i < out.length; i += 997) {
    const j = Math.min(4095, Math.max(0, pixels[i] + 2048));
    assert.equal(out[i], t.lut.data[j]);
  }
});
