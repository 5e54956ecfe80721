import assert from "node:assert/strict";
import fc from "fast-check";
import {
  aeTitleProblem,
  checkAeTitle,
  isValidAeTitle,
  sameAeTitle,
  stripAeTitle,
} from "./ae_title.ts";
import { AeTitleError } from "./errors.ts";

Deno.test("aeTitleProblem applies the AE VR rules", () => {
  const cases: [string, string | undefined][] = [
    ["STORESCP", undefined],
    ["A", undefined],
    ["ABCDEFGHIJKLMNOP", undefined],
    [" PADDED ", undefined],
    ["lower-case_ok.1", undefined],
    ["", "empty"],
    ["                ", "all spaces"],
    ["ABCDEFGHIJKLMNOPQ", "longer than 16 characters"],
    ["A\\B", "contains a backslash"],
    ["A\nB", "contains character 0x0A"],
    ["A\x1bB", "contains character 0x1B"],
    ["A\0", "contains character 0x00"],
    ["ÄE", "contains character 0xC4"],
  ];
  for (const [title, problem] of cases) {
    assert.equal(aeTitleProblem(title), problem, JSON.stringify(title));
    assert.equal(isValidAeTitle(title), problem === undefined);
  }
});

Deno.test("checkAeTitle trims valid titles and throws AeTitleError with the value", () => {
  assert.equal(checkAeTitle("  SCU ", "calling AE title"), "SCU");
  assert.throws(() => checkAeTitle("A\\B", "called AE title"), (e: unknown) => {
    assert.ok(e instanceof AeTitleError);
    assert.ok(e instanceof TypeError);
    assert.equal(e.aeTitle, "A\\B");
    assert.equal(e.message, 'Invalid called AE title "A\\\\B": contains a backslash');
    return true;
  });
});

Deno.test("any 1-16 printable characters without backslash and not all spaces is valid", () => {
  const char = fc.integer({ min: 0x20, max: 0x7e }).filter((c) => c !== 0x5c).map((c) =>
    String.fromCharCode(c)
  );
  fc.assert(fc.property(fc.array(char, { minLength: 1, maxLength: 16 }), (chars) => {
    const title = chars.join("");
    assert.equal(isValidAeTitle(title), title.trim() !== "");
  }));
});

Deno.test("sameAeTitle ignores space and NUL padding but not case", () => {
  assert.ok(sameAeTitle("STORESCP        ", "STORESCP"));
  assert.ok(sameAeTitle(" STORESCP", "STORESCP\0\0"));
  assert.ok(!sameAeTitle("storescp", "STORESCP"));
  assert.equal(stripAeTitle("  A B  "), "A B");
});
