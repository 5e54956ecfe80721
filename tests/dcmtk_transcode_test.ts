/**
 * Transcoding on the network against DCMTK storescp: `dicomsim store` decompresses JPEG 2000
 * files for a storescp that takes only uncompressed syntaxes (its default), and compresses an
 * uncompressed file to JPEG-LS lossless for a storescp configured (-xf) to take only that. The
 * received files are read back by dcmdump, pydicom and dcmdjpls and compared with our decoding.
 * Peers run on 127.0.0.1 with ephemeral ports and TCP_NODELAY=1, stopped by PID.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/main.ts";
import { readDicom } from "../src/codec/read_file.ts";
import type { DataSet } from "../src/core/dataset.ts";
import { decodeFrame } from "../src/pixel/decode_frame.ts";
import { parseInstance } from "../src/services/storage_scu.ts";
import { freePort, runDcmtk, startDcmtkServer } from "./_dcmtk.ts";
import { fixture } from "./_fixtures.ts";
import { requirePeer } from "./_peers.ts";

const J2K_MR = fixture("pydicom-data/emri_small_jpeg_2k_lossless.dcm"); // 10 frames, 16-bit
const J2K_US = fixture("pydicom-data/US1_J2KR.dcm"); // colour, YBR_RCT
const NATIVE_CT = fixture("pydicom-v3.0.2/test_files/CT_small.dcm");
const ELE = "1.2.840.10008.1.2.1";
const JLS = "1.2.840.10008.1.2.4.80";
const TIMEOUT_MS = 30_000;

function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Files in a folder by the SOP Instance UID of their content. */
function receivedByUid(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out.set(parseInstance(readBytes(path), path).sopInstanceUid, path);
  }
  return out;
}

/** Every frame, colour-by-pixel, one number array per frame. */
async function frames(ds: DataSet, tsUid: string): Promise<number[][]> {
  const n = Math.max(1, ds.getNumber("NumberOfFrames") ?? 1);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push([...await decodeFrame(ds, tsUid, i)]);
  return out;
}

/** pydicom's pixel_array of a file, flattened, with its photometric interpretation. */
function pydicomPixels(path: string): { pixels: number[]; photometric: string; ts: string } {
  const script = "import json,sys,pydicom\n" +
    "ds=pydicom.dcmread(sys.argv[1])\n" +
    "print(json.dumps({'pixels':ds.pixel_array.ravel().tolist(),'photometric':" +
    "ds.PhotometricInterpretation,'ts':ds.file_meta.TransferSyntaxUID}))";
  const r = spawnSync("/usr/bin/python3", ["-c", script, path], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
    timeout: TIMEOUT_MS,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function store(port: number, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["store", `127.0.0.1:${port}`, ...args, "--aec", "STORESCP"], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

Deno.test("dicomsim store decompresses JPEG 2000 for a storescp that takes only uncompressed", async () => {
  if (!requirePeer("dcmdump")) return;
  const withPydicom = requirePeer("pydicom");
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-transcode-"));
  const port = await freePort();
  // Without +xa, storescp accepts only the uncompressed syntaxes; +xe prefers Explicit VR LE.
  const peer = await startDcmtkServer(
    "storescp",
    ["--output-directory", dir, "--aetitle", "STORESCP", "+xe", String(port)],
    port,
  );
  try {
    const { code, out, err } = await store(port, [J2K_MR, J2K_US]);
    assert.equal(code, 0, err);
    assert.match(out, /^Sent 2 of 2 instances \(0 with warnings\), 0 failed, .*, 2 transcoded$/m);
    assert.match(
      out,
      /Transcoded .*emri_small_jpeg_2k_lossless\.dcm: JPEG 2000 Image Compression \(Lossless Only\) -> Explicit VR Little Endian/,
    );
    assert.match(out, /Transcoded .*US1_J2KR\.dcm: /);
    const received = receivedByUid(dir);
    assert.equal(received.size, 2);
    for (const sent of [J2K_MR, J2K_US]) {
      const original = readDicom(readBytes(sent));
      const path = received.get(original.dataSet.getString("SOPInstanceUID")!)!;
      const dump = await runDcmtk("dcmdump", ["-q", path], TIMEOUT_MS);
      assert.equal(dump.code, 0, dump.output);
      assert.match(dump.output, /\(0002,0010\) UI =LittleEndianExplicit/);
      assert.match(dump.output, /\(7fe0,0010\) O[BW] [0-9a-f\\]+/);
      assert.doesNotMatch(dump.output, /PixelSequence/, "not encapsulated");
      const got = readDicom(readBytes(path));
      assert.equal(got.transferSyntaxUid, ELE);
      const ours = await frames(original.dataSet, original.transferSyntaxUid);
      assert.deepEqual(await frames(got.dataSet, got.transferSyntaxUid), ours, sent);
      if (sent === J2K_US) assert.equal(got.dataSet.getString("PhotometricInterpretation"), "RGB");
      if (!withPydicom) continue;
      const py = pydicomPixels(path);
      assert.equal(py.ts, ELE);
      assert.equal(py.photometric, got.dataSet.getString("PhotometricInterpretation"));
      assert.deepEqual(py.pixels, ours.flat(), `pydicom: ${sent}`);
    }
  } finally {
    await peer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("dicomsim store --compress-to compresses for a storescp that takes only JPEG-LS lossless", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-transcode-"));
  const config = join(dir, "jls_only.cfg");
  const received = join(dir, "in");
  writeFileSync(
    config,
    [
      "[[TransferSyntaxes]]",
      "[JlsOnly]",
      "TransferSyntax1 = JPEGLSLossless",
      "[Uncompressed]",
      "TransferSyntax1 = LittleEndianImplicit",
      "[[PresentationContexts]]",
      "[JlsOnlySCP]",
      "PresentationContext1 = VerificationSOPClass\\Uncompressed",
      "PresentationContext2 = CTImageStorage\\JlsOnly",
      "[[Profiles]]",
      "[Default]",
      "PresentationContexts = JlsOnlySCP",
      "",
    ].join("\n"),
  );
  mkdirSync(received);
  const port = await freePort();
  const peer = await startDcmtkServer(
    "storescp",
    [
      "--output-directory",
      received,
      "--aetitle",
      "STORESCP",
      "-xf",
      config,
      "Default",
      String(port),
    ],
    port,
  );
  try {
    // A syntax without a lossless encoder is a usage error.
    for (const bad of ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.81", ELE, "nonsense"]) {
      assert.equal((await store(port, [NATIVE_CT, "--compress-to", bad])).code, 2, bad);
    }
    // Without --compress-to nothing the peer takes is proposed.
    const refused = await store(port, [NATIVE_CT]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /No presentation context accepted/);
    const { code, out, err } = await store(port, [NATIVE_CT, "--compress-to", JLS]);
    assert.equal(code, 0, err);
    assert.match(out, /, 1 transcoded$/m);
    assert.match(out, /CT_small\.dcm: Explicit VR Little Endian -> JPEG-LS Lossless/);
    const files = readdirSync(received);
    assert.equal(files.length, 1);
    const path = join(received, files[0]);
    const got = readDicom(readBytes(path));
    assert.equal(got.transferSyntaxUid, JLS);
    const original = readDicom(readBytes(NATIVE_CT));
    const ours = await frames(original.dataSet, original.transferSyntaxUid);
    assert.deepEqual(await frames(got.dataSet, got.transferSyntaxUid), ours);
    // DCMTK's own JPEG-LS decoder gives the original pixels back.
    const plain = join(dir, "plain.dcm");
    const dj = await runDcmtk("dcmdjpls", [path, plain], TIMEOUT_MS);
    assert.equal(dj.code, 0, dj.output);
    const back = readDicom(readBytes(plain));
    assert.deepEqual(await frames(back.dataSet, back.transferSyntaxUid), ours);
    assert.equal(back.dataSet.getString("LossyImageCompression"), "00");
  } finally {
    await peer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
