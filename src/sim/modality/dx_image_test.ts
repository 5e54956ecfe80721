import assert from "node:assert/strict";
import { readDicom } from "../../codec/read_file.ts";
import { DX_IMAGE_STORAGE_FOR_PRESENTATION, dxImage } from "./dx_image.ts";
import { ctSeries } from "./ct_series.ts";

Deno.test("dxImage is byte-identical for the same options and seed", () => {
  assert.deepEqual(
    dxImage({ matrix: 32, seed: 1 }).file(),
    dxImage({ matrix: 32, seed: 1 }).file(),
  );
  assert.notDeepEqual(
    dxImage({ matrix: 32, seed: 1 }).file(),
    dxImage({ matrix: 32, seed: 2 }).file(),
  );
});

Deno.test("dxImage is a 14-bit chest PA For Presentation under the configured UID root", () => {
  const image = dxImage({ matrix: 32, uidRoot: "1.2.3", patientName: "DOE^JANE" });
  const ds = readDicom(image.file()).dataSet;
  assert.equal(ds.getString("SOPClassUID"), DX_IMAGE_STORAGE_FOR_PRESENTATION);
  assert.equal(ds.getString("SOPInstanceUID"), image.sopInstanceUid);
  assert.ok(image.sopInstanceUid.startsWith("1.2.3."));
  assert.equal(ds.getString("Modality"), "DX");
  assert.equal(ds.getString("PresentationIntentType"), "FOR PRESENTATION");
  assert.equal(ds.getString("ViewPosition"), "PA");
  assert.equal(ds.getString("PatientName"), "DOE^JANE");
  assert.equal(ds.getItems("ViewCodeSequence")[0].getString("CodeValue"), "399348003");
  assert.equal(ds.getNumber("BitsStored"), 14);
  assert.equal(image.header().has("PixelData"), false);
  const bytes = ds.getBytes("PixelData")!;
  assert.equal(bytes.length, 32 * 32 * 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (r: number, c: number) => view.getUint16((r * 32 + c) * 2, true);
  // The spine (centre column) attenuates more than the air beside the body.
  assert.ok(at(16, 16) > at(16, 0) + 2000);
});

Deno.test("dxImage belongs to the CT study of the same seed and study index", () => {
  assert.equal(
    dxImage({ matrix: 16, seed: 4 }).studyInstanceUid,
    ctSeries({ slices: 1, matrix: 16, seed: 4 }).studyInstanceUid,
  );
  assert.throws(() => dxImage({ matrix: 4 }), RangeError);
});
