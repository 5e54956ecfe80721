import { writeFileSync } from "node:fs";
import { DataSet } from "../src/core/dataset.ts";
import { DataElement } from "../src/core/element.ts";
import { dumpDataSet } from "../src/codec/dump.ts";
import { writeDicom } from "../src/codec/write_file.ts";
export function sample(): DataSet {
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
  const item2 = new DataSet();
  item2.undefinedLength = true;
  item2.set("CodeValue", "T-D1100");
  const seq = ds.set("AnatomicRegionSequence", [item2]);
  seq.undefinedLength = true;
  ds.set("StudyDescription", "A".repeat(80));
  ds.set("FrameIncrementPointer", [0x00181063], "AT");
  ds.set("Rows", 2);
  ds.set("Columns", 2);
  ds.set("PixelSpacing", ["0.5", "0.5"]);
  ds.set("RescaleIntercept", "-1024");
  ds.set("LUTData", Array.from({ length: 40 }, (_, i) => i * 100), "US");
  ds.set(0x00091002, [1.5, -0.1], "FL");
  ds.set(0x00091003, "line 1\r\nline 2", "UT");
  ds.set("PixelData", new Uint8Array(Array.from({ length: 64 }, (_, i) => i)), "OW");
  return ds;
}
if (import.meta.main) {
  const ds = sample();
  console.log(dumpDataSet(ds));
  writeFileSync("/tmp/sample.dcm", writeDicom(ds, "1.2.840.10008.1.2.1"));
}
