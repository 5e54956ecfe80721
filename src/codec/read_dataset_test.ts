import assert from "node:assert/strict";
import fc from "fast-check";
import { DataSet } from "../core/dataset.ts";
import { arbitraryDataSet } from "../../tests/_arbitrary_dataset.ts";
import { assertSameDataSet } from "../../tests/_compare.ts";
import { DicomLimitError, DicomParseError } from "./errors.ts";
import { readDataSet } from "./read_dataset.ts";
import { writeDataSet } from "./write_dataset.ts";

const EXPLICIT_LE = { explicitVr: true, littleEndian: true };
const EXPLICIT_BE = { explicitVr: true, littleEndian: false };
const IMPLICIT_LE = { explicitVr: false, littleEndian: true };

Deno.test("random data sets round-trip through explicit VR LE and BE", () => {
  fc.assert(
    fc.property(arbitraryDataSet(), (ds) => {
      for (const enc of [EXPLICIT_LE, EXPLICIT_BE]) {
        const bytes = writeDataSet(ds, enc);
        const back = readDataSet(bytes, enc).dataSet;
        assertSameDataSet(back, ds, JSON.stringify(enc));
        // Written again, the bytes are identical (values kept as read).
        assert.deepEqual(writeDataSet(back, enc), bytes);
      }
    }),
    { numRuns: 150 },
  );
});

Deno.test("implicit VR round trip keeps values of dictionary elements", () => {
  const ds = new DataSet();
  ds.set("PatientName", "Doe^John");
  ds.set("Rows", 512);
  ds.set("ImageType", ["ORIGINAL", "PRIMARY"]);
  const item = new DataSet();
  item.set("ReferencedSOPInstanceUID", "1.2.3");
  ds.set("ReferencedImageSequence", [item]);
  const bytes = writeDataSet(ds, IMPLICIT_LE);
  const back = readDataSet(bytes, IMPLICIT_LE).dataSet;
  assert.equal(back.getString("PatientName"), "Doe^John");
  assert.equal(back.getNumber("Rows"), 512);
  assert.deepEqual(back.getStrings("ImageType"), ["ORIGINAL", "PRIMARY"]);
  assert.equal(
    back.getItems("ReferencedImageSequence")[0].getString("ReferencedSOPInstanceUID"),
    "1.2.3",
  );
  assert.equal(back.getItems("ReferencedImageSequence")[0].parent, back);
});

Deno.test("readDataSet never crashes on random or mutated bytes", () => {
  const seed = writeDataSet(
    (() => {
      const ds = new DataSet();
      ds.set("PatientName", "Doe^John");
      const item = new DataSet();
      item.set("CodeValue", "123");
      ds.set("ConceptNameCodeSequence", [item, item.clone()]);
      ds.set("Rows", 512);
      return ds;
    })(),
    EXPLICIT_LE,
  );
  const mutated = fc.tuple(
    fc.nat(seed.length - 1),
    fc.integer({ min: 0, max: 255 }),
    fc.nat(seed.length),
  )
    .map(([at, byte, cut]) => {
      const copy = seed.slice(0, Math.max(cut, at + 1));
      copy[at] = byte;
      return copy;
    });
  fc.assert(
    fc.property(
      fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated),
      fc.boolean(),
      fc.boolean(),
      (bytes, explicit, lenient) => {
        try {
          readDataSet(bytes, { explicitVr: explicit, littleEndian: true }, { lenient });
        } catch (error) {
          assert.ok(
            error instanceof DicomParseError || error instanceof DicomLimitError,
            String(error),
          );
        }
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("readDataSet names the tag path and offset of a bad length", () => {
  const item = new DataSet();
  item.set("CodeValue", "ABCDEF");
  const ds = new DataSet();
  ds.set("ConceptNameCodeSequence", [item]);
  const bytes = writeDataSet(ds, EXPLICIT_LE);
  // Raise CodeValue's 16-bit length past the end of the item.
  const at = bytes.length - 6 - 2;
  bytes[at] = 0x40;
  assert.throws(() => readDataSet(bytes, EXPLICIT_LE), (e: unknown) => {
    assert.ok(e instanceof DicomParseError);
    assert.equal(e.tagPath, "(0040,A043)[0].(0008,0100)");
    assert.equal(e.offset, at - 6);
    return true;
  });
});

Deno.test("sequences nested deeper than maxDepth give a DicomLimitError, not a stack overflow", () => {
  // A million levels of undefined-length sequences, as raw bytes: item + SQ header repeated.
  const levels = 1_000_000;
  const unit = [
    0x40,
    0x00,
    0x43,
    0xa0,
    0x53,
    0x51,
    0,
    0,
    0xff,
    0xff,
    0xff,
    0xff,
    0xfe,
    0xff,
    0x00,
    0xe0,
    0xff,
    0xff,
    0xff,
    0xff,
  ];
  const bytes = new Uint8Array(unit.length * levels);
  for (let i = 0; i < levels; i++) bytes.set(unit, i * unit.length);
  assert.throws(() => readDataSet(bytes, EXPLICIT_LE), DicomLimitError);
});

Deno.test("stopBeforePixels and untilTag stop at the right element", () => {
  const ds = new DataSet();
  ds.set("PatientID", "1");
  ds.set("Rows", 2);
  ds.set(0x7fe00010, new Uint8Array(8), "OW");
  const bytes = writeDataSet(ds, EXPLICIT_LE);
  const r = readDataSet(bytes, EXPLICIT_LE, { stopBeforePixels: true });
  assert.equal(r.dataSet.has(0x7fe00010), false);
  assert.equal(r.dataSet.getNumber("Rows"), 2);
  assert.equal(readDataSet(bytes, EXPLICIT_LE, { untilTag: 0x00280000 }).dataSet.size, 1);
});

Deno.test("a UN element of a known tag is re-read with its dictionary VR (PS3.5 6.2.2)", () => {
  // (0028,0010) UN length 2 value 0x0200 = 512
  const bytes = new Uint8Array([0x28, 0, 0x10, 0, 0x55, 0x4e, 0, 0, 2, 0, 0, 0, 0, 2]);
  const ds = readDataSet(bytes, EXPLICIT_LE).dataSet;
  assert.equal(ds.get("Rows")?.vr, "US");
  assert.equal(ds.getNumber("Rows"), 512);
});

Deno.test("pixel data values are zero-copy views of the input", () => {
  const ds = new DataSet();
  ds.set(0x7fe00010, new Uint8Array([1, 2, 3, 4]), "OB");
  const bytes = writeDataSet(ds, EXPLICIT_LE);
  const view = readDataSet(bytes, EXPLICIT_LE).dataSet.get(0x7fe00010)!.bytes!;
  assert.equal(view.buffer, bytes.buffer);
});
