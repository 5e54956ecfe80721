import assert from "node:assert/strict";
import { DEFINED_TERMS, resolveCharacterSet, SpecificCharacterSet } from "./character_set.ts";

Deno.test("SpecificCharacterSet.parse splits, trims and drops trailing empty values", () => {
  assert.deepEqual(SpecificCharacterSet.parse("\\ISO 2022 IR 87 ").terms, ["", "ISO 2022 IR 87"]);
  assert.deepEqual(SpecificCharacterSet.parse(["ISO_IR 100 "]).terms, ["ISO_IR 100"]);
  assert.deepEqual(SpecificCharacterSet.parse(["ISO 2022 IR 13", "ISO 2022 IR 87\0"]).terms, [
    "ISO 2022 IR 13",
    "ISO 2022 IR 87",
  ]);
  assert.deepEqual(SpecificCharacterSet.parse(undefined).terms, []);
  assert.deepEqual(SpecificCharacterSet.parse("").terms, []);
  assert.deepEqual(SpecificCharacterSet.parse(["", ""]).terms, []);
  assert.deepEqual(SpecificCharacterSet.parse("ISO_IR 192\\").terms, ["ISO_IR 192"]);
});

Deno.test("SpecificCharacterSet.parse returns the same instance for the same value", () => {
  assert.equal(
    SpecificCharacterSet.parse("ISO_IR 100"),
    SpecificCharacterSet.parse(["ISO_IR 100"]),
  );
  assert.equal(String(SpecificCharacterSet.parse(["", "ISO 2022 IR 149"])), "\\ISO 2022 IR 149");
});

Deno.test("isDefault and usesCodeExtensions follow the terms", () => {
  const rows: [string | string[] | undefined, boolean, boolean][] = [
    [undefined, true, false],
    ["ISO_IR 6", true, false],
    ["ISO 2022 IR 6", true, true],
    ["ISO_IR 100", false, false],
    ["ISO 2022 IR 100", false, true],
    [["", "ISO 2022 IR 87"], false, true],
    ["ISO_IR 192", false, false],
    ["GB18030", false, false],
    ["NOT A TERM", false, false],
  ];
  for (const [value, isDefault, ext] of rows) {
    const cs = SpecificCharacterSet.parse(value);
    assert.equal(cs.isDefault, isDefault, String(value));
    assert.equal(cs.usesCodeExtensions, ext, String(value));
  }
});

Deno.test("DEFINED_TERMS has every defined term of PS3.3 C.12.1.1.2", () => {
  const singles = [100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 13, 166];
  const expected = [
    "ISO_IR 6",
    "ISO 2022 IR 6",
    ...singles.flatMap((n) => [`ISO_IR ${n}`, `ISO 2022 IR ${n}`]),
    "ISO 2022 IR 87",
    "ISO 2022 IR 159",
    "ISO 2022 IR 149",
    "ISO 2022 IR 58",
    "ISO_IR 192",
    "GB18030",
    "GBK",
  ];
  assert.deepEqual([...DEFINED_TERMS.keys()].sort(), expected.sort());
});

Deno.test("resolveCharacterSet sets the initial G0 and G1 from value 1", () => {
  const ids = (v: string | string[]) => {
    const r = resolveCharacterSet(SpecificCharacterSet.parse(v));
    return [r.initialG0.id, r.initialG1?.id, r.sets.map((s) => s.id), r.standalone];
  };
  assert.deepEqual(ids(["", "ISO 2022 IR 87"]), [
    "ISO-IR 6",
    undefined,
    ["ISO-IR 6", "ISO-IR 87"],
    undefined,
  ]);
  assert.deepEqual(ids(["ISO 2022 IR 13", "ISO 2022 IR 87"]), [
    "ISO-IR 14",
    "ISO-IR 13",
    ["ISO-IR 14", "ISO-IR 13", "ISO-IR 87"],
    undefined,
  ]);
  assert.deepEqual(ids("ISO_IR 144"), [
    "ISO-IR 6",
    "ISO-IR 144",
    ["ISO-IR 6", "ISO-IR 144"],
    undefined,
  ]);
  assert.deepEqual(ids(["", "ISO 2022 IR 149"]).slice(0, 2), ["ISO-IR 6", undefined]);
  assert.deepEqual(ids("ISO 2022 IR 149").slice(0, 2), ["ISO-IR 6", "ISO-IR 149"]);
  assert.deepEqual(ids("ISO_IR 192"), ["ISO-IR 6", undefined, [], "UTF-8"]);
  assert.deepEqual(ids("GBK")[3], "GBK");
});

Deno.test("resolveCharacterSet corrects common misspellings with a warning", () => {
  const cs = SpecificCharacterSet.parse(["ISO-IR 100", "ISO_2022-IR 126", "iso ir 144"]);
  const r = resolveCharacterSet(cs);
  assert.deepEqual(r.sets.map((s) => s.id), ["ISO-IR 6", "ISO-IR 100", "ISO-IR 126", "ISO-IR 144"]);
  assert.deepEqual(cs.warnings, [
    "Incorrect Specific Character Set term 'ISO-IR 100': assuming 'ISO_IR 100'",
    "Incorrect Specific Character Set term 'ISO_2022-IR 126': assuming 'ISO 2022 IR 126'",
    "Incorrect Specific Character Set term 'iso ir 144': assuming 'ISO_IR 144'",
  ]);
  assert.deepEqual(r.unknownTerms, []);
});

Deno.test("resolveCharacterSet ignores unknown terms and code extensions of stand-alone sets", () => {
  const unknown = SpecificCharacterSet.parse(["ISO 2022 IR 100", "ISO 2022 IR 146"]);
  assert.deepEqual(resolveCharacterSet(unknown).unknownTerms, ["ISO 2022 IR 146"]);
  assert.deepEqual(unknown.warnings, [
    "Unknown Specific Character Set term 'ISO 2022 IR 146': ignoring it",
  ]);

  const utf8 = SpecificCharacterSet.parse(["ISO_IR 192", "ISO 2022 IR 100"]);
  assert.equal(resolveCharacterSet(utf8).standalone, "UTF-8");
  assert.match(utf8.warnings[0], /does not allow code extensions: ignoring ISO 2022 IR 100/);

  const gbk = SpecificCharacterSet.parse(["ISO_IR 126", "GBK", "ISO 2022 IR 144"]);
  assert.deepEqual(resolveCharacterSet(gbk).sets.map((s) => s.id), [
    "ISO-IR 6",
    "ISO-IR 126",
    "ISO-IR 144",
  ]);
  assert.match(gbk.warnings[0], /'GBK' cannot be used as a code extension/);
});
