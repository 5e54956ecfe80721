import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readDicom } from "../codec/read_file.ts";
import { instanceFromPart10, instanceToPart10, Part10FormatError } from "./encoded_instance.ts";

const CT = "../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm";

Deno.test("a Part 10 file splits into meta and data set bytes and back, data set unchanged", () => {
  const bytes = new Uint8Array(readFileSync(CT));
  const instance = instanceFromPart10(bytes);
  assert.equal(instance.sopClassUid, "1.2.840.10008.5.1.4.1.1.2");
  assert.equal(instance.transferSyntaxUid, "1.2.840.10008.1.2.1");
  assert.equal(instance.dataSet.buffer, bytes.buffer); // a view, not a copy
  const again = instanceToPart10(instance);
  const file = readDicom(again);
  assert.deepEqual(file.warnings, []);
  assert.equal(file.meta.getString("MediaStorageSOPInstanceUID"), instance.sopInstanceUid);
  assert.equal(file.dataSet.getString("PatientName"), "CompressedSamples^CT1");
  assert.deepEqual(again.subarray(again.length - instance.dataSet.length), instance.dataSet);
  assert.deepEqual(instanceFromPart10(again), instance);
});

Deno.test("instanceFromPart10 leaves out Data Set Trailing Padding (FFFC,FFFC)", () => {
  const bytes = new Uint8Array(readFileSync(CT));
  assert.ok(readDicom(bytes).dataSet.has(0xfffcfffc)); // CT_small.dcm has some
  const instance = instanceFromPart10(bytes);
  const file = readDicom(instanceToPart10(instance));
  assert.equal(file.dataSet.has(0xfffcfffc), false);
  assert.equal(file.dataSet.size, readDicom(bytes).dataSet.size - 1);
});

Deno.test("instanceFromPart10 refuses bytes without DICM or without the meta UIDs", () => {
  assert.throws(() => instanceFromPart10(new Uint8Array(200)), Part10FormatError);
  const noUids = new Uint8Array(132 + 12);
  noUids.set([0x44, 0x49, 0x43, 0x4d], 128);
  // (0002,0001) OB length 0
  noUids.set([2, 0, 1, 0, 0x4f, 0x42, 0, 0, 0, 0, 0, 0], 132);
  assert.throws(() => instanceFromPart10(noUids), /lacks the Media Storage SOP Class UID/);
});
