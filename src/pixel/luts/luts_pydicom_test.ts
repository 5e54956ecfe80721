/**
 * The LUT functions against pydicom 2.3.1's `apply_modality_lut`, `apply_voi_lut` and
 * `apply_color_lut` on fixture files (skipped locally without pydicom, required under CI).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readDicom } from "../../codec/read_file.ts";
import { fixture } from "../../../tests/_fixtures.ts";
import { requirePeer } from "../../../tests/_peers.ts";
import { framePixels } from "../frame_pixels.ts";
import { applyModalityLut, modalityRange, modalityTransformOf } from "./modality_lut.ts";
import { applyVoi, type VoiFunction, voiTransformOf } from "./voi_lut.ts";
import { applyPalette, paletteOf } from "./palette_color.ts";

const SCRIPT = `
import json, sys, numpy as np, pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut, apply_voi_lut, apply_color_lut
for path, op, index, fn in json.loads(sys.argv[1]):
    ds = pydicom.dcmread(path)
    arr = ds.pixel_array
    if fn != "-":
        ds.VOILUTFunction = fn
    if op == "modality":
        out = apply_modality_lut(arr, ds)
    elif op == "voi":
        out = apply_voi_lut(apply_modality_lut(arr, ds), ds, index=index)
    else:
        out = apply_color_lut(arr, ds)
    # the input too, so the LUTs are compared on the same stored values (pydicom 2.3.1 does not
    # mask or sign-extend values beyond Bits Stored, e.g. in mlut_18.dcm)
    sys.stdout.buffer.write(np.array([arr.size, out.size], dtype="<f8").tobytes())
    sys.stdout.buffer.write(np.ascontiguousarray(arr, dtype="<f8").tobytes())
    sys.stdout.buffer.write(np.ascontiguousarray(out, dtype="<f8").tobytes())
`;

/** pydicom's stored values and output for each case, from one Python process. */
function pydicom(
  cases: [path: string, op: string, index: number, fn: string][],
): { input: Float64Array; output: Float64Array }[] {
  const r = spawnSync("/usr/bin/python3", ["-c", SCRIPT, JSON.stringify(cases)], {
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`pydicom failed: ${r.stderr}`);
  const b = r.stdout as Uint8Array;
  const all = new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const out = [];
  for (let at = 0; at < all.length;) {
    const n = all[at], m = all[at + 1];
    out.push({
      input: all.subarray(at + 2, at + 2 + n),
      output: all.subarray(at + 2 + n, at + 2 + n + m),
    });
    at += 2 + n + m;
  }
  assert.equal(out.length, cases.length);
  return out;
}

function close(actual: ArrayLike<number>, expected: Float64Array, tolerance = 1e-9): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      assert.fail(`value ${i}: ${actual[i]} != pydicom ${expected[i]}`);
    }
  }
}

function load(name: string) {
  const path = fixture(name);
  const file = readDicom(readFileSync(path));
  return { path, ds: file.dataSet, pixels: framePixels(file.dataSet, file.transferSyntaxUid, 0) };
}

const hasPydicom = requirePeer("pydicom");

Deno.test({
  name: "applyModalityLut equals pydicom apply_modality_lut (LUT sequence and rescale)",
  ignore: !hasPydicom,
  fn() {
    const names = [
      "pydicom-data/mlut_18.dcm",
      "pydicom-v3.0.2/test_files/CT_small.dcm",
      "pydicom-data/MR2_UNCI.dcm",
    ];
    const refs = pydicom(names.map((n) => [fixture(n), "modality", 0, "-"]));
    for (const [i, name] of names.entries()) {
      const { ds, pixels } = load(name);
      const ref = refs[i];
      close(applyModalityLut(ref.input, modalityTransformOf(ds)), ref.output);
      if (!name.includes("mlut_18")) close(pixels, ref.input);
    }
  },
});

Deno.test({
  name: "windows and VOI LUTs equal pydicom apply_voi_lut (LINEAR, LINEAR_EXACT, SIGMOID, index)",
  ignore: !hasPydicom,
  fn() {
    const cases: [string, number, VoiFunction | "-"][] = [
      ["pydicom-data/MR-SIEMENS-DICOM-WithOverlays.dcm", 0, "-"],
      ["pydicom-data/MR-SIEMENS-DICOM-WithOverlays.dcm", 1, "LINEAR_EXACT"],
      ["pydicom-data/MR-SIEMENS-DICOM-WithOverlays.dcm", 1, "SIGMOID"],
      ["pydicom-v3.0.2/test_files/dicomdirtests/77654033/CT2/17106", 0, "-"],
      ["pydicom-v3.0.2/test_files/dicomdirtests/77654033/CR1/6154", 0, "SIGMOID"],
      ["pydicom-data/vlut_04.dcm", 0, "-"],
    ];
    const refs = pydicom(cases.map(([name, index, fn]) => [fixture(name), "voi", index, fn]));
    for (const [i, [name, index, fn]] of cases.entries()) {
      const { ds, pixels } = load(name);
      if (fn !== "-") ds.set("VOILUTFunction", fn);
      const modality = modalityTransformOf(ds);
      const ref = refs[i];
      close(pixels, ref.input);
      const values = applyModalityLut(ref.input, modality);
      const voi = voiTransformOf(ds, { index });
      // pydicom's output range: the modality output range of the stored bits (PS3.4 N.2.1.1)
      const [yMin, yMax] = voi.type === "lut"
        ? [0, 2 ** voi.lut.bits - 1]
        : modalityRange(modality, {
          bitsStored: ds.getNumber("BitsStored")!,
          signed: ds.getNumber("PixelRepresentation") === 1,
        });
      close(applyVoi(values, voi, { yMin, yMax }), ref.output, 1e-6);
    }
  },
});

Deno.test({
  name: "applyPalette equals pydicom apply_color_lut (plain and segmented palettes)",
  ignore: !hasPydicom,
  fn() {
    const names = [
      "pydicom-data/OBXXXX1A.dcm",
      "pydicom-data/gdcm-US-ALOKA-16.dcm",
      "pydicom-v3.0.2/test_files/examples_palette.dcm",
    ];
    const refs = pydicom(names.map((n) => [fixture(n), "color", 0, "-"]));
    for (const [i, name] of names.entries()) {
      const { ds, pixels } = load(name);
      const ref = refs[i];
      close(pixels, ref.input);
      close(applyPalette(ref.input, paletteOf(ds)), ref.output);
    }
  },
});
