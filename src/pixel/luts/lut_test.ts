import assert from "node:assert/strict";
import fc from "fast-check";
import { applyLut, lookup, lutFromValues, parseLutDescriptor } from "./lut.ts";
import { applyWindow } from "./voi_lut.ts";

Deno.test("parseLutDescriptor reads 0 entries as 65536 and a signed first value", () => {
  assert.deepEqual(parseLutDescriptor([0, 63488, 16], true), {
    entries: 65536,
    firstMapped: -2048,
    bits: 16,
  });
  assert.deepEqual(parseLutDescriptor([4096, -2048, 16], true).firstMapped, -2048);
  assert.deepEqual(parseLutDescriptor([256, 0, 8]), { entries: 256, firstMapped: 0, bits: 8 });
  assert.throws(() => parseLutDescriptor([1, 2]), /Invalid LUT Descriptor/);
});

Deno.test("lutFromValues unpacks 8-bit entries packed two to a word", () => {
  assert.deepEqual([...lutFromValues({ entries: 3, firstMapped: 0, bits: 8 }, [0x0201, 3]).data], [
    1,
    2,
    3,
  ]);
});

Deno.test("lookup clamps below the first mapped value and past the last entry", () => {
  fc.assert(fc.property(
    fc.integer({ min: -1000, max: 1000 }),
    fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 50 }),
    fc.integer({ min: -2000, max: 2000 }),
    (first, data, x) => {
      const lut = { firstMapped: first, bits: 16, data: Uint16Array.from(data) };
      const expected = x < first
        ? data[0]
        : x - first >= data.length
        ? data[data.length - 1]
        : data[x - first];
      assert.equal(lookup(lut, x), expected);
    },
  ));
});

Deno.test("applyLut is lookup over an array", () => {
  const lut = { firstMapped: 0, bits: 8, data: new Uint16Array([5, 6]) };
  assert.deepEqual([...applyLut(new Int16Array([-1, 0, 1, 2]), lut)], [5, 5, 6, 6]);
  assert.deepEqual([...applyWindow([-1000, 1000], { center: 40, width: 400 })], [0, 255]);
});
