import assert from "node:assert/strict";
import fc from "fast-check";
import { type Age, formatAgeString, parseAgeString } from "./age_string.ts";

Deno.test("parseAgeString reads nnnD, nnnW, nnnM and nnnY", () => {
  assert.deepEqual(parseAgeString("045Y"), { value: 45, unit: "Y" });
  assert.deepEqual(parseAgeString("018M"), { value: 18, unit: "M" });
  assert.deepEqual(parseAgeString("003W "), { value: 3, unit: "W" });
  assert.deepEqual(parseAgeString("000D"), { value: 0, unit: "D" });
  assert.deepEqual(parseAgeString("999Y"), { value: 999, unit: "Y" });
});

Deno.test("parseAgeString rejects anything else", () => {
  for (const bad of ["", "45Y", "0045Y", "045y", "045", "045X", "Y045", "-45Y", "4 5Y", "04.5Y"]) {
    assert.equal(parseAgeString(bad), undefined, bad);
  }
});

Deno.test("formatAgeString pads to three digits and rejects invalid ages", () => {
  assert.equal(formatAgeString({ value: 18, unit: "M" }), "018M");
  assert.equal(formatAgeString({ value: 0, unit: "D" }), "000D");
  assert.throws(() => formatAgeString({ value: 1000, unit: "Y" }), RangeError);
  assert.throws(() => formatAgeString({ value: -1, unit: "Y" }), RangeError);
  assert.throws(() => formatAgeString({ value: 1.5, unit: "Y" }), RangeError);
  assert.throws(() => formatAgeString({ value: 1, unit: "X" as never }), RangeError);
});

Deno.test("formatAgeString then parseAgeString is the identity", () => {
  const age = fc.record<Age>({
    value: fc.integer({ min: 0, max: 999 }),
    unit: fc.constantFrom("D", "W", "M", "Y"),
  }).map((a) => ({ ...a }));
  fc.assert(fc.property(age, (a) => {
    const text = formatAgeString(a);
    assert.equal(text.length, 4);
    assert.deepEqual(parseAgeString(text), a);
  }));
});

Deno.test("parseAgeString never throws on arbitrary strings", () => {
  fc.assert(fc.property(fc.string(), (s) => {
    const a = parseAgeString(s);
    if (a !== undefined) assert.equal(formatAgeString(a), s.replace(/^[ \0]+|[ \0]+$/g, ""));
  }));
});
