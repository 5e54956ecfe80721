/**
 * The generated CT series against outside readers: DCMTK dcmdump reads every file, dicom3tools
 * dciodvfy reports no errors, and the simulated scanner's series as written by DCMTK storescp
 * validates too. Also: byte-identical output for the same options.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/main.ts";
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

Deno.test("dicomsim generate ct writes the slices, the same bytes for the same seed", async () => {
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "dicomsim-gen-")));
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  try {
    for (const dir of dirs) {
      const code = await runCli([
        "generate",
        "ct",
        "--slices",
        "3",
        "--matrix",
        "64",
        "--seed",
        "cli",
        "--patient-name",
        "CLI^TEST",
        "--out",
        dir,
      ], io);
      assert.equal(code, 0, out.join("\n"));
    }
    assert.deepEqual(readdirSync(dirs[0]).sort(), ["CT0001.dcm", "CT0002.dcm", "CT0003.dcm"]);
    for (const name of readdirSync(dirs[0])) {
      assert.deepEqual(bytesOf(join(dirs[0], name)), bytesOf(join(dirs[1], name)));
    }
    const ds = readDicom(bytesOf(join(dirs[0], "CT0002.dcm"))).dataSet;
    assert.equal(ds.getString("PatientName"), "CLI^TEST");
    assert.match(out[0], /^Wrote 3 CT slices/);
    assert.equal(await runCli(["generate", "xa", "--out", dirs[0]], io), 2);
    assert.equal(await runCli(["generate", "ct"], io), 2);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("dicomsim scanner sends to storescp, exit 0; exit 1 when a fault aborts", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-scanner-"));
  const port = await freePort();
  const scp = await startDcmtkServer(
    "storescp",
    ["-aet", "STORESCP", "-od", dir, String(port)],
    port,
  );
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  try {
    const args = [
      "scanner",
      `127.0.0.1:${port}`,
      "--aec",
      "STORESCP",
      "--slices",
      "4",
      "--matrix",
      "64",
    ];
    assert.equal(
      await runCli([...args, "--count", "2", "--concurrency", "2"], io),
      0,
      out.join("\n"),
    );
    assert.match(out.join("\n"), /Sent 8 of 8 images in 2 studies, 0 failed/);
    assert.equal(readdirSync(dir).length, 8);
    assert.equal(await runCli([...args, "--abort-after", "2"], io), 1);
    assert.match(out.join("\n"), /Failed: study 1 image 3: Not sent: association aborted by fault/);
  } finally {
    await scp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Checks the geometry of a folder of slices with pydicom: positions along the slice normal. */
const PYDICOM_GEOMETRY = `
import sys, glob, os, pydicom
files = sorted(glob.glob(os.path.join(sys.argv[1], "*.dcm")))
ds = [pydicom.dcmread(f) for f in files]
ds.sort(key=lambda d: int(d.InstanceNumber))
o = [float(v) for v in ds[0].ImageOrientationPatient]
n = (o[1]*o[5]-o[2]*o[4], o[2]*o[3]-o[0]*o[5], o[0]*o[4]-o[1]*o[3])
d = [sum(float(p)*c for p, c in zip(x.ImagePositionPatient, n)) for x in ds]
gaps = [abs(d[i]-d[i-1]) for i in range(1, len(d))]
t = float(ds[0].SliceThickness)
assert all(abs(g - t) < 1e-4 for g in gaps), (gaps, t)
assert all(abs(g - float(ds[0].SpacingBetweenSlices)) < 1e-4 for g in gaps)
assert len({x.FrameOfReferenceUID for x in ds}) == 1
try:
    import numpy  # noqa: F401
except ImportError:
    print(len(ds), t)
    sys.exit(0)
a = ds[0].pixel_array
assert a.shape == (int(ds[0].Rows), int(ds[0].Columns)) and a.dtype.kind == "i", a.dtype
hu = a * float(ds[0].RescaleSlope) + float(ds[0].RescaleIntercept)
assert hu[0, 0] == -1000, hu[0, 0]
print(len(ds), t)
`;

Deno.test("pydicom reads a generated series with positions spaced by the slice thickness", () => {
  if (!requirePeer("pydicom")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-pydicom-"));
  try {
    const series = ctSeries({ slices: 12, matrix: 64, sliceThickness: 2.5, seed: "py" });
    for (let i = 0; i < series.count; i++) writeFileSync(join(dir, `CT${i}.dcm`), series.file(i));
    const run = spawnSync("/usr/bin/python3", ["-c", PYDICOM_GEOMETRY, dir], {
      encoding: "utf8",
      env: { PYTHONUTF8: "1", PYTHONDONTWRITEBYTECODE: "1" },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), "12 2.5");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("dicomsim generate --transfer-syntax writes compressed slices that DCMTK decodes to the same pixels", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-generate-ts-"));
  try {
    const io = { out: () => {}, err: () => {} };
    const common = ["generate", "ct", "--slices", "2", "--matrix", "64", "--seed", "ts"];
    assert.equal(await runCli([...common, "--out", join(dir, "native")], io), 0);
    for (const [ts, tool] of [["JPEGLSLossless", "dcmdjpls"], ["RLELossless", "dcmdrle"]]) {
      assert.equal(
        await runCli([...common, "--out", join(dir, ts), "--transfer-syntax", ts], io),
        0,
      );
      const decoded = join(dir, `${ts}.dcm`);
      const r = await runDcmtk(tool, [join(dir, ts, "CT0001.dcm"), decoded]);
      assert.equal(r.code, 0, r.output);
      const a = readDicom(bytesOf(decoded)).dataSet.get(0x7fe00010)!.bytes!;
      const b = readDicom(bytesOf(join(dir, "native", "CT0001.dcm"))).dataSet.get(0x7fe00010)!
        .bytes!;
      assert.deepEqual(a, b, ts);
    }
    assert.equal(
      await runCli([...common, "--out", dir, "--transfer-syntax", "JPEGBaseline8Bit"], io),
      2,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("dicomsim modality --transfer-syntax JPEGLSLossless: storescp +xa receives JPEG-LS that decodes to the slices", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-modality-ts-"));
  const port = await freePort();
  const storescp = await startDcmtkServer("storescp", ["+xa", "-od", dir, String(port)], port);
  try {
    const io = { out: () => {}, err: () => {} };
    const args = ["--slices", "2", "--matrix", "64", "--seed", "jls"];
    assert.equal(
      await runCli([
        "modality",
        "ct",
        "--to",
        `127.0.0.1:${port}`,
        "--aec",
        "ANY",
        ...args,
        "--transfer-syntax",
        "JPEGLSLossless",
      ], io),
      0,
    );
    const received = readdirSync(dir).filter((f) => f.startsWith("CT"));
    assert.equal(received.length, 2);
    const series = ctSeries({ slices: 2, matrix: 64, seed: "jls" });
    for (const name of received) {
      const file = readDicom(bytesOf(join(dir, name)));
      assert.equal(file.transferSyntaxUid, "1.2.840.10008.1.2.4.80");
      const decoded = join(dir, `${name}.raw.dcm`);
      assert.equal((await runDcmtk("dcmdjpls", [join(dir, name), decoded])).code, 0);
      const uid = file.dataSet.getString("SOPInstanceUID")!;
      const index = [0, 1].find((i) => series.sopInstanceUid(i) === uid)!;
      assert.deepEqual(
        readDicom(bytesOf(decoded)).dataSet.get(0x7fe00010)!.bytes,
        series.slice(index).get(0x7fe00010)!.bytes,
      );
    }
  } finally {
    await storescp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
