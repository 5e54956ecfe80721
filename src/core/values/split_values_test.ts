import assert from "node:assert/strict";
import fc from "fast-check";
import { type Vr, VR_INFO } from "../vr.ts";
import { joinValues, splitValues, trimValue } from "./split_values.ts";

const ALL_VRS = Object.keys(VR_INFO) as Vr[];
const TEXT_VRS = ALL_VRS.filter((vr) => VR_INFO[vr].kind === "text");

Deno.test("trimValue follows PS3.5 Table 6.2-1 for every text VR", () => {
  const both = ["AE", "CS", "DS", "IS", "LO", "SH"];
  const trailing = ["AS", "DA", "DT", "LT", "PN", "ST", "TM", "UC", "UI", "UR", "UT"];
  assert.deepEqual([...both, ...trailing].sort(), [...TEXT_VRS].sort());
  for (const vr of both) assert.equal(trimValue("  a b  ", vr as Vr), "a b", vr);
  for (const vr of trailing) assert.equal(trimValue("  a b  ", vr as Vr), "  a b", vr);
});

Deno.test("trimValue removes trailing NUL padding but not embedded NULs", () => {
  assert.equal(trimValue("1.2.840.10008.1.2\0", "UI"), "1.2.840.10008.1.2");
  assert.equal(trimValue("1.2.3 \0", "UI"), "1.2.3");
  assert.equal(trimValue("ABC\0", "CS"), "ABC");
  assert.equal(trimValue("A\0B", "LO"), "A\0B");
});

Deno.test("trimValue leaves values of non-text VRs unchanged", () => {
  assert.equal(trimValue(" x ", "OB"), " x ");
  assert.equal(trimValue(" x ", "US"), " x ");
});

Deno.test("trimValue keeps LT leading spaces and embedded blank lines", () => {
  assert.equal(trimValue("  line one\r\n\r\n  line two   ", "LT"), "  line one\r\n\r\n  line two");
});

Deno.test("splitValues splits multi-valued VRs and trims each value", () => {
  assert.deepEqual(splitValues("ORIGINAL\\PRIMARY\\AXIAL ", "CS"), [
    "ORIGINAL",
    "PRIMARY",
    "AXIAL",
  ]);
  assert.deepEqual(splitValues(" 1.5\\ -2 ", "DS"), ["1.5", "-2"]);
  assert.deepEqual(splitValues("Doe^John\\Roe^Jane ", "PN"), ["Doe^John", "Roe^Jane"]);
  assert.deepEqual(splitValues("1.2.3\\1.2.4\0", "UI"), ["1.2.3", "1.2.4"]);
  assert.deepEqual(splitValues("A\\\\B", "LO"), ["A", "", "B"]);
  assert.deepEqual(splitValues("\\", "SH"), ["", ""]);
});

Deno.test("splitValues never splits LT, ST, UT and UR", () => {
  for (const vr of ["LT", "ST", "UT", "UR"] as const) {
    assert.equal(VR_INFO[vr].multiValued, false, vr);
    assert.deepEqual(splitValues("C:\\dir\\file ", vr), ["C:\\dir\\file"], vr);
  }
});

Deno.test("splitValues gives no values for an empty or all-padding field", () => {
  assert.deepEqual(splitValues("", "PN"), []);
  assert.deepEqual(splitValues("  ", "CS"), []);
  assert.deepEqual(splitValues("\0", "UI"), []);
  assert.deepEqual(splitValues("  ", "LT"), []);
});

Deno.test("joinValues joins with backslash", () => {
  assert.equal(joinValues(["ORIGINAL", "PRIMARY"]), "ORIGINAL\\PRIMARY");
  assert.equal(joinValues([]), "");
  assert.equal(joinValues(["", ""]), "\\");
});

Deno.test("splitValues inverts joinValues for trimmed values", () => {
  const value = fc.string({ unit: fc.constantFrom("A", "B", "1", " ", "^", "."), maxLength: 8 });
  fc.assert(
    fc.property(
      fc.constantFrom(...TEXT_VRS),
      fc.array(value, { minLength: 1, maxLength: 5 }),
      (vr, raw) => {
        const values = raw.map((v) => trimValue(v, vr));
        if (!VR_INFO[vr].multiValued) values.splice(1);
        const expected = values.length === 1 && values[0] === "" ? [] : values;
        // Padding to even length must not change the values.
        let text = joinValues(values);
        if (text.length % 2 === 1) text += vr === "UI" ? "\0" : " ";
        assert.deepEqual(splitValues(text, vr), expected);
      },
    ),
  );
});

Deno.test("splitValues and trimValue never throw and are idempotent", () => {
  fc.assert(fc.property(fc.string(), fc.constantFrom(...ALL_VRS), (text, vr) => {
    const values = splitValues(text, vr);
    for (const v of values) assert.equal(trimValue(v, vr), v);
  }));
});
