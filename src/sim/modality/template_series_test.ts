import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { DataSet } from "../../core/dataset.ts";
import { formatTag } from "../../core/tag.ts";
import { readDicom } from "../../codec/read_file.ts";
import { reidentifyInstance, templateSeries, templateUid } from "./template_series.ts";

const DIR = new URL("../../../../shared/fixtures/pacsman-series/dicomseries/", import.meta.url)
  .pathname;

function seriesFiles(limit = 8): Uint8Array[] {
  const names = readdirSync(DIR).filter((n) => n.endsWith(".dcm")).sort().slice(0, limit);
  return names.map((n) => new Uint8Array(readFileSync(join(DIR, n))));
}

Deno.test("templateSeries gives one new Study, Series and Frame of Reference UID per set", () => {
  const files = seriesFiles();
  const out = templateSeries(files, { seed: 3, run: 1 });
  const before = files.map((f) => readDicom(f).dataSet);
  const series = new Set(out.map((o) => o.dataSet.getString("SeriesInstanceUID")));
  const studies = new Set(out.map((o) => o.dataSet.getString("StudyInstanceUID")));
  const frames = new Set(out.map((o) => o.dataSet.getString("FrameOfReferenceUID")));
  assert.equal(series.size, 1);
  assert.equal(studies.size, 1);
  assert.equal(frames.size, 1);
  assert.notEqual([...series][0], before[0].getString("SeriesInstanceUID"));
  assert.notEqual([...studies][0], before[0].getString("StudyInstanceUID"));
  assert.notEqual([...frames][0], before[0].getString("FrameOfReferenceUID"));
  const sops = new Set(out.map((o) => o.dataSet.getString("SOPInstanceUID")));
  assert.equal(sops.size, files.length);
  for (let i = 0; i < out.length; i++) {
    assert.notEqual(
      out[i].dataSet.getString("SOPInstanceUID"),
      before[i].getString("SOPInstanceUID"),
    );
    for (const uid of [...sops, ...series, ...studies]) assert.ok(uid!.length <= 64);
  }
});

Deno.test("templateSeries remaps references to instances of the set inside sequences", () => {
  const [file] = seriesFiles(1);
  const [out] = templateSeries([file], { seed: 1, run: 0 });
  const ref = out.dataSet.getItems("ReferencedPerformedProcedureStepSequence")[0];
  assert.equal(
    ref.getString("ReferencedSOPInstanceUID"),
    out.dataSet.getString("SOPInstanceUID"),
  );
  assert.equal(ref.getString("ReferencedSOPClassUID"), out.dataSet.getString("SOPClassUID"));
});

Deno.test("reidentifyInstance leaves references outside the set unchanged", () => {
  const ds = new DataSet();
  ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.7");
  ds.set("SOPInstanceUID", "1.2.3.1");
  const item = new DataSet();
  item.set("ReferencedSOPInstanceUID", "1.2.3.99");
  ds.set("ReferencedImageSequence", [item]);
  const out = reidentifyInstance(ds, { seed: 1 });
  assert.equal(
    out.dataSet.getItems("ReferencedImageSequence")[0].getString("ReferencedSOPInstanceUID"),
    "1.2.3.99",
  );
  assert.equal(ds.getString("SOPInstanceUID"), "1.2.3.1"); // input not modified
  assert.equal(out.dataSet.getString("SOPClassUID"), "1.2.840.10008.5.1.4.1.1.7");
});

Deno.test("templateSeries is deterministic for a seed and run and differs between runs", () => {
  const files = seriesFiles(3);
  const a = templateSeries(files, { seed: "load", run: 4 }).map((o) => o.file());
  const b = templateSeries(files, { seed: "load", run: 4 }).map((o) => o.file());
  const c = templateSeries(files, { seed: "load", run: 5 });
  assert.deepEqual(a, b);
  assert.notEqual(
    c[0].dataSet.getString("SOPInstanceUID"),
    readDicom(a[0]).dataSet.getString("SOPInstanceUID"),
  );
});

Deno.test("template files keep every other element and the pixel bytes, with new meta UID", () => {
  const [file] = seriesFiles(1);
  const out = reidentifyInstance(file, { seed: 2, run: 0, patientName: "LOAD^TEST" });
  const pixels = out.dataSet.getBytes("PixelData")!;
  assert.equal(pixels.buffer, file.buffer); // zero-copy view into the input
  const written = readDicom(out.file());
  const original = readDicom(file);
  assert.equal(
    written.meta.getString("MediaStorageSOPInstanceUID"),
    written.dataSet.getString("SOPInstanceUID"),
  );
  assert.equal(written.transferSyntaxUid, original.transferSyntaxUid);
  assert.equal(written.dataSet.getString("PatientName"), "LOAD^TEST");
  assert.deepEqual(written.dataSet.getBytes("PixelData"), original.dataSet.getBytes("PixelData"));
  const changed = new Set([
    "(0008,0018)",
    "(0020,000D)",
    "(0020,000E)",
    "(0020,0052)",
    "(0008,1111)",
    "(0010,0010)",
  ]);
  const tags = (ds: DataSet) => ds.elements().map((e) => e.tag);
  assert.deepEqual(tags(written.dataSet), tags(original.dataSet));
  for (const e of original.dataSet.elements()) {
    const hex = formatTag(e.tag);
    if (changed.has(hex)) continue;
    assert.deepEqual(written.dataSet.get(e.tag)!.bytesLittleEndian(), e.bytesLittleEndian(), hex);
  }
});

Deno.test("templateUid gives valid UIDs within 64 characters for any old UID and run", () => {
  fc.assert(fc.property(
    fc.stringMatching(/^[1-9][0-9]{0,8}(\.[1-9][0-9]{0,8}){0,6}$/),
    fc.nat(100000),
    fc.constantFrom("1.2.3", "2.25.213587650143283792", "1.2.826.0.1.3680043.8.498.1234567"),
    (old, run, uidRoot) => {
      const uid = templateUid(old, { run, uidRoot, seed: "s" });
      assert.ok(uid.length <= 64, uid);
      assert.match(uid, /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/);
      assert.ok(uid.startsWith(uidRoot + "."));
    },
  ));
});
