import assert from "node:assert/strict";
import { readDicom } from "../../codec/read_file.ts";
import { MODALITY_KINDS, simulatedSeries, templateAsSeries } from "./simulated_series.ts";

const SMALL = { slices: 2, matrix: 16, frames: 2, rows: 16, columns: 24, seed: 3 };

Deno.test("simulatedSeries gives every kind one shape, with headers matching the files", () => {
  const modalities: string[] = [];
  for (const kind of MODALITY_KINDS) {
    const series = simulatedSeries(kind, SMALL);
    modalities.push(series.modality);
    const last = series.count - 1;
    const header = series.header(last);
    assert.equal(header.has("PixelData"), false, kind);
    const file = readDicom(series.file(last)).dataSet;
    assert.equal(file.getString("SOPInstanceUID"), series.sopInstanceUid(last), kind);
    assert.equal(file.getString("SOPClassUID"), series.sopClassUid(last), kind);
    assert.deepEqual(series.sopClassUids, [series.sopClassUid(0)]);
    assert.equal(file.getString("StudyInstanceUID"), series.studyInstanceUid, kind);
    assert.equal(header.getString("Modality"), series.modality, kind);
  }
  assert.deepEqual(modalities, ["CT", "MR", "CR", "DX", "US", "OT"]);
  assert.throws(() => simulatedSeries("dx", SMALL).file(1), RangeError);
});

Deno.test("templateAsSeries re-identifies files per run", () => {
  const files = [0, 1].map((i) => simulatedSeries("ct", SMALL).file(i));
  const a = templateAsSeries(files, { run: 0 });
  const b = templateAsSeries(files, { run: 1 });
  assert.equal(a.count, 2);
  assert.equal(a.modality, "CT");
  assert.notEqual(a.studyInstanceUid, b.studyInstanceUid);
  assert.equal(readDicom(a.file(1)).dataSet.getString("SOPInstanceUID"), a.sopInstanceUid(1));
  assert.throws(() => templateAsSeries([]), RangeError);
});
