/**
 * Decode speed per compressed transfer syntax, in one run: dicomsim's codecs (WebAssembly
 * libjpeg-turbo, CharLS, OpenJPEG, OpenJPH; JS JPEG lossless; our RLE) against pydicom 2.3.1 with
 * GDCM/Pillow (timed inside one Python process, so without start-up) and DCMTK's command-line
 * decoders (dcmdjpeg, dcmdjpls, dcmdrle: whole process per file, start-up included).
 *
 * Run: deno run --allow-read --allow-write --allow-run --allow-env --allow-sys bench/decode_bench.ts
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDicom } from "../src/codec/read_file.ts";
import { decodeFrameWithInfo } from "../src/pixel/decode_frame.ts";
import { imageDescriptionOf } from "../src/pixel/frame_pixels.ts";
import { fixture } from "../tests/_fixtures.ts";

const CASES: [string, string, string | undefined][] = [
  ["JPEG baseline", "pydicom-v3.0.2/test_files/examples_ybr_color.dcm", "dcmdjpeg"],
  ["JPEG lossless SV1", "pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm", "dcmdjpeg"],
  ["JPEG-LS lossless", "pydicom-data/emri_small_jpeg_ls_lossless.dcm", "dcmdjpls"],
  ["JPEG-LS lossless RGB", "pydicom-data/JLSL_RGB_ILV2.dcm", "dcmdjpls"],
  ["JPEG 2000 lossless", "pydicom-data/MR2_J2KR.dcm", undefined],
  ["JPEG 2000 lossy", "pydicom-data/RG1_J2KI.dcm", undefined],
  ["HTJ2K lossless", "pydicom-data/HTJ2KLossless_08_RGB.dcm", undefined],
  ["RLE", "pydicom-v3.0.2/test_files/SC_rgb_rle_16bit_2frame.dcm", "dcmdrle"],
  ["RLE 1-bit (pydicom: none)", "pydicom-data/liver_rle.dcm", undefined],
  ["Deflated frames", "pydicom-data/liver_deflate.dcm", undefined],
];

const MIN_MS = 400;

async function ours(path: string): Promise<{ frames: number; bytes: number; ms: number }> {
  const file = readDicom(readFileSync(path));
  const d = imageDescriptionOf(file.dataSet);
  // Warm up: loads the codec.
  await decodeFrameWithInfo(file.dataSet, file.transferSyntaxUid, 0);
  let frames = 0;
  let bytes = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < MIN_MS) {
    for (let i = 0; i < d.numberOfFrames; i++) {
      const f = await decodeFrameWithInfo(file.dataSet, file.transferSyntaxUid, i);
      frames++;
      bytes += f.pixels.byteLength;
    }
  }
  return { frames, bytes, ms: performance.now() - t0 };
}

const PYTHON = `
import sys, time, json, warnings
warnings.simplefilter("ignore")
import pydicom
from pydicom.pixel_data_handlers import gdcm_handler, pillow_handler, rle_handler
for path in sys.argv[1:]:
    out = {}
    ds = pydicom.dcmread(path, force=True)
    ts = ds.file_meta.TransferSyntaxUID
    if ts == "1.2.840.10008.1.2.8.1" or ds.BitsAllocated == 1:
        print(json.dumps({path: {"error": "unsupported"}}), flush=True)
        continue
    hs = [rle_handler] if ts == "1.2.840.10008.1.2.5" else [gdcm_handler, pillow_handler]
    pydicom.config.pixel_data_handlers = hs
    try:
        ds = pydicom.dcmread(path, force=True); ds.pixel_array
        n = 0; t0 = time.perf_counter()
        while time.perf_counter() - t0 < ${MIN_MS / 1000}:
            ds = pydicom.dcmread(path, force=True); a = ds.pixel_array; n += 1
        out[path] = {"ms": (time.perf_counter() - t0) * 1000, "runs": n}
    except Exception as e:
        out[path] = {"error": type(e).__name__}
    print(json.dumps(out), flush=True)
`;

function pydicom(paths: string[]): Record<string, { ms?: number; runs?: number; error?: string }> {
  const r = spawnSync("/usr/bin/python3", ["-c", PYTHON, ...paths], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const out: Record<string, { ms?: number; runs?: number; error?: string }> = {};
  for (const line of (r.stdout ?? "").split("\n")) {
    if (line.startsWith("{")) Object.assign(out, JSON.parse(line));
  }
  return out;
}

function dcmtk(tool: string, path: string, dir: string): number | undefined {
  const runs = 5;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(tool, [path, join(dir, "out.dcm")], { stdio: "ignore" });
    if (r.status !== 0) return undefined;
  }
  return (performance.now() - t0) / runs;
}

const dir = mkdtempSync(join(tmpdir(), "dicomsim-bench-"));
try {
  const paths = CASES.map(([, f]) => fixture(f));
  // One Python process per file: GDCM can crash on a file and would take the others with it.
  const py = Object.assign({}, ...paths.map((p) => pydicom([p])));
  const rows: string[][] = [[
    "syntax",
    "frames/file",
    "dicomsim frames/s",
    "dicomsim MB/s",
    "pydicom ms/file",
    "dicomsim ms/file",
    "pydicom÷dicomsim",
    "DCMTK ms/file",
    "DCMTK÷dicomsim",
  ]];
  for (const [label, f, tool] of CASES) {
    const path = fixture(f);
    const o = await ours(path);
    const file = readDicom(readFileSync(path));
    const n = imageDescriptionOf(file.dataSet).numberOfFrames;
    const perFile = o.ms / (o.frames / n);
    const p = py[path];
    const pMs = p?.ms !== undefined && p.runs ? p.ms / p.runs : undefined;
    const t = tool ? dcmtk(tool, path, dir) : undefined;
    rows.push([
      label,
      String(n),
      (o.frames / (o.ms / 1000)).toFixed(0),
      (o.bytes / 1e6 / (o.ms / 1000)).toFixed(1),
      pMs === undefined ? p?.error ?? "crashed" : pMs.toFixed(2),
      perFile.toFixed(2),
      pMs === undefined ? "-" : (pMs / perFile).toFixed(2),
      t === undefined ? "-" : t.toFixed(1),
      t === undefined ? "-" : (t / perFile).toFixed(2),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((v, c) => v.padStart(widths[c])).join("  "));
  console.log(
    "\nratios > 1: dicomsim is faster. pydicom is timed in-process (dcmread + pixel_array);\n" +
      "DCMTK per process (read, decode, write a file), start-up included.",
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
