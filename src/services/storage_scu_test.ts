import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readDataSet } from "../codec/read_dataset.ts";
import { readDicom } from "../codec/read_file.ts";
import { writeDicom } from "../codec/write_file.ts";
import { DataSet } from "../core/dataset.ts";
import { decodeFrame } from "../pixel/decode_frame.ts";
import { acceptAssociation } from "../net/association/accept_association.ts";
import { requestAssociation } from "../net/association/request_association.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import { storageContexts } from "./storage_contexts.ts";
import { type InstanceStore, MemoryInstanceStore, storageScp } from "./storage_scp.ts";
import {
  formatStoreSummary,
  parseInstance,
  reencodeDataSet,
  storeInstances,
  type StoreSource,
  storeToPeer,
} from "./storage_scu.ts";

const FILES = "../shared/fixtures/pydicom-v3.0.2/test_files/";
const CT_SMALL = FILES + "CT_small.dcm";
const MR_IMPLICIT = FILES + "MR_small_implicit.dcm";
const MR_BIG = FILES + "MR_small_bigendian.dcm";
const MR_RLE = FILES + "MR_small_RLE.dcm";
const SC_RLE = FILES + "SC_rgb_rle.dcm";
const BIG_ENDIAN = FILES + "ExplVR_BigEnd.dcm";
const DEFLATED = FILES + "image_dfl.dcm";
const NO_META = FILES + "ExplVR_BigEndNoMeta.dcm";
const CT = "1.2.840.10008.5.1.4.1.1.2";
const MR = "1.2.840.10008.5.1.4.1.1.4";
const ELE = "1.2.840.10008.1.2.1";
const RLE = "1.2.840.10008.1.2.5";
const JLS = "1.2.840.10008.1.2.4.80";
const DATA = "../shared/fixtures/pydicom-data/";
const JLS_FILE = DATA + "emri_small_jpeg_ls_lossless.dcm";
const J2K_FILE = DATA + "emri_small_jpeg_2k_lossless.dcm";
const RLE_FILE = DATA + "emri_small_RLE.dcm";
const SC_RGB = DATA + "SC_rgb.dcm";
/** A JPEG 2000 file whose codestream OpenJPEG refuses (its SIZ holds FFFE,E0DD bytes). */
const BROKEN_J2K = FILES + "JPEG2000-embedded-sequence-delimiter.dcm";
const ILE = "1.2.840.10008.1.2";

function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function source(path: string): StoreSource {
  return { name: path, read: () => readBytes(path) };
}

function dataSetAfterMeta(path: string): Uint8Array {
  return parseInstance(readBytes(path)).dataSet;
}

/** A storage SCP on one end of a memory pair; the other end for the SCU. */
function memoryScp(
  store: InstanceStore,
  options: { transferSyntaxes?: string[]; window?: number } = {},
) {
  const [client, server] = createMemoryPair();
  const scp = storageScp({ store, transferSyntaxes: options.transferSyntaxes });
  const accepted = acceptAssociation(server, {
    aeTitle: "SCP",
    ...scp,
    asyncOperationsWindow: { maxOperationsInvoked: options.window ?? 1, maxOperationsPerformed: 1 },
  });
  return { client, accepted };
}

Deno.test("parseInstance finds the data set after the meta and reads its SOP class and instance", () => {
  const ct = parseInstance(readBytes(CT_SMALL));
  assert.equal(ct.sopClassUid, CT);
  assert.equal(ct.sopInstanceUid, "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322");
  assert.equal(ct.transferSyntaxUid, ELE);
  const whole = readBytes(CT_SMALL);
  assert.deepEqual(ct.dataSet, whole.subarray(whole.length - ct.dataSet.length));
  assert.equal(parseInstance(readBytes(MR_BIG)).transferSyntaxUid, "1.2.840.10008.1.2.2");
  assert.equal(parseInstance(readBytes(MR_RLE)).transferSyntaxUid, "1.2.840.10008.1.2.5");
  const dfl = parseInstance(readBytes(DEFLATED));
  assert.equal(dfl.transferSyntaxUid, "1.2.840.10008.1.2.1.99");
  assert.equal(dfl.sopClassUid, "1.2.840.10008.5.1.4.1.1.7");
  const raw = parseInstance(readBytes(NO_META));
  assert.equal(raw.transferSyntaxUid, "1.2.840.10008.1.2.2");
  assert.equal(raw.sopClassUid, "1.2.840.10008.5.1.4.1.1.481.8");
  assert.equal(raw.dataSet.length, readFileSync(NO_META).length);
});

Deno.test("parseInstance refuses what is not a storable instance", () => {
  assert.throws(() => parseInstance(new TextEncoder().encode("hello, this is not DICOM at all")));
  const ds = new DataSet();
  ds.set("PatientID", "1");
  assert.throws(
    () => parseInstance(writeDicom(ds, ELE)),
    /Not a storable instance: no SOP Class UID/,
  );
});

Deno.test("reencodeDataSet moves between native syntaxes and refuses transcoding", () => {
  const implicit = dataSetAfterMeta(MR_IMPLICIT);
  const explicit = reencodeDataSet(implicit, ILE, ELE);
  const a = readDataSet(implicit, { explicitVr: false, littleEndian: true }).dataSet;
  const b = readDataSet(explicit, { explicitVr: true, littleEndian: true }).dataSet;
  assert.equal(b.getString("SOPInstanceUID"), a.getString("SOPInstanceUID"));
  assert.deepEqual(b.getBytes("PixelData"), a.getBytes("PixelData"));
  assert.equal(reencodeDataSet(implicit, ILE, ILE), implicit);
  const deflated = reencodeDataSet(explicit, ELE, "1.2.840.10008.1.2.1.99");
  assert.deepEqual(reencodeDataSet(deflated, "1.2.840.10008.1.2.1.99", ELE), explicit);
  assert.throws(
    () => reencodeDataSet(dataSetAfterMeta(MR_RLE), "1.2.840.10008.1.2.5", ELE),
    /Cannot transcode from RLE Lossless/,
  );
});

Deno.test("storeToPeer sends data sets byte for byte and the SCP stores them as Part 10", async () => {
  const store = new MemoryInstanceStore();
  const { client } = memoryScp(store);
  const paths = [CT_SMALL, MR_IMPLICIT, SC_RLE, DEFLATED, BIG_ENDIAN];
  const results: string[] = [];
  const summary = await storeToPeer({
    transport: client,
    calledAeTitle: "SCP",
    sources: paths.map(source),
    fallbacks: false, // each file in its own syntax (our SCP would prefer Explicit VR LE)
    onResult: (r) => results.push(r.outcome),
  });
  assert.equal(summary.failed, 0, JSON.stringify(summary.results));
  assert.equal(summary.stored, 5);
  assert.equal(summary.associations, 1);
  assert.deepEqual(results, new Array(5).fill("success"));
  for (const path of paths) {
    const sent = parseInstance(readBytes(path));
    const file = store.files.get(sent.sopInstanceUid)!;
    const received = parseInstance(file);
    assert.equal(received.transferSyntaxUid, sent.transferSyntaxUid, path);
    // An odd-length deflated data set travels with a NUL pad byte (PS3.5 A.5).
    const pad = sent.dataSet.length & 1 && path === DEFLATED ? [0] : [];
    assert.deepEqual(received.dataSet, new Uint8Array([...sent.dataSet, ...pad]), path);
    const meta = readDicom(file).meta;
    assert.equal(meta.getString("MediaStorageSOPInstanceUID"), sent.sopInstanceUid);
    assert.equal(meta.getString("SourceApplicationEntityTitle"), "DICOMSIM");
  }
  const sizes = paths.map((p) => dataSetAfterMeta(p).length);
  assert.equal(summary.bytes, sizes.reduce((n, size) => n + size + (size & 1 ? 1 : 0), 0));
  assert.match(
    formatStoreSummary(summary),
    /^Sent 5 of 5 instances \(0 with warnings\), 0 failed, /,
  );
});

Deno.test("a native file is re-encoded when the peer lacks its syntax; a compressed one is decompressed", async () => {
  const store = new MemoryInstanceStore();
  const { client } = memoryScp(store, { transferSyntaxes: [ELE] });
  const summary = await storeToPeer({
    transport: client,
    calledAeTitle: "SCP",
    sources: [source(MR_IMPLICIT), source(MR_RLE), {
      name: "broken",
      read: () => new Uint8Array(3),
    }],
  });
  assert.equal(summary.stored, 2);
  assert.equal(summary.failed, 1);
  assert.equal(summary.transcoded, 1);
  const [implicit, rle, broken] = summary.results;
  assert.equal(implicit.transferSyntaxUid, ELE);
  assert.equal(implicit.transcoded, undefined);
  const received = readDicom(store.files.get(implicit.sopInstanceUid!)!);
  assert.equal(received.transferSyntaxUid, ELE);
  const original = readDicom(readBytes(MR_IMPLICIT)).dataSet;
  assert.deepEqual(received.dataSet.getBytes("PixelData"), original.getBytes("PixelData"));
  assert.deepEqual(rle.transcoded, { from: RLE, to: ELE });
  assert.match(broken.message!, /^Cannot read: /);
  const text = formatStoreSummary(summary);
  assert.match(text, /^Sent 2 of 3 instances \(0 with warnings\), 1 failed, .*, 1 transcoded\n/);
  assert.match(text, /Transcoded .*MR_small_RLE\.dcm: RLE Lossless -> Explicit VR Little Endian$/);
});

async function framesOf(file: { dataSet: DataSet; transferSyntaxUid: string }) {
  const n = Math.max(1, file.dataSet.getNumber("NumberOfFrames") ?? 1);
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push([...await decodeFrame(file.dataSet, file.transferSyntaxUid, i)]);
  }
  return out;
}

Deno.test("an SCP taking only Explicit VR LE receives JPEG-LS, JPEG 2000 and RLE decompressed", async () => {
  const store = new MemoryInstanceStore();
  const { client } = memoryScp(store, { transferSyntaxes: [ELE] });
  const paths = [JLS_FILE, J2K_FILE, RLE_FILE, SC_RLE, BROKEN_J2K];
  const summary = await storeToPeer({
    transport: client,
    calledAeTitle: "SCP",
    sources: paths.map(source),
  });
  assert.equal(summary.stored, 4, JSON.stringify(summary.results));
  assert.equal(summary.transcoded, 4);
  for (const [i, path] of paths.slice(0, 4).entries()) {
    const r = summary.results[i];
    const original = readDicom(readBytes(path), { lenient: true });
    assert.deepEqual(r.transcoded, { from: original.transferSyntaxUid, to: ELE });
    const received = readDicom(store.files.get(r.sopInstanceUid!)!);
    assert.equal(received.transferSyntaxUid, ELE);
    assert.equal(received.dataSet.get(0x7fe00010)?.isEncapsulated, false);
    assert.deepEqual(await framesOf(received), await framesOf(original), path);
  }
  // A frame the codec cannot decode fails that instance alone, naming the frame.
  const bad = summary.results[4];
  assert.equal(bad.outcome, "failure");
  assert.match(bad.message!, /^Cannot transcode to 1\.2\.840\.10008\.1\.2\.1: .*frame 0/);
  assert.equal(bad.transcoded, undefined);
});

Deno.test("an SCP taking only JPEG-LS lossless receives a JPEG-LS file of the original pixels", async () => {
  const store = new MemoryInstanceStore();
  const { client } = memoryScp(store, { transferSyntaxes: [JLS] });
  const paths = [CT_SMALL, SC_RGB, RLE_FILE];
  const summary = await storeToPeer({
    transport: client,
    calledAeTitle: "SCP",
    sources: paths.map(source),
    compressTo: [JLS],
  });
  assert.equal(summary.stored, 3, JSON.stringify(summary.results));
  for (const [i, path] of paths.entries()) {
    const r = summary.results[i];
    const original = readDicom(readBytes(path));
    assert.deepEqual(r.transcoded, { from: original.transferSyntaxUid, to: JLS });
    const received = readDicom(store.files.get(r.sopInstanceUid!)!);
    assert.equal(received.transferSyntaxUid, JLS);
    assert.equal(received.dataSet.getString("LossyImageCompression"), "00");
    assert.deepEqual(await framesOf(received), await framesOf(original), path);
  }
});

Deno.test("a compressed file goes as it is when the peer takes its syntax too", async () => {
  const store = new MemoryInstanceStore();
  const { client } = memoryScp(store, { transferSyntaxes: [ELE, RLE] });
  const summary = await storeToPeer({
    transport: client,
    calledAeTitle: "SCP",
    sources: [source(RLE_FILE)],
  });
  assert.equal(summary.stored, 1);
  assert.equal(summary.transcoded, 0);
  assert.equal(summary.results[0].transferSyntaxUid, RLE);
  assert.equal(summary.results[0].transcoded, undefined);
  assert.doesNotMatch(formatStoreSummary(summary), /transcoded/i);
});

Deno.test("storeInstances pipelines up to the negotiated window", async () => {
  let outstanding = 0;
  let most = 0;
  const inner = new MemoryInstanceStore();
  const slow: InstanceStore = {
    begin: (instance) => {
      const writer = inner.begin(instance);
      outstanding++;
      most = Math.max(most, outstanding);
      return {
        write: (chunk) => writer.write(chunk),
        commit: async () => {
          await new Promise((resolve) => setTimeout(resolve, 15));
          outstanding--;
          return await writer.commit();
        },
        abort: () => writer.abort(),
      };
    },
  };
  const { client } = memoryScp(slow, { window: 4 });
  const bytes = readBytes(CT_SMALL);
  const sources: StoreSource[] = [];
  for (let i = 0; i < 10; i++) {
    const ds = readDicom(bytes).dataSet;
    ds.set("SOPInstanceUID", `1.2.3.${i}`);
    const file = writeDicom(ds, ELE);
    sources.push({ name: `ct${i}`, read: () => file });
  }
  const association = await requestAssociation({
    transport: client,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: storageContexts([{ sopClassUid: CT, transferSyntaxUid: ELE }]),
    asyncOperationsWindow: { maxOperationsInvoked: 8, maxOperationsPerformed: 1 },
  });
  const results = await storeInstances(association, sources);
  await association.release();
  assert.deepEqual(results.map((r) => r.outcome), new Array(10).fill("success"));
  assert.equal(inner.files.size, 10);
  assert.equal(most, 4);
});

Deno.test("an instance of a SOP class the peer refused fails; a cancelled run fails the rest", async () => {
  const store = new MemoryInstanceStore();
  const { client } = memoryScp(store);
  const association = await requestAssociation({
    transport: client,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: MR, transferSyntaxes: [ELE] }],
  });
  const controller = new AbortController();
  const results = await storeInstances(association, [
    source(CT_SMALL),
    { name: "stop", read: () => (controller.abort(), readBytes(CT_SMALL)) },
    source(CT_SMALL),
  ], { signal: controller.signal });
  await association.release();
  assert.match(results[0].message!, /No presentation context accepted for SOP class/);
  // The second file is read ahead while the first is handled: both after it are cancelled.
  assert.equal(results[1].message, "Cancelled");
  assert.equal(results[2].message, "Cancelled");
});
