import assert from "node:assert/strict";
import fc from "fast-check";
import {
  formatDecimalString,
  formatIntegerString,
  parseDecimalString,
  parseIntegerString,
} from "./numeric_string.ts";

Deno.test("parseIntegerString reads signed integers with surrounding spaces", () => {
  assert.equal(parseIntegerString("42"), 42);
  assert.equal(parseIntegerString(" -42 "), -42);
  assert.equal(parseIntegerString("+007"), 7);
  assert.equal(parseIntegerString("-0"), 0);
  assert.ok(Object.is(parseIntegerString("-0"), 0));
  assert.equal(parseIntegerString("2147483647"), 2147483647);
  assert.equal(parseIntegerString("-2147483648"), -2147483648);
});

Deno.test("parseIntegerString rejects non-integers and out-of-range values", () => {
  for (
    const bad of [
      "",
      " ",
      "2147483648",
      "-2147483649",
      "1.0",
      "1e3",
      "0x10",
      "1 2",
      "+",
      "-",
      "١٢",
      "NaN",
    ]
  ) {
    assert.equal(parseIntegerString(bad), undefined, bad);
  }
});

Deno.test("parseDecimalString reads fixed and exponent forms", () => {
  assert.equal(parseDecimalString("0.5"), 0.5);
  assert.equal(parseDecimalString(" -1.5e-3 "), -0.0015);
  assert.equal(parseDecimalString("+1E+2"), 100);
  assert.equal(parseDecimalString("1."), 1);
  assert.equal(parseDecimalString(".5"), 0.5);
  assert.equal(parseDecimalString("-.5e1"), -5);
  assert.equal(parseDecimalString("0012"), 12);
  assert.ok(Object.is(parseDecimalString("-0.0"), 0));
  assert.equal(parseDecimalString("1e-400"), 0);
});

Deno.test("parseDecimalString rejects NaN, infinities and malformed text", () => {
  for (
    const bad of [
      "",
      "NaN",
      "nan",
      "inf",
      "-Infinity",
      "1e400",
      ".",
      "e5",
      "1e",
      "1.2.3",
      "1 .5",
      "0x1A",
      "1_000",
      "1,5",
      "--1",
    ]
  ) {
    assert.equal(parseDecimalString(bad), undefined, bad);
  }
});

Deno.test("formatIntegerString writes integers and rejects everything else", () => {
  assert.equal(formatIntegerString(-42), "-42");
  assert.equal(formatIntegerString(-0), "0");
  assert.equal(formatIntegerString(2147483647), "2147483647");
  assert.throws(() => formatIntegerString(2147483648), RangeError);
  assert.throws(() => formatIntegerString(1.5), RangeError);
  assert.throws(() => formatIntegerString(NaN), RangeError);
});

Deno.test("formatDecimalString writes short values exactly and long ones in 16 characters", () => {
  const cases: [number, string][] = [
    [0, "0"],
    [-0, "0"],
    [1, "1"],
    [0.5, "0.5"],
    [-2.5, "-2.5"],
    [1000, "1000"],
    [123.456, "123.456"],
    [1e-7, "1e-7"],
    [1.5e-10, "1.5e-10"],
    [1e21, "1e21"],
    [1 / 3, "0.33333333333333"],
    [-1 / 3, "-0.3333333333333"],
    [0.1 + 0.2, "0.3"],
    [Math.PI, "3.14159265358979"],
    [1234567.891234567, "1234567.89123457"],
    [0.000123456789012345, "1.23456789012e-4"],
    // An integer mantissa saves the "." for one more digit.
    [123456789012345678, "12345678901235e4"],
    [-1.2345678901234567e-30, "-12345678901e-40"],
    [-1.2345678901234567e-100, "-1.23456789e-100"],
    // Rounding up must not overflow to infinity.
    [Number.MAX_VALUE, "179769313486e297"],
    [-Number.MAX_VALUE, "-1.79769313e308"],
    [Number.MIN_VALUE, "5e-324"],
    [-Number.MIN_VALUE, "-5e-324"],
  ];
  for (const [n, text] of cases) assert.equal(formatDecimalString(n), text, String(n));
});

Deno.test("formatDecimalString rejects NaN and infinities", () => {
  assert.throws(() => formatDecimalString(NaN), RangeError);
  assert.throws(() => formatDecimalString(Infinity), RangeError);
  assert.throws(() => formatDecimalString(-Infinity), RangeError);
});

Deno.test("formatIntegerString then parseIntegerString is the identity", () => {
  fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n) => {
    const text = formatIntegerString(n);
    assert.ok(text.length <= 12);
    assert.equal(parseIntegerString(text), n);
  }));
});

Deno.test("formatDecimalString fits 16 characters and reads back within 1e-10", () => {
  const ordinary = fc.double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => n === 0 || (Math.abs(n) >= 1e-80 && Math.abs(n) <= 1e80));
  fc.assert(
    fc.property(ordinary, (n) => {
      const text = formatDecimalString(n);
      assert.ok(text.length <= 16, text);
      const back = parseDecimalString(text);
      assert.ok(back !== undefined, text);
      if (n === 0) assert.equal(back, 0);
      else assert.ok(Math.abs(back - n) <= 1e-10 * Math.abs(n), `${n} -> ${text}`);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("formatDecimalString fits 16 characters and reads back for every finite double", () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      const text = formatDecimalString(n);
      assert.ok(text.length <= 16, text);
      const back = parseDecimalString(text)!;
      assert.ok(back !== undefined, text);
      // At least 8 significant digits survive at any magnitude ("-1.2345678e-100" is 15 characters).
      if (n !== 0 && Math.abs(n) >= 1e-300) {
        assert.ok(Math.abs(back - n) <= 1e-8 * Math.abs(n), text);
      }
    }),
    { numRuns: 2000 },
  );
});

Deno.test("formatDecimalString is exact when the shortest text fits", () => {
  const short = fc.tuple(
    fc.integer({ min: -99999999, max: 99999999 }),
    fc.integer({ min: 0, max: 7 }),
  )
    .map(([m, e]) => m / 10 ** e);
  fc.assert(fc.property(short, (n) => {
    assert.equal(parseDecimalString(formatDecimalString(n)), n);
  }));
});

Deno.test("numeric parsers never throw on arbitrary strings", () => {
  const text = fc.oneof(
    fc.string(),
    fc.string({
      unit: fc.constantFrom("0", "1", "9", ".", "e", "E", "-", "+", " "),
      maxLength: 20,
    }),
  );
  fc.assert(
    fc.property(text, (s) => {
      const i = parseIntegerString(s);
      if (i !== undefined) assert.equal(parseIntegerString(formatIntegerString(i)), i);
      const d = parseDecimalString(s);
      if (d !== undefined) assert.ok(Number.isFinite(d));
    }),
    { numRuns: 500 },
  );
});
