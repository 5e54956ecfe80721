/**
 * The generated CT series against outside readers: DCMTK dcmdump reads every file, dicom3tools
 * dciodvfy reports no errors, and the simulated scanner's series as written by DCMTK storescp
 * validates too. Also: byte-identical output for the same options.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDicom } from "../src/codec/read_file.ts";
import { simulateCtScanner } from "../src/sim/modality/ct_scanner.ts";
import { ctSeries } from "../src/sim/modality/ct_series.ts";
import { freePort, runDcmtk, startDcmtkServer } from "./_dcmtk.ts";
import { requirePeer } from "./_peers.ts";

/** Errors (not warnings) dciodvfy prints for a file. */
async function dciodvfyErrors(path: string): Promise<string[]> {
  const { output } = await runDcmtk("dciodvfy", [path]);
  return output.split("\n").filter((line) => line.startsWith("Error"));
}

function bytesOf(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

Deno.test("a generated 512x512 CT series is byte-identical for the same seed and reads back", () => {
  const a = ctSeries({ seed: "det" });
  const b = ctSeries({ seed: "det" });
  assert.equal(a.count, 200);
  for (const i of [0, 199]) {
    const bytes = a.file(i);
    assert.deepEqual(bytes, b.file(i));
    const ds = readDicom(bytes).dataSet;
    assert.equal(ds.getNumber("Rows"), 512);
    assert.equal(ds.getNumber("Columns"), 512);
    assert.equal(ds.getBytes("PixelData")!.length, 512 * 512 * 2);
  }
  const first = readDicom(a.file(0)).dataSet.getNumbers("ImagePositionPatient")[2];
  const last = readDicom(a.file(199)).dataSet.getNumbers("ImagePositionPatient")[2];
  assert.ok(Math.abs(first - last - 199 * 1.25) < 1e-6);
});

Deno.test("dcmdump reads generated CT files and dciodvfy reports no errors", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-ct-"));
  try {
    const series = ctSeries({ slices: 200, seed: 5, patientName: "DOE^JANE" });
    const paths = [0, 100, 199].map((i) => {
      const path = join(dir, `CT${i}.dcm`);
      writeFileSync(path, series.file(i));
      return path;
    });
    for (const path of paths) {
      const dump = await runDcmtk("dcmdump", [path]);
      assert.equal(dump.code, 0, dump.output);
      assert.match(dump.output, /\(0010,0010\) PN \[DOE\^JANE\]/);
    }
    if (!requirePeer("dciodvfy")) return;
    for (const path of paths) assert.deepEqual(await dciodvfyErrors(path), [], path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("the simulated CT scanner sends to DCMTK storescp and every stored file validates", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-scp-"));
  const port = await freePort();
  const scp = await startDcmtkServer(
    "storescp",
    ["-aet", "STORESCP", "-od", dir, String(port)],
    port,
  );
  try {
    const summary = await simulateCtScanner({
      host: "127.0.0.1",
      port,
      calledAeTitle: "STORESCP",
      slices: 6,
      matrix: 128,
      seed: "scp",
      associationPerImage: false,
    });
    assert.equal(summary.failed, 0, summary.results.map((r) => r.message).join("; "));
    assert.equal(summary.stored, 6);
    const files = readdirSync(dir).map((f) => join(dir, f));
    assert.equal(files.length, 6);
    const series = ctSeries({ slices: 6, matrix: 128, seed: "scp" });
    for (const path of files) {
      const ds = readDicom(bytesOf(path)).dataSet;
      assert.equal(ds.getString("StudyInstanceUID"), series.studyInstanceUid);
    }
    if (!requirePeer("dciodvfy")) return;
    for (const path of files) assert.deepEqual(await dciodvfyErrors(path), [], path);
  } finally {
    await scp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
