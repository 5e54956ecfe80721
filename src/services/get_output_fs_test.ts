import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDicom } from "../codec/read_file.ts";
import { testInstance } from "./_qr_test_kit.ts";
import { instanceFileName, writeInstanceFile } from "./get_output_fs.ts";

Deno.test("instanceFileName keeps UIDs and defuses path characters", () => {
  assert.equal(instanceFileName("1.2.840.1"), "1.2.840.1.dcm");
  assert.equal(instanceFileName("../../etc/passwd"), "_._.._etc_passwd.dcm");
  assert.equal(instanceFileName(""), "_.dcm");
});

Deno.test("writeInstanceFile writes a readable Part 10 file into a new folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-get-"));
  try {
    const { encoded } = testInstance(1, 2, 3, 4);
    const path = writeInstanceFile(join(dir, "sub"), encoded);
    assert.equal(path, join(dir, "sub", `${encoded.sopInstanceUid}.dcm`));
    const file = readDicom(readFileSync(path));
    assert.equal(file.dataSet.getString("SOPInstanceUID"), encoded.sopInstanceUid);
    assert.equal(file.transferSyntaxUid, encoded.transferSyntaxUid);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
