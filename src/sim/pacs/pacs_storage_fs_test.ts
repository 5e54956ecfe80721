import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFsPacsStorage } from "./pacs_storage_fs.ts";

Deno.test("fs PACS storage keeps a SOP Instance UID full of ../ inside the folder", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-pacs-fs-"));
  try {
    const storage = createFsPacsStorage(join(dir, "store"), { sync: false });
    const writer = storage.store.begin({
      sopClassUid: "1.2",
      sopInstanceUid: "../../../evil",
      transferSyntaxUid: "1.2.840.10008.1.2.1",
      callingAeTitle: "A",
      calledAeTitle: "B",
    });
    writer.write(new Uint8Array([1, 2, 3]));
    const location = await writer.commit();
    assert.ok(location.startsWith(join(dir, "store")));
    assert.deepEqual(readdirSync(dir), ["store"]);
    assert.deepEqual(await storage.list(), [location]);
    assert.deepEqual([...await storage.read(location)], [1, 2, 3]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("fs PACS storage removes leftover temporary files when listing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-pacs-fs-"));
  try {
    writeFileSync(join(dir, ".1.2.dcm.1.abc.part"), "half");
    writeFileSync(join(dir, "1.3.dcm"), "whole");
    const storage = createFsPacsStorage(dir);
    assert.deepEqual(await storage.list(), [join(dir, "1.3.dcm")]);
    assert.deepEqual(readdirSync(dir), ["1.3.dcm"]);
    await storage.remove(join(dir, "1.3.dcm"));
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
