import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import {
  createFsInstanceStore,
  fileSource,
  fileSources,
  instanceFileName,
  listFiles,
  ReadBufferPool,
  sanitiseFileName,
} from "./instance_store_fs.ts";
import type { IncomingInstance } from "./storage_scp.ts";

function instance(uid: string): IncomingInstance {
  return {
    sopClassUid: "1.2.840.10008.5.1.4.1.1.2",
    sopInstanceUid: uid,
    transferSyntaxUid: "1.2.840.10008.1.2.1",
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
  };
}

function withTempDir(fn: (dir: string) => Promise<void> | void): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "dicomsim-store-"));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

Deno.test("sanitiseFileName keeps UIDs and makes anything else a safe, visible name", () => {
  assert.equal(sanitiseFileName("1.2.840.10008.5.1.4.1.1.2"), "1.2.840.10008.5.1.4.1.1.2");
  assert.equal(sanitiseFileName("1.2.3\0"), "1.2.3");
  assert.equal(sanitiseFileName("../../etc/passwd"), "_._.._etc_passwd");
  assert.equal(sanitiseFileName(""), "_");
  assert.equal(sanitiseFileName(".."), "_.");
  assert.equal(instanceFileName("1.2.3"), "1.2.3.dcm");
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
    const name = sanitiseFileName(text);
    assert.match(name, /^[0-9A-Za-z_-][0-9A-Za-z._-]*$/);
    assert.ok(name.length <= 200);
  }));
});

Deno.test(
  "the fs store writes under a temporary name and renames on commit",
  withTempDir(async (dir) => {
    const store = createFsInstanceStore(dir, { flushBytes: 4 });
    const writer = store.begin(instance("1.2.3"));
    writer.write(new Uint8Array([1, 2, 3]));
    writer.write(new Uint8Array([4, 5, 6]));
    writer.write(new Uint8Array([7]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(existsSync(join(dir, "1.2.3.dcm")), false);
    assert.equal(readdirSync(dir).length, 1); // the hidden temporary file
    const path = await writer.commit();
    assert.equal(path, join(dir, "1.2.3.dcm"));
    assert.deepEqual([...readFileSync(path)], [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(readdirSync(dir), ["1.2.3.dcm"]);
    // A second copy of the same instance replaces the first.
    const again = store.begin(instance("1.2.3"));
    again.write(new Uint8Array([9]));
    await again.commit();
    assert.deepEqual([...readFileSync(path)], [9]);
    await assert.rejects(again.commit(), /already finished/);
  }),
);

Deno.test(
  "abort removes the temporary file; a missing folder fails the commit",
  withTempDir(async (dir) => {
    const store = createFsInstanceStore(dir, { sync: false });
    const writer = store.begin(instance("4.5"));
    writer.write(new Uint8Array(100));
    await writer.abort();
    await writer.abort();
    assert.deepEqual(readdirSync(dir), []);
    const missing = createFsInstanceStore(join(dir, "nope"));
    const orphan = missing.begin(instance("6"));
    orphan.write(new Uint8Array(1));
    await assert.rejects(orphan.commit(), /ENOENT|No such file/);
    await orphan.abort();
  }),
);

Deno.test(
  "listFiles walks folders in name order and skips hidden entries; fileSource reads",
  withTempDir(async (dir) => {
    mkdirSync(join(dir, "b"));
    mkdirSync(join(dir, ".hidden"));
    writeFileSync(join(dir, "b", "2.dcm"), new Uint8Array([2]));
    writeFileSync(join(dir, "a.dcm"), new Uint8Array(70_000).fill(1));
    writeFileSync(join(dir, ".x.part"), new Uint8Array([0]));
    writeFileSync(join(dir, ".hidden", "3.dcm"), new Uint8Array([3]));
    const files = listFiles([dir, join(dir, ".x.part")]);
    assert.deepEqual(files, [join(dir, "a.dcm"), join(dir, "b", "2.dcm"), join(dir, ".x.part")]);
    assert.throws(() => listFiles([join(dir, "missing")]));
    const source = fileSource(join(dir, "a.dcm"));
    assert.equal((await source.read()).length, 70_000);
    assert.equal((await source.readHeader!()).length, 16 * 1024);
    assert.deepEqual([...await fileSource(join(dir, "b", "2.dcm")).readHeader!()], [2]);
    // Sources sharing a pool read into the buffer the previous one gave back.
    const [a, b] = fileSources([join(dir, "a.dcm"), join(dir, "b", "2.dcm")]);
    const first = await a.read();
    a.release!();
    const second = await b.read();
    assert.equal(second.buffer, first.buffer);
    assert.deepEqual([...second], [2]);
    b.release!();
    const pool = new ReadBufferPool();
    const buffer = pool.take(100);
    assert.ok(buffer.length >= 100);
    pool.give(buffer);
    assert.equal(pool.take(50), buffer);
    assert.notEqual(pool.take(50), buffer);
  }),
);
