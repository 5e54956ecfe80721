import assert from "node:assert/strict";
import { readDicom } from "../../codec/read_file.ts";
import { CR_IMAGE_STORAGE, crImage } from "./cr_image.ts";

Deno.test("crImage is byte-identical for the same options and seed", () => {
  assert.deepEqual(
    crImage({ matrix: 32, seed: 1 }).file(),
    crImage({ matrix: 32, seed: 1 }).file(),
  );
  assert.notDeepEqual(
    crImage({ matrix: 32, seed: 1 }).file(),
    crImage({ matrix: 32, seed: 2 }).file(),
  );
});

Deno.test("crImage is a 12-bit CR chest AP projection", () => {
  const image = crImage({ matrix: 32 });
  const ds = readDicom(image.file()).dataSet;
  assert.equal(ds.getString("SOPClassUID"), CR_IMAGE_STORAGE);
  assert.equal(ds.getString("SOPInstanceUID"), image.sopInstanceUid);
  assert.equal(ds.getString("Modality"), "CR");
  assert.equal(ds.getString("ViewPosition"), "AP");
  assert.equal(ds.getString("BodyPartExamined"), "CHEST");
  assert.equal(ds.getNumber("BitsStored"), 12);
  const bytes = ds.getBytes("PixelData")!;
  assert.equal(bytes.length, 32 * 32 * 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (r: number, c: number) => view.getUint16((r * 32 + c) * 2, true);
  // The spine (centre column) attenuates more than the air beside the body.
  assert.ok(at(16, 16) > at(16, 0) + 500);
});
