import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { DataSet } from "../core/dataset.ts";
import { DataElement } from "../core/element.ts";
import { dumpDataSet, dumpFile } from "./dump.ts";
import { readDicom } from "./read_file.ts";

const FIXTURES = new URL("../../../shared/fixtures/", import.meta.url);

function sample(): DataSet {
  const ds = new DataSet();
  ds.set("SpecificCharacterSet", "ISO_IR 100");
  ds.set("ImageType", ["ORIGINAL", "PRIMARY"]);
  ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2");
  ds.set("SOPInstanceUID", "1.2.3.4.5");
  ds.set("AccessionNumber", []);
  ds.set("PatientName", "Müller^Jörg");
  ds.set(0x00090010, "GEMS_IDEN_01", "LO");
  ds.set(0x00091001, "GE_GENESIS_FF", "LO");
  ds.set(0x00091099, new Uint8Array([1, 2, 3, 4]), "UN");
  const item = new DataSet();
  item.set("ReferencedSOPClassUID", "1.2.840.10008.5.1.4.1.1.4");
  item.set("ReferencedSOPInstanceUID", "1.2.3");
  ds.set("ReferencedImageSequence", [item]);
  const undefinedItem = new DataSet();
  undefinedItem.undefinedLength = true;
  undefinedItem.set("CodeValue", "T-D1100");
  ds.set("AnatomicRegionSequence", [undefinedItem]).undefinedLength = true;
  ds.set("StudyDescription", "A".repeat(80));
  ds.set("FrameIncrementPointer", [0x00181063], "AT");
  ds.set("Rows", 2);
  ds.set("PixelSpacing", ["0.5", "0.5"]);
  ds.set("LUTData", Array.from({ length: 40 }, (_, i) => i * 100), "US");
  ds.set(0x00091002, [1.5, -0.1], "FL");
  ds.set(0x00091003, "line 1\r\nline 2", "UT");
  ds.set("PixelData", new Uint8Array(Array.from({ length: 64 }, (_, i) => i)), "OW");
  return ds;
}

// Checked against `dcmdump` of the same data set written as a file (lengths and layout equal;
// dcmdump prints the Latin-1 bytes undecoded, -0.100000001 for the float and the raw CR LF).
const SAMPLE_DUMP = `\
(0008,0005) CS [ISO_IR 100]                             #  10, 1 SpecificCharacterSet
(0008,0008) CS [ORIGINAL\\PRIMARY]                       #  16, 2 ImageType
(0008,0016) UI =CTImageStorage                          #  26, 1 SOPClassUID
(0008,0018) UI [1.2.3.4.5]                              #  10, 1 SOPInstanceUID
(0008,0050) SH (no value available)                     #   0, 0 AccessionNumber
(0008,1030) LO [AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA... #  80, 1 StudyDescription
(0008,1140) SQ (Sequence with explicit length #=1)      #  56, 1 ReferencedImageSequence
  (fffe,e000) na (Item with explicit length #=2)          #  48, 1 Item
    (0008,1150) UI =MRImageStorage                          #  26, 1 ReferencedSOPClassUID
    (0008,1155) UI [1.2.3]                                  #   6, 1 ReferencedSOPInstanceUID
  (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem
(fffe,e0dd) na (SequenceDelimitationItem for re-encod.) #   0, 0 SequenceDelimitationItem
(0008,2218) SQ (Sequence with undefined length #=1)     # u/l, 1 AnatomicRegionSequence
  (fffe,e000) na (Item with undefined length #=1)         # u/l, 1 Item
    (0008,0100) SH [T-D1100]                                #   8, 1 CodeValue
  (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem
(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem
(0009,0010) LO [GEMS_IDEN_01]                           #  12, 1 PrivateCreator
(0009,1001) LO [GE_GENESIS_FF]                          #  14, 1 FullFidelity
(0009,1002) FL 1.5\\-0.1                                 #   8, 2 SuiteId
(0009,1003) UT [line 1\\r\\nline 2]                       #  14, 1 Unknown Tag & Data
(0009,1099) UN 01\\02\\03\\04                              #   4, 1 Unknown Tag & Data
(0010,0010) PN [Müller^Jörg]                            #  12, 1 PatientName
(0028,0009) AT (0018,1063)                              #   4, 1 FrameIncrementPointer
(0028,0010) US 2                                        #   2, 1 Rows
(0028,0030) DS [0.5\\0.5]                                #   8, 2 PixelSpacing
(0028,3006) US 0\\100\\200\\300\\400\\500\\600\\700\\800\\900\\1000\\1100\\1200\\1300\\1400\\1500... #  80,40 LUTData
(7fe0,0010) OW 0100\\0302\\0504\\0706\\0908\\0b0a\\0d0c\\0f0e\\1110\\1312\\1514\\1716\\1918... #  64, 1 PixelData
`;

Deno.test("dumpDataSet lays a data set out like dcmdump", () => {
  assert.equal(dumpDataSet(sample()), SAMPLE_DUMP);
});

Deno.test("dumpDataSet computes item lengths for implicit VR when asked", () => {
  const item = new DataSet();
  item.set("ReferencedSOPInstanceUID", "1.2.3");
  const ds = new DataSet();
  ds.set("ReferencedImageSequence", [item]);
  ds.set("PixelData", new Uint8Array(4), "OB");
  const explicit = dumpDataSet(ds);
  const implicit = dumpDataSet(ds, { explicitVr: false });
  assert.match(explicit, /\(Sequence with explicit length #=1\) +# +22, 1/);
  assert.match(implicit, /\(Sequence with explicit length #=1\) +# +22, 1/);
  // Item content: an 8-byte header in both encodings for UI; the OB header differs.
  const withOb = new DataSet();
  withOb.set("EncapsulatedDocument", new Uint8Array(2), "OB");
  ds.set("ReferencedImageSequence", [withOb]);
  assert.match(dumpDataSet(ds), /#=1\) +# +22, 1 ReferencedImageSequence/);
  assert.match(dumpDataSet(ds, { explicitVr: false }), /#=1\) +# +18, 1 ReferencedImageSequence/);
});

Deno.test("dumpDataSet shows encapsulated pixel data as a pixel sequence", () => {
  const ds = new DataSet([
    DataElement.fromFragments(0x7fe00010, "OB", {
      basicOffsetTable: new Uint8Array(0),
      fragments: [new Uint8Array([0xff, 0xd8, 0xff, 0xe0])],
    }),
  ]);
  assert.equal(
    dumpDataSet(ds),
    `\
(7fe0,0010) OB (PixelSequence #=2)                      # u/l, 1 PixelData
  (fffe,e000) pi (no value available)                     #   0, 1 Item
  (fffe,e000) pi ff\\d8\\ff\\e0                              #   4, 1 Item
(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem
`,
  );
});

Deno.test("dumpDataSet honours maxValueLength and indent", () => {
  const item = new DataSet();
  item.set("StudyDescription", "B".repeat(100));
  const ds = new DataSet();
  ds.set("ReferencedStudySequence", [item]);
  ds.set("PixelData", new Uint8Array(30), "OB");
  const text = dumpDataSet(ds, { maxValueLength: Infinity, indent: "\t" });
  assert.ok(text.includes(`\t\t(0008,1030) LO [${"B".repeat(100)}] # 100, 1 StudyDescription`));
  assert.ok(text.includes(`(7fe0,0010) OB ${Array(30).fill("00").join("\\")} #  30, 1 PixelData`));
  const short = dumpDataSet(ds, { maxValueLength: 20 });
  assert.ok(short.includes(`    (0008,1030) LO ${"[BBBBBBBBBBBBBBBB...".padEnd(40)} # 100, 1`));
  assert.ok(short.includes(`(7fe0,0010) OB ${"00\\00\\00\\00\\00\\00...".padEnd(40)} #  30, 1`));
});

Deno.test("dumpDataSet shows big endian OW in its values, not its byte order", () => {
  const ds = new DataSet([
    DataElement.fromBytes(0x7fe00010, "OW", new Uint8Array([0x12, 0x34]), false),
  ]);
  assert.match(dumpDataSet(ds), /^\(7fe0,0010\) OW 1234 /);
});

Deno.test("dumpFile heads the meta and the data set with their transfer syntaxes", () => {
  const path = new URL("pydicom-v3.0.2/test_files/CT_small.dcm", FIXTURES);
  if (!existsSync(path)) return;
  const lines = dumpFile(readDicom(readFileSync(path))).split("\n");
  assert.deepEqual(lines.slice(0, 6), [
    "",
    "# Dicom-File-Format",
    "",
    "# Dicom-Meta-Information-Header",
    "# Used TransferSyntax: Little Endian Explicit",
    "(0002,0000) UL 192                                      #   4, 1 FileMetaInformationGroupLength",
  ]);
  const data = lines.indexOf("# Dicom-Data-Set");
  assert.equal(lines[data - 1], "");
  assert.equal(lines[data + 1], "# Used TransferSyntax: Little Endian Explicit");
  assert.equal(
    lines[data + 2],
    "(0008,0005) CS [ISO_IR 100]                             #  10, 1 SpecificCharacterSet",
  );
  assert.ok(lines.includes(
    "(7fe0,0010) OW 00af\\00b4\\00a6\\008f\\008b\\0098\\00a7\\00bb\\00d4\\00ec\\00e5\\00d5\\00cb... # 32768, 1 PixelData",
  ));
});

Deno.test("dumpFile dumps every fixture that reads without throwing", () => {
  const index = new URL("INDEX.tsv", FIXTURES);
  if (!existsSync(index)) return;
  const paths = readFileSync(index, "utf8").trim().split("\n").slice(1).map((l) =>
    l.split("\t")[0]
  );
  let dumped = 0;
  for (const path of paths) {
    let file;
    try {
      file = readDicom(readFileSync(new URL(path, FIXTURES)), { lenient: true });
    } catch {
      continue; // the reader's business, tested elsewhere
    }
    const text = dumpFile(file);
    assert.ok(text.includes("# Dicom-Data-Set"), path);
    dumped++;
  }
  assert.ok(dumped > 350, `only ${dumped} fixtures dumped`);
});
