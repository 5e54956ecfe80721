import { DataSet } from "../src/core/dataset.ts";
import { dumpDataSet } from "../src/codec/dump.ts";
  const item = new DataSet();
  item.set("StudyDescription", "B".repeat(100));
  const ds = new DataSet();
  ds.set("ReferencedStudySequence", [item]);
  ds.set("PixelData", new Uint8Array(30), "OB");
console.log(JSON.stringify(dumpDataSet(ds, { maxValueLength: 20 })));
