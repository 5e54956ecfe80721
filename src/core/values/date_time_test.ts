import assert from "node:assert/strict";
import fc from "fast-check";
import {
  dateToJsDate,
  type DicomDate,
  type DicomDateTime,
  type DicomTime,
  formatDate,
  formatDateTime,
  formatTime,
  parseDate,
  parseDateTime,
  parseRange,
  parseTime,
} from "./date_time.ts";

Deno.test("parseDate reads YYYYMMDD and the ACR-NEMA YYYY.MM.DD form", () => {
  assert.deepEqual(parseDate("19930822"), { year: 1993, month: 8, day: 22 });
  assert.deepEqual(parseDate("1993.08.22"), { year: 1993, month: 8, day: 22 });
  assert.deepEqual(parseDate("20240229 "), { year: 2024, month: 2, day: 29 });
  assert.deepEqual(parseDate("20000229"), { year: 2000, month: 2, day: 29 });
});

Deno.test("parseDate rejects invalid dates", () => {
  for (
    const bad of [
      "",
      "2024",
      "202401",
      "2024010",
      "202401011",
      "20230229",
      "19000229",
      "20241301",
      "20240001",
      "20240100",
      "20240431",
      "2024-01-01",
      "2024.1.1",
      "2O240101",
      "+2024010",
      "20240101-20240102",
    ]
  ) {
    assert.equal(parseDate(bad), undefined, bad);
  }
});

Deno.test("parseTime reads every TM form and the ACR-NEMA HH:MM:SS form", () => {
  assert.deepEqual(parseTime("07"), { hour: 7 });
  assert.deepEqual(parseTime("1015"), { hour: 10, minute: 15 });
  assert.deepEqual(parseTime("101530"), { hour: 10, minute: 15, second: 30 });
  assert.deepEqual(parseTime("070907.0705 "), {
    hour: 7,
    minute: 9,
    second: 7,
    fraction: 70500,
    fractionDigits: 4,
  });
  assert.deepEqual(parseTime("235960.999999"), {
    hour: 23,
    minute: 59,
    second: 60,
    fraction: 999999,
    fractionDigits: 6,
  });
  assert.deepEqual(parseTime("10:15"), { hour: 10, minute: 15 });
  assert.deepEqual(parseTime("10:15:30.5"), {
    hour: 10,
    minute: 15,
    second: 30,
    fraction: 500000,
    fractionDigits: 1,
  });
});

Deno.test("parseTime rejects invalid times", () => {
  for (
    const bad of [
      "",
      "1",
      "101",
      "10153",
      "1015301",
      "2400",
      "0060",
      "000061",
      "1015.5",
      "101530.",
      "101530.1234567",
      "10:15:",
      "10:",
      "10:15.5",
      "1a",
      "-1015",
    ]
  ) {
    assert.equal(parseTime(bad), undefined, bad);
  }
});

Deno.test("parseDateTime reads every DT form", () => {
  assert.deepEqual(parseDateTime("2024"), { date: { year: 2024 } });
  assert.deepEqual(parseDateTime("202401"), { date: { year: 2024, month: 1 } });
  assert.deepEqual(parseDateTime("20240131"), { date: { year: 2024, month: 1, day: 31 } });
  assert.deepEqual(parseDateTime("2024013123"), {
    date: { year: 2024, month: 1, day: 31 },
    time: { hour: 23 },
  });
  assert.deepEqual(parseDateTime("20240131235959.5-0500 "), {
    date: { year: 2024, month: 1, day: 31 },
    time: { hour: 23, minute: 59, second: 59, fraction: 500000, fractionDigits: 1 },
    utcOffsetMinutes: -300,
  });
  assert.deepEqual(parseDateTime("2024+1400"), { date: { year: 2024 }, utcOffsetMinutes: 840 });
  assert.deepEqual(parseDateTime("2024-1200"), { date: { year: 2024 }, utcOffsetMinutes: -720 });
  assert.deepEqual(parseDateTime("2024-0000"), { date: { year: 2024 }, utcOffsetMinutes: 0 });
});

Deno.test("parseDateTime rejects invalid values", () => {
  for (
    const bad of [
      "",
      "202",
      "20241",
      "20241301",
      "20240230",
      "2024013124",
      "202401312360",
      "20240131235961",
      "20240131.5",
      "2024013123.5",
      "20240131235959.",
      "20240131235959.1234567",
      "2024+1401",
      "2024-1201",
      "2024+0060",
      "2024+100",
      "2024+01000",
      " 2024x",
    ]
  ) {
    assert.equal(parseDateTime(bad), undefined, bad);
  }
});

Deno.test("formatDate, formatTime and formatDateTime write the standard forms", () => {
  assert.equal(formatDate({ year: 1993, month: 8, day: 22 }), "19930822");
  assert.equal(formatDate({ year: 5, month: 1 }), "000501");
  assert.equal(
    formatTime({ hour: 7, minute: 9, second: 7, fraction: 70500, fractionDigits: 4 }),
    "070907.0705",
  );
  assert.equal(formatTime({ hour: 7, minute: 9, second: 7, fraction: 70500 }), "070907.070500");
  assert.equal(
    formatTime({ hour: 7, minute: 9, second: 7, fraction: 123456, fractionDigits: 2 }),
    "070907.12",
  );
  assert.equal(
    formatDateTime({
      date: { year: 2024, month: 1, day: 31 },
      time: { hour: 23, minute: 59 },
      utcOffsetMinutes: 60,
    }),
    "202401312359+0100",
  );
  assert.equal(formatDateTime({ date: { year: 2024 }, utcOffsetMinutes: -330 }), "2024-0530");
  assert.equal(formatDateTime({ date: { year: 2024 }, utcOffsetMinutes: 0 }), "2024+0000");
});

Deno.test("formatters throw a RangeError for invalid structured values", () => {
  assert.throws(() => formatDate({ year: 2023, month: 2, day: 29 }), RangeError);
  assert.throws(() => formatDate({ year: 10000 }), RangeError);
  assert.throws(() => formatDate({ year: 2024, day: 1 }), RangeError);
  assert.throws(() => formatDate({ year: 2024.5 }), RangeError);
  assert.throws(() => formatTime({ hour: 24 }), RangeError);
  assert.throws(() => formatTime({ hour: 1, second: 5 }), RangeError);
  assert.throws(() => formatTime({ hour: 1, minute: 2, fraction: 5 }), RangeError);
  assert.throws(() => formatTime({ hour: 1, minute: 2, second: 3, fraction: 1e6 }), RangeError);
  assert.throws(
    () => formatTime({ hour: 1, minute: 2, second: 3, fraction: 0, fractionDigits: 7 }),
    RangeError,
  );
  assert.throws(
    () => formatDateTime({ date: { year: 2024, month: 1 }, time: { hour: 1 } }),
    RangeError,
  );
  assert.throws(() => formatDateTime({ date: { year: 2024 }, utcOffsetMinutes: 841 }), RangeError);
  assert.throws(() => formatDate({ year: 2023, month: 13 }), {
    name: "RangeError",
    message: "Cannot format date: month 13 is not an integer in 1-12",
  });
});

Deno.test("parseRange splits DA, TM and DT query ranges", () => {
  assert.deepEqual(parseRange("20240101-20240131"), { start: "20240101", end: "20240131" });
  assert.deepEqual(parseRange("-20240131"), { end: "20240131" });
  assert.deepEqual(parseRange("20240101-"), { start: "20240101" });
  assert.deepEqual(parseRange("20240101-20240131 ", "DA"), { start: "20240101", end: "20240131" });
  assert.deepEqual(parseRange("1000-1200", "TM"), { start: "1000", end: "1200" });
  assert.deepEqual(parseRange("-1200", "TM"), { end: "1200" });
  assert.deepEqual(parseRange("20240101-0500-20240102-0500", "DT"), {
    start: "20240101-0500",
    end: "20240102-0500",
  });
  assert.deepEqual(parseRange("2020-2021", "DT"), { start: "2020", end: "2021" });
  assert.deepEqual(parseRange("-20240102-0500", "DT"), { end: "20240102-0500" });
  assert.deepEqual(parseRange("20240101+0100-", "DT"), { start: "20240101+0100" });
});

Deno.test("parseRange returns undefined for single values and malformed ranges", () => {
  assert.equal(parseRange("20240101"), undefined);
  assert.equal(parseRange("-"), undefined);
  assert.equal(parseRange(""), undefined);
  assert.equal(parseRange("a-b-c"), undefined);
  assert.equal(parseRange("20241301-20240131", "DA"), undefined);
  assert.equal(parseRange("2500-", "TM"), undefined);
  // A single valid DT with a UTC offset is not a range.
  assert.equal(parseRange("1990-0500", "DT"), undefined);
  assert.equal(parseRange("20240101-0500", "DT"), undefined);
});

Deno.test("dateToJsDate reads the date and time as UTC", () => {
  assert.equal(
    dateToJsDate({ year: 1993, month: 8, day: 22 }, { hour: 12 }).toISOString(),
    "1993-08-22T12:00:00.000Z",
  );
  assert.equal(dateToJsDate({ year: 2024 }).toISOString(), "2024-01-01T00:00:00.000Z");
  assert.equal(
    dateToJsDate({ year: 2024, month: 2, day: 29 }, {
      hour: 23,
      minute: 59,
      second: 59,
      fraction: 999999,
    })
      .toISOString(),
    "2024-02-29T23:59:59.999Z",
  );
  assert.equal(dateToJsDate({ year: 50, month: 3, day: 1 }).getUTCFullYear(), 50);
  assert.equal(
    dateToJsDate({ year: 2016, month: 12, day: 31 }, { hour: 23, minute: 59, second: 60 })
      .toISOString(),
    "2017-01-01T00:00:00.000Z",
  );
});

// Generators of valid structured values, with only the fields parse would produce.
const date: fc.Arbitrary<DicomDate> = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ year, month, day }) =>
    new Date(Date.UTC(2000, month - 1, day)).getUTCDate() === day &&
    (month !== 2 || day !== 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
  )
  .map(({ year, month, day }) => ({ year, month, day }));

const partialDate: fc.Arbitrary<DicomDate> = fc.oneof(
  date,
  fc.record({ year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 1, max: 12 }) })
    .map((d) => ({ ...d })),
  fc.integer({ min: 0, max: 9999 }).map((year) => ({ year })),
);

const time: fc.Arbitrary<DicomTime> = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 0, max: 999999 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .map(([hour, minute, second, digits, rawFraction, depth]) => {
    const t: DicomTime = { hour };
    if (depth >= 2) t.minute = minute;
    if (depth >= 3) t.second = second;
    if (depth >= 4) {
      const unit = 10 ** (6 - digits);
      t.fraction = Math.floor(rawFraction / unit) * unit;
      t.fractionDigits = digits;
    }
    return t;
  });

const offset = fc.option(fc.integer({ min: -720, max: 840 }), { nil: undefined });

const dateTime: fc.Arbitrary<DicomDateTime> = fc
  .tuple(partialDate, fc.option(time, { nil: undefined }), offset)
  .map(([d, t, o]) => {
    const dt: DicomDateTime = { date: d };
    if (t !== undefined && d.day !== undefined) dt.time = t;
    if (o !== undefined) dt.utcOffsetMinutes = o;
    return dt;
  });

Deno.test("formatDate then parseDate is the identity", () => {
  fc.assert(fc.property(date, (d) => {
    const text = formatDate(d);
    assert.equal(text.length, 8);
    assert.deepEqual(parseDate(text), d);
    // The ACR-NEMA form reads the same.
    assert.deepEqual(parseDate(`${text.slice(0, 4)}.${text.slice(4, 6)}.${text.slice(6)}`), d);
  }));
});

Deno.test("formatTime then parseTime is the identity", () => {
  fc.assert(fc.property(time, (t) => {
    const text = formatTime(t);
    assert.ok(text.length <= 14);
    assert.deepEqual(parseTime(text), t);
  }));
});

Deno.test("formatDateTime then parseDateTime is the identity", () => {
  fc.assert(fc.property(dateTime, (dt) => {
    const text = formatDateTime(dt);
    assert.ok(text.length <= 26);
    assert.deepEqual(parseDateTime(text), dt);
  }));
});

Deno.test("formatted dates and times order like the instants they denote", () => {
  fc.assert(fc.property(date, date, (a, b) => {
    const byText = Math.sign(formatDate(a).localeCompare(formatDate(b)));
    const byTime = Math.sign(dateToJsDate(a).getTime() - dateToJsDate(b).getTime());
    assert.equal(byText, byTime);
  }));
});

function assertNoNaN(value: unknown): void {
  if (typeof value === "number") assert.ok(Number.isInteger(value));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach(assertNoNaN);
}

Deno.test("parsers never throw and never produce NaN fields on arbitrary strings", () => {
  const text = fc.oneof(
    fc.string(),
    fc.string({
      unit: fc.constantFrom("0", "1", "2", "3", "5", "9", ".", ":", "-", "+", " "),
      maxLength: 30,
    }),
  );
  fc.assert(
    fc.property(text, (s) => {
      for (
        const v of [
          parseDate(s),
          parseTime(s),
          parseDateTime(s),
          parseRange(s),
          parseRange(s, "DT"),
        ]
      ) {
        assertNoNaN(v);
      }
      const d = parseDate(s);
      if (d !== undefined) assert.deepEqual(parseDate(formatDate(d)), d);
      const t = parseTime(s);
      if (t !== undefined) assert.deepEqual(parseTime(formatTime(t)), t);
      const dt = parseDateTime(s);
      if (dt !== undefined) assert.deepEqual(parseDateTime(formatDateTime(dt)), dt);
    }),
    { numRuns: 500 },
  );
});
