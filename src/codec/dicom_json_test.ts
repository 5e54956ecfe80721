import assert from "node:assert/strict";
import fc from "fast-check";
import { DataSet } from "../core/dataset.ts";
import { DataElement } from "../core/element.ts";
import { makeTag } from "../core/tag.ts";
import { formatDecimalString } from "../core/values/numeric_string.ts";
import type { Vr } from "../core/vr.ts";
import { encodeBase64 } from "./base64.ts";
import {
  dataSetFromJson,
  dataSetToJson,
  DicomJsonError,
  type DicomJsonObject,
} from "./dicom_json.ts";
import { readDataSet } from "./read_dataset.ts";
import { writeDataSet } from "./write_dataset.ts";

function text(tag: number, vr: Vr, ...values: string[]): DataElement {
  return DataElement.fromStrings(tag, vr, values);
}

Deno.test("dataSetToJson writes every kind of VR as PS3.18 F.2.3 maps it", () => {
  const ds = new DataSet([
    text(0x00080005, "CS", "ISO_IR 192"),
    text(0x00080008, "CS", "ORIGINAL", "PRIMARY"),
    text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.2"),
    text(0x00100010, "PN", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
    text(0x00101010, "AS", "042Y"),
    text(0x00200013, "IS", "7"),
    text(0x00280030, "DS", "0.5", "1e-3"),
    DataElement.fromNumbers(0x00280010, "US", [512]),
    DataElement.fromNumbers(0x00281052, "SS", [-1024]),
    DataElement.fromNumbers(0x00091001, "FL", [0.5]),
    DataElement.fromNumbers(0x00091002, "FD", [Math.PI]),
    DataElement.fromNumbers(0x00091003, "SL", [-5, 6]),
    DataElement.fromNumbers(0x00091004, "UL", [4294967295]),
    DataElement.fromNumbers(0x00091005, "SV", [-5n]),
    DataElement.fromNumbers(0x00091006, "UV", [2n ** 64n - 1n]),
    DataElement.fromNumbers(0x00280009, "AT", [0x00540010]),
    DataElement.fromBytes(0x00091007, "OB", new Uint8Array([1, 2, 3, 0])),
    // Big endian OW is written little endian (PS3.18 F.2.7 InlineBinary).
    DataElement.fromBytes(0x00091008, "OW", new Uint8Array([0x12, 0x34]), false),
    DataElement.fromItems(0x00081140, [
      new DataSet([text(0x00081150, "UI", "1.2.3")]),
      new DataSet(),
    ]),
    text(0x00400254, "LO", "Ünïcödé"),
  ]);
  const expected: DicomJsonObject = {
    "00080005": { vr: "CS", Value: ["ISO_IR 192"] },
    "00080008": { vr: "CS", Value: ["ORIGINAL", "PRIMARY"] },
    "00080016": { vr: "UI", Value: ["1.2.840.10008.5.1.4.1.1.2"] },
    "00081140": {
      vr: "SQ",
      Value: [{ "00081150": { vr: "UI", Value: ["1.2.3"] } }, {}],
    },
    "00091001": { vr: "FL", Value: [0.5] },
    "00091002": { vr: "FD", Value: [Math.PI] },
    "00091003": { vr: "SL", Value: [-5, 6] },
    "00091004": { vr: "UL", Value: [4294967295] },
    "00091005": { vr: "SV", Value: [-5] },
    "00091006": { vr: "UV", Value: ["18446744073709551615"] },
    "00091007": { vr: "OB", InlineBinary: "AQIDAA==" },
    "00091008": { vr: "OW", InlineBinary: encodeBase64(new Uint8Array([0x34, 0x12])) },
    "00100010": {
      vr: "PN",
      Value: [{ Alphabetic: "Yamada^Tarou", Ideographic: "山田^太郎", Phonetic: "やまだ^たろう" }],
    },
    "00101010": { vr: "AS", Value: ["042Y"] },
    "00200013": { vr: "IS", Value: [7] },
    "00280009": { vr: "AT", Value: ["00540010"] },
    "00280010": { vr: "US", Value: [512] },
    "00280030": { vr: "DS", Value: [0.5, 0.001] },
    "00281052": { vr: "SS", Value: [-1024] },
    "00400254": { vr: "LO", Value: ["Ünïcödé"] },
  };
  const json = dataSetToJson(ds);
  assert.deepEqual(json, expected);
  assert.deepEqual(Object.keys(json), Object.keys(expected).sort(), "keys in ascending order");
});

Deno.test("dataSetToJson leaves out Value for empty attributes and writes null for empty values", () => {
  const ds = new DataSet([
    text(0x00080050, "SH"),
    text(0x00080060, "CS", ""),
    text(0x00080008, "CS", "", "B", ""),
    text(0x00080090, "PN", "Doe^John", "", "=="),
    DataElement.fromNumbers(0x00280010, "US", []),
    DataElement.fromBytes(0x00091010, "OB", new Uint8Array(0)),
    DataElement.fromItems(0x00081140, []),
  ]);
  assert.deepEqual(dataSetToJson(ds), {
    "00080008": { vr: "CS", Value: [null, "B", null] },
    "00080050": { vr: "SH" },
    "00080060": { vr: "CS" },
    "00080090": { vr: "PN", Value: [{ Alphabetic: "Doe^John" }, null, null] },
    "00081140": { vr: "SQ" },
    "00091010": { vr: "OB" },
    "00280010": { vr: "US" },
  });
});

Deno.test("dataSetToJson keeps IS/DS text that is no number, and numbers JSON cannot hold", () => {
  const ds = new DataSet([
    text(0x00200013, "IS", " 12 ", "1.0", "1.5", "x"),
    text(0x00280030, "DS", "1.50", "NaN", "1.5.3", "-0"),
    DataElement.fromNumbers(0x00091001, "FD", [NaN, Infinity, -Infinity, -0]),
    DataElement.fromNumbers(0x00091002, "SV", [-(2n ** 63n), 2n ** 53n - 1n]),
  ]);
  const json = dataSetToJson(ds);
  assert.deepEqual(json["00200013"].Value, [12, 1, "1.5", "x"]);
  assert.deepEqual(json["00280030"].Value, [1.5, "NaN", "1.5.3", 0]);
  assert.deepEqual(json["00091001"].Value, ["NaN", "Infinity", "-Infinity", -0]);
  assert.deepEqual(json["00091002"].Value, ["-9223372036854775808", 2 ** 53 - 1]);
});

Deno.test("dataSetToJson leaves out group length attributes (PS3.18 F.2.2)", () => {
  const ds = new DataSet([
    DataElement.fromNumbers(0x00080000, "UL", [10]),
    text(0x00080060, "CS", "CT"),
  ]);
  assert.deepEqual(Object.keys(dataSetToJson(ds)), ["00080060"]);
});

Deno.test("dataSetToJson decodes text with the Specific Character Set, inherited by items", () => {
  const latin1 = new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]); // "Müller" in ISO_IR 100
  const item = new DataSet([DataElement.fromBytes(0x00100010, "PN", latin1)]);
  const ds = new DataSet([
    text(0x00080005, "CS", "ISO_IR 100"),
    DataElement.fromBytes(0x00100010, "PN", latin1),
    DataElement.fromItems(0x00101002, [item]),
  ]);
  const json = dataSetToJson(ds);
  assert.deepEqual(json["00100010"].Value, [{ Alphabetic: "Müller" }]);
  const nested = json["00101002"].Value![0] as DicomJsonObject;
  assert.deepEqual(nested["00100010"].Value, [{ Alphabetic: "Müller" }]);
});

Deno.test("dataSetToJson writes encapsulated pixel data as its items, which read back as fragments", () => {
  const fragments = {
    basicOffsetTable: new Uint8Array([0, 0, 0, 0]),
    fragments: [new Uint8Array([0xff, 0xd8]), new Uint8Array([0xff, 0xd9])],
  };
  const ds = new DataSet([DataElement.fromFragments(0x7fe00010, "OB", fragments)]);
  const json = dataSetToJson(ds);
  const expected = new Uint8Array([
    ...[0xfe, 0xff, 0x00, 0xe0, 4, 0, 0, 0, 0, 0, 0, 0],
    ...[0xfe, 0xff, 0x00, 0xe0, 2, 0, 0, 0, 0xff, 0xd8],
    ...[0xfe, 0xff, 0x00, 0xe0, 2, 0, 0, 0, 0xff, 0xd9],
  ]);
  assert.deepEqual(json["7FE00010"], { vr: "OB", InlineBinary: encodeBase64(expected) });
  const back = dataSetFromJson(json).get(0x7fe00010)!;
  assert.ok(back.isEncapsulated);
  assert.deepEqual(back.fragments, fragments);
});

Deno.test("dataSetToJson offers values above bulkDataThreshold to bulkDataUri", () => {
  const item = new DataSet([DataElement.fromBytes(0x00091001, "OB", new Uint8Array(10))]);
  const ds = new DataSet([
    DataElement.fromBytes(0x00091002, "OB", new Uint8Array(4)),
    DataElement.fromBytes(0x00091003, "UN", new Uint8Array(100)),
    DataElement.fromBytes(0x00091004, "OW", new Uint8Array(100)),
    DataElement.fromItems(0x00091010, [item]),
  ]);
  const calls: string[] = [];
  const json = dataSetToJson(ds, {
    bulkDataThreshold: 8,
    bulkDataUri: (path, element, value) => {
      calls.push(`${path} ${element.vr} ${value.length}`);
      return element.vr === "OW" ? undefined : `https://pacs/bulk/${path}`;
    },
  });
  assert.deepEqual(calls, [
    "(0009,1003) UN 100",
    "(0009,1004) OW 100",
    "(0009,1010)[0].(0009,1001) OB 10",
  ]);
  assert.deepEqual(json["00091002"], { vr: "OB", InlineBinary: "AAAAAA==" });
  assert.deepEqual(json["00091003"], { vr: "UN", BulkDataURI: "https://pacs/bulk/(0009,1003)" });
  assert.equal(json["00091004"].InlineBinary?.length, 136);
  const nested = json["00091010"].Value![0] as DicomJsonObject;
  assert.equal(nested["00091001"].BulkDataURI, "https://pacs/bulk/(0009,1010)[0].(0009,1001)");
});

Deno.test("dataSetFromJson reads the PS3.18 F.2 model back", () => {
  const ds = dataSetFromJson({
    "00080005": { vr: "CS", Value: ["ISO_IR 192"] },
    "00080020": { vr: "DA", Value: ["20130409"] },
    "00080061": { vr: "CS", Value: ["CT", "PET"] },
    "00080090": {
      vr: "PN",
      Value: [{ Alphabetic: "^Bob^^Dr." }, null, { Ideographic: "山田" }],
    },
    "00081190": { vr: "UR", Value: ["http://wado.example.com/studies/1"] },
    "00100030": { vr: "DA" },
    "00200013": { vr: "IS", Value: [12, null] },
    "00280030": { vr: "DS", Value: [0.5, 1 / 3, "1.50"] },
    "00280010": { vr: "US", Value: [512] },
    "00280009": { vr: "AT", Value: ["00540010", "00540020"] },
    "00091001": { vr: "SV", Value: ["-9223372036854775808", 12] },
    "00091002": { vr: "FD", Value: ["NaN", 1.5] },
    "00091003": { vr: "OB", InlineBinary: "AQID" },
    "0040A730": {
      vr: "SQ",
      Value: [{ "0040A010": { vr: "CS", Value: ["CONTAINS"] } }, {}],
    },
  });
  assert.deepEqual(ds.getStrings("ModalitiesInStudy"), ["CT", "PET"]);
  assert.deepEqual(ds.getStrings("ReferringPhysicianName"), ["^Bob^^Dr.", "", "=山田"]);
  assert.deepEqual(ds.getStrings("PatientBirthDate"), []);
  assert.deepEqual(ds.getStrings("InstanceNumber"), ["12", ""]);
  assert.deepEqual(ds.getStrings("PixelSpacing"), ["0.5", "0.33333333333333", "1.50"]);
  assert.equal(ds.getNumber("Rows"), 512);
  assert.deepEqual(ds.getNumbers("FrameIncrementPointer"), [0x00540010, 0x00540020]);
  assert.deepEqual(ds.getBigInts(0x00091001), [-(2n ** 63n), 12n]);
  assert.ok(Number.isNaN(ds.getNumber(0x00091002)));
  assert.deepEqual(ds.getBytes(0x00091003), new Uint8Array([1, 2, 3]));
  const items = ds.getItems("ContentSequence");
  assert.equal(items.length, 2);
  assert.equal(items[0].getString("RelationshipType"), "CONTAINS");
  assert.equal(items[1].size, 0);
});

Deno.test("dataSetFromJson resolves BulkDataURI, or leaves the element empty with a warning", () => {
  const json = { "7FE00010": { vr: "OW", BulkDataURI: "https://pacs/bulk/1" } };
  const warnings: string[] = [];
  const empty = dataSetFromJson(json, { onWarning: (m) => warnings.push(m) });
  assert.equal(empty.getBytes(0x7fe00010)?.length, 0);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /Unresolved BulkDataURI https:\/\/pacs\/bulk\/1 at \(7FE0,0010\)/);
  const resolved = dataSetFromJson(json, {
    resolveBulkData: (uri, path, vr) => {
      assert.deepEqual([uri, path, vr], ["https://pacs/bulk/1", "(7FE0,0010)", "OW"]);
      return new Uint8Array([1, 0, 2, 0]);
    },
  });
  assert.deepEqual(resolved.getNumbers(0x7fe00010), [1, 2]);
});

Deno.test("dataSetFromJson rejects what is not a DICOM JSON Model object", () => {
  const cases: [unknown, RegExp][] = [
    [[], /Expected a DICOM JSON object/],
    [{ "0010001": { vr: "PN" } }, /Invalid tag key "0010001"/],
    [{ "00100010": { vr: "XX" } }, /Invalid VR "XX" at \(0010,0010\)/],
    [{ "00100010": "Doe" }, /Expected an attribute object at \(0010,0010\)/],
    [{ "00091001": { vr: "OB", InlineBinary: "AQ*D" } }, /InlineBinary: Invalid base64/],
    [{ "00091001": { vr: "OB", Value: [1] } }, /VR OB takes InlineBinary or BulkDataURI/],
    [{ "00091001": { vr: "OB", Value: [], InlineBinary: "" } }, /both Value and InlineBinary/],
    [{ "00280009": { vr: "AT", Value: ["0054001"] } }, /Invalid AT value/],
    [{ "00280010": { vr: "US", Value: [null] } }, /Invalid US value null/],
    [{ "00280010": { vr: "US", Value: "1" } }, /Value is not an array/],
    [{ "00100010": { vr: "PN", Value: [1] } }, /Invalid PN value 1/],
    [
      { "00081140": { vr: "SQ", Value: [{ "00081150": { vr: "UI", Value: [{}] } }] } },
      /Invalid UI value \{\} at \(0008,1140\)\[0\]\.\(0008,1150\)/,
    ],
  ];
  for (const [json, message] of cases) {
    assert.throws(() => dataSetFromJson(json), (e: unknown) => {
      assert.ok(e instanceof DicomJsonError, String(e));
      assert.match(e.message, message);
      return true;
    });
  }
});

// ---- Round trips over random data sets ----

const WORD = fc.string({
  unit: fc.constantFrom(..."ABCXYZabc019 ._-^=äöü中文".split("")),
  maxLength: 10,
}).map((s) => s.trim());
const NO_BACKSLASH_TEXT = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\\\0]/g, "").trim());

function textValues(vr: Vr): fc.Arbitrary<string[]> {
  const many = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 3 });
  switch (vr) {
    case "IS":
      return many(fc.oneof(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(String),
        fc.constantFrom("", "x1", "1.5"),
      ));
    case "DS":
      return many(fc.oneof(
        // Valid DS text (at most 16 characters): JSON numbers beyond that are rounded to fit.
        fc.double({ noNaN: true, noDefaultInfinity: true }).map(formatDecimalString),
        fc.constantFrom("", "1.50", "1e-3", "abc", "1e999"),
      ));
    case "PN":
      // Spaces at the end of a component group are padding, lost when "A =" is written as "A ".
      return many(WORD.map((s) => s.split("=").map((g) => g.trim()).join("=")));
    case "LT":
    case "ST":
    case "UT":
      return fc.string({ maxLength: 20 }).map((s) => [s.replace(/\0/g, "").trimEnd()]);
    case "UR":
      return fc.webUrl().map((s) => [s.replace(/\\/g, "")]);
    case "UI":
      return many(
        fc.array(fc.integer({ min: 0, max: 99999 }), { minLength: 2, maxLength: 5 }).map((p) =>
          p.join(".")
        ),
      );
    case "LO":
    case "SH":
    case "UC":
      return many(NO_BACKSLASH_TEXT);
    default:
      return many(WORD.map((s) => s.replace(/[^A-Z0-9 _]/g, "").trim()));
  }
}

const TEXT_VRS: Vr[] = [
  "AE",
  "AS",
  "CS",
  "DA",
  "DS",
  "DT",
  "IS",
  "LO",
  "LT",
  "PN",
  "SH",
  "ST",
  "TM",
  "UC",
  "UI",
  "UR",
  "UT",
]; // deno-fmt-ignore

function numberValues(vr: Vr): fc.Arbitrary<number[] | bigint[]> {
  const many = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 3 });
  switch (vr) {
    case "US":
      return many(fc.integer({ min: 0, max: 0xffff }));
    case "SS":
      return many(fc.integer({ min: -0x8000, max: 0x7fff }));
    case "UL":
      return many(fc.integer({ min: 0, max: 0xffffffff }));
    case "SL":
      return many(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    case "AT":
      return many(fc.integer({ min: 0, max: 0xffffffff }));
    case "FL":
      return many(fc.float().map(Math.fround));
    case "FD":
      return many(fc.double());
    case "SV":
      return many(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
    default:
      return many(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
  }
}

const NUMBER_VRS: Vr[] = ["US", "SS", "UL", "SL", "FL", "FD", "SV", "UV", "AT"];
const UNIT: Partial<Record<Vr, number>> = { OW: 2, OF: 4, OL: 4, OD: 8, OV: 8 };

function leaf(tag: number): fc.Arbitrary<DataElement> {
  return fc.oneof(
    fc.constantFrom(...TEXT_VRS).chain((vr) =>
      textValues(vr).map((v) => DataElement.fromStrings(tag, vr, v))
    ),
    fc.constantFrom(...NUMBER_VRS).chain((vr) =>
      numberValues(vr).map((v) => DataElement.fromNumbers(tag, vr, v))
    ),
    fc.tuple(
      fc.constantFrom<Vr>("OB", "OW", "OF", "OD", "OL", "OV", "UN"),
      fc.uint8Array({ maxLength: 40 }),
    ).map(([vr, bytes]) => {
      const unit = UNIT[vr] ?? 2; // even lengths: odd ones gain a pad byte when written
      return DataElement.fromBytes(tag, vr, bytes.subarray(0, bytes.length - bytes.length % unit));
    }),
  );
}

/** Random data sets: elements of every VR at distinct tags in group 0011, nested sequences. */
function arbitraryDataSet(depth: number): fc.Arbitrary<DataSet> {
  return fc.uniqueArray(fc.integer({ min: 0x1000, max: 0x10ff }), { maxLength: 6 }).chain((
    elements,
  ) =>
    fc.tuple(
      ...elements.map((el) => {
        const tag = makeTag(0x0011, el);
        if (depth > 0 && el % 4 === 0) {
          return fc.array(arbitraryDataSet(depth - 1), { maxLength: 2 }).map((items) =>
            DataElement.fromItems(tag, items)
          );
        }
        return leaf(tag);
      }),
    ).map((list) => new DataSet(list))
  );
}

const arbitraryPixelData = fc.tuple(
  fc.uint8Array({ maxLength: 8 }),
  fc.array(fc.uint8Array({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
).map(([basicOffsetTable, fragments]) =>
  DataElement.fromFragments(0x7fe00010, "OB", { basicOffsetTable, fragments })
);

Deno.test("DICOM JSON round trip: data set to JSON to data set to the same JSON", () => {
  fc.assert(
    fc.property(arbitraryDataSet(2), fc.option(arbitraryPixelData), (ds, pixels) => {
      if (pixels) ds.add(pixels);
      const json = dataSetToJson(ds);
      const again = dataSetToJson(dataSetFromJson(JSON.parse(JSON.stringify(json))));
      assert.deepEqual(again, JSON.parse(JSON.stringify(json)));
    }),
    { numRuns: 200 },
  );
});

Deno.test("DICOM JSON round trip through bytes: JSON of the written and read data set is the same", () => {
  const encoding = { explicitVr: true, littleEndian: true };
  fc.assert(
    fc.property(arbitraryDataSet(2), (ds) => {
      ds.add(text(0x00080005, "CS", "ISO_IR 192"));
      const json = dataSetToJson(ds);
      const bytes = writeDataSet(dataSetFromJson(json), encoding);
      const read = readDataSet(bytes, encoding).dataSet;
      assert.deepEqual(dataSetToJson(read), json);
    }),
    { numRuns: 200 },
  );
});
