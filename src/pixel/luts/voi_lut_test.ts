import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { DataSet } from "../../core/dataset.ts";
import { readDicom } from "../../codec/read_file.ts";
import { fixture } from "../../../tests/_fixtures.ts";
import { framePixels } from "../frame_pixels.ts";
import { applyVoi, voiTransformOf, type Window, windowValue } from "./voi_lut.ts";

function load(name: string) {
  return readDicom(readFileSync(fixture(name)));
}

const windowArb = fc.record({
  center: fc.double({ min: -3000, max: 3000, noNaN: true }),
  width: fc.double({ min: 1, max: 5000, noNaN: true }),
  function: fc.constantFrom("LINEAR" as const, "LINEAR_EXACT" as const, "SIGMOID" as const),
});

Deno.test("windows are monotonic and stay within the output range", () => {
  fc.assert(fc.property(
    windowArb,
    fc.double({ min: -5000, max: 5000, noNaN: true }),
    fc.double({ min: -5000, max: 5000, noNaN: true }),
    (w: Window, a, b) => {
      const [x0, x1] = a <= b ? [a, b] : [b, a];
      const y0 = windowValue(x0, w), y1 = windowValue(x1, w);
      assert.ok(y0 <= y1 + 1e-9, `${y0} > ${y1}`);
      for (const y of [y0, y1]) assert.ok(y >= 0 && y <= 255);
    },
  ));
});

Deno.test("LINEAR and LINEAR_EXACT windows follow PS3.3 C.11.2.1.2.1 and C.11.2.1.3.2", () => {
  // LINEAR, c = 2048, w = 4096, 8-bit output: x <= 0 -> 0, x > 4094 -> 255
  const w: Window = { center: 2048, width: 4096 };
  assert.equal(windowValue(0, w), 0);
  assert.equal(windowValue(4095, w), 255);
  assert.equal(windowValue(2047.5, w), 127.5);
  // width 1 is a threshold at c - 0.5
  assert.equal(windowValue(9.5, { center: 10, width: 1 }), 0);
  assert.equal(windowValue(9.6, { center: 10, width: 1 }), 255);
  assert.equal(windowValue(40, { center: 40, width: 400, function: "LINEAR_EXACT" }), 127.5);
  assert.equal(windowValue(-160, { center: 40, width: 400, function: "LINEAR_EXACT" }), 0);
  assert.equal(windowValue(40, { center: 40, width: 400, function: "SIGMOID" }), 127.5);
  assert.throws(() => windowValue(0, { center: 0, width: 0.5 }), /LINEAR window width/);
  assert.throws(() => windowValue(0, { center: 0, width: 0, function: "SIGMOID" }), /SIGMOID/);
});

Deno.test("voiTransformOf picks a window by index and prefers the VOI LUT Sequence", () => {
  const ds = new DataSet();
  ds.set("WindowCenter", ["40", "-600", "400"]);
  ds.set("WindowWidth", ["400", "1500", "1800"]);
  ds.set("WindowCenterWidthExplanation", ["SOFT", "LUNG", "BONE"]);
  ds.set("VOILUTFunction", "SIGMOID");
  assert.deepEqual(voiTransformOf(ds, { index: 1 }), {
    type: "window",
    window: { center: -600, width: 1500, function: "SIGMOID" },
    explanation: "LUNG",
  });
  const vlut = load("pydicom-data/vlut_04.dcm").dataSet;
  assert.equal(voiTransformOf(vlut).type, "lut");
});

Deno.test("vlut_04: the VOI LUT Sequence is applied and scaled into 0-255", () => {
  const file = load("pydicom-data/vlut_04.dcm");
  const t = voiTransformOf(file.dataSet);
  assert.equal(t.type, "lut");
  const pixels = framePixels(file.dataSet, file.transferSyntaxUid, 0);
  const out = applyVoi(pixels, t);
  assert.ok(out.every((v) => v >= 0 && v <= 255));
  // LUT entry i is i * 257 (16-bit), so 8-bit output equals the input
  for (let i = 0; i < out.length; i += 101) assert.ok(Math.abs(out[i] - pixels[i]) < 1e-9);
});
