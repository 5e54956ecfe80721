import assert from "node:assert/strict";
import { HU_AIR, phantomHu, phantomSlice } from "./ct_phantom.ts";

Deno.test("phantomHu has air outside, fat under the skin, bone in the spine, air in the lungs", () => {
  assert.equal(phantomHu(0, -300, 0), HU_AIR);
  assert.equal(phantomHu(-250, 0, -50), HU_AIR);
  assert.equal(phantomHu(0, -110, -100), -100); // anterior subcutaneous fat
  assert.ok(phantomHu(0, 62, 10) > 200); // vertebral body (not at a disc)
  assert.ok(phantomHu(-78, 0, 80) < -800); // right lung
  assert.ok(phantomHu(78, 0, 80) < -800); // left lung
  assert.equal(phantomHu(-60, -10, -60), 60); // liver
  assert.ok(phantomHu(68, 48, -115) > 0); // left kidney
});

Deno.test("phantomSlice is deterministic, sized, clamped, and noisy only inside the body", () => {
  const a = phantomSlice(20, { columns: 128, rows: 96, pixelSpacing: [4, 3], seed: 3 });
  const b = phantomSlice(20, { columns: 128, rows: 96, pixelSpacing: [4, 3], seed: 3 });
  const c = phantomSlice(20, { columns: 128, rows: 96, pixelSpacing: [4, 3], seed: 4 });
  assert.equal(a.length, 128 * 96);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.equal(a[0], HU_AIR);
  assert.ok(a.every((v) => v >= -1024 && v <= 3071));
  const flat = phantomSlice(20, { columns: 128, rows: 96, pixelSpacing: [4, 3], noise: 0 });
  // The centre of the image is inside the body: noise moves it off the noise-free value.
  let differs = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== flat[i]) differs++;
  assert.ok(differs > 1000);
});
