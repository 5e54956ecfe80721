import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { arbitraryPublicDataSet } from "../../tests/_arbitrary_dataset.ts";
import { assertSameDataSet } from "../../tests/_compare.ts";
import { DataSet } from "../core/dataset.ts";
import { DicomLimitError, DicomParseError } from "./errors.ts";
import { deflateRaw } from "./inflate.ts";
import { readDicom } from "./read_file.ts";
import { writeDicom } from "./write_file.ts";

const CT = new URL(
  "../../../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm",
  import.meta.url,
);

function small(): DataSet {
  const ds = new DataSet();
  ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.7");
  ds.set("SOPInstanceUID", "1.2.3.4");
  ds.set("PatientName", "Doe^Jane");
  return ds;
}

Deno.test("readDicom reads what writeDicom wrote in each uncompressed syntax", () => {
  for (
    const ts of [
      "ImplicitVRLittleEndian",
      "ExplicitVRLittleEndian",
      "ExplicitVRBigEndian",
      "DeflatedExplicitVRLittleEndian",
    ]
  ) {
    const file = readDicom(writeDicom(small(), ts));
    assert.equal(file.dataSet.getString("PatientName"), "Doe^Jane", ts);
    assert.equal(file.meta.getString("MediaStorageSOPInstanceUID"), "1.2.3.4");
    assert.deepEqual(file.warnings, []);
  }
});

Deno.test("a truncated file gives a DicomParseError naming the file, offset and tag", () => {
  const bytes = readFileSync(CT);
  const cut = bytes.subarray(0, 1000);
  assert.throws(() => readDicom(cut, { fileName: "CT_small.dcm" }), (e: unknown) => {
    assert.ok(e instanceof DicomParseError);
    assert.equal(e.fileName, "CT_small.dcm");
    assert.ok(e.offset > 132 && e.offset <= 1000, String(e.offset));
    assert.match(e.tagPath, /^\([0-9A-F]{4},[0-9A-F]{4}\)/);
    return true;
  });
  // Lenient: what could be read, with a warning.
  const lenient = readDicom(cut, { lenient: true });
  assert.ok(lenient.warnings.length > 0);
  assert.equal(lenient.dataSet.getString("Modality"), "CT");
});

Deno.test("an unknown transfer syntax is a DicomParseError (lenient: read as explicit LE)", () => {
  const meta = new DataSet();
  meta.set(0x00020010, "1.2.3.4.5.6", "UI");
  const bytes = writeDicom(small(), "ExplicitVRLittleEndian");
  // Patch the transfer syntax UID in place ("1.2.840.10008.1.2.1" -> same length garbage).
  const text = new TextDecoder("latin1").decode(bytes);
  const at = text.indexOf("1.2.840.10008.1.2.1\0");
  bytes.set(new TextEncoder().encode("9.9.999.99999.9.9.9"), at);
  assert.throws(() => readDicom(bytes), /Unknown transfer syntax "9.9.999.99999.9.9.9"/);
  assert.equal(readDicom(bytes, { lenient: true }).dataSet.getString("PatientName"), "Doe^Jane");
});

Deno.test("a zip bomb in a deflated data set hits maxInflatedLength", () => {
  const bytes = writeDicom(small(), "DeflatedExplicitVRLittleEndian");
  const file = readDicom(bytes);
  assert.equal(file.dataSet.getString("PatientName"), "Doe^Jane");
  // 16 MiB of zeros deflate to ~16 KiB; with a 1 MiB cap reading must stop early.
  const header = writeDicom(new DataSet(), "DeflatedExplicitVRLittleEndian");
  const bomb = deflateRaw(new Uint8Array(16 * 1024 * 1024));
  const empty = deflateRaw(new Uint8Array(0));
  const withBomb = new Uint8Array(header.length - empty.length + bomb.length);
  withBomb.set(header.subarray(0, header.length - empty.length));
  withBomb.set(bomb, header.length - empty.length);
  assert.throws(() => readDicom(withBomb, { maxInflatedLength: 1024 * 1024 }), DicomLimitError);
});

Deno.test("random bytes after a valid preamble never crash the reader", () => {
  for (let seed = 1; seed < 300; seed++) {
    const bytes = new Uint8Array(132 + (seed * 37) % 400);
    bytes.set([0x44, 0x49, 0x43, 0x4d], 128);
    let x = seed;
    for (let i = 132; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    for (const lenient of [false, true]) {
      try {
        readDicom(bytes, { lenient });
      } catch (e) {
        assert.ok(e instanceof DicomParseError || e instanceof DicomLimitError, String(e));
      }
    }
  }
});

Deno.test("files without meta are recognised: implicit LE, explicit LE, explicit BE", () => {
  const dir = new URL("../../../shared/fixtures/pydicom-v3.0.2/test_files/", import.meta.url);
  for (
    const name of [
      "ExplVR_BigEndNoMeta.dcm",
      "ExplVR_LitEndNoMeta.dcm",
      "../../pydicom-data/OT-PAL-8-face.dcm",
    ]
  ) {
    const file = readDicom(readFileSync(new URL(name, dir)));
    assert.equal(file.preamble, undefined);
    assert.ok(file.dataSet.size > 5, name);
  }
});

Deno.test("random data sets of public elements round-trip through every uncompressed syntax", () => {
  fc.assert(
    fc.property(arbitraryPublicDataSet(), (ds) => {
      ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.7");
      ds.set("SOPInstanceUID", "1.2.3.4");
      for (
        const ts of [
          "ImplicitVRLittleEndian",
          "ExplicitVRLittleEndian",
          "ExplicitVRBigEndian",
          "DeflatedExplicitVRLittleEndian",
        ]
      ) {
        const bytes = writeDicom(ds, ts);
        const back = readDicom(bytes);
        assertSameDataSet(back.dataSet, ds, ts);
        // What was read and is written again in the same syntax is byte-identical.
        assert.deepEqual(writeDicom(back.dataSet, ts, { meta: back.meta }), bytes, ts);
      }
    }),
    { numRuns: 150 },
  );
});
