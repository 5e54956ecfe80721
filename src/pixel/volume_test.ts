import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { DataSet } from "../core/dataset.ts";
import { readDicom } from "../codec/read_file.ts";
import { fixture } from "../../tests/_fixtures.ts";
import { framePixels } from "./frame_pixels.ts";
import { assembleVolume, type SliceInput, VolumeError } from "./volume.ts";

/** A 3x2 slice at distance `z` along the normal of an oblique orientation. */
function slice(z: number, options: { iop?: number[]; value?: number; label?: string } = {}) {
  const iop = options.iop ?? [1, 0, 0, 0, 1, 0];
  const n = [
    iop[1] * iop[5] - iop[2] * iop[4],
    iop[2] * iop[3] - iop[0] * iop[5],
    iop[0] * iop[4] - iop[1] * iop[3],
  ];
  const ds = new DataSet();
  ds.set("Rows", 2);
  ds.set("Columns", 3);
  ds.set("ImageOrientationPatient", iop.map(String));
  ds.set("ImagePositionPatient", n.map((v) => String(10 + v * z)));
  ds.set("PixelSpacing", ["0.5", "0.25"]);
  ds.set("RescaleSlope", "2");
  ds.set("RescaleIntercept", "-1");
  const value = options.value ?? z;
  return { dataSet: ds, pixels: new Int16Array(6).fill(value), label: options.label ?? `z${z}` };
}

function pacsmanSlices(): SliceInput[] {
  const dir = fixture("pacsman-series/dicomseries");
  return readdirSync(dir).filter((n) => n.endsWith(".dcm")).map((name) => {
    const f = readDicom(readFileSync(join(dir, name)));
    return { dataSet: f.dataSet, pixels: framePixels(f.dataSet, f.transferSyntaxUid), label: name };
  });
}

Deno.test("assembleVolume sorts the shuffled pacsman MR series by position along the normal", () => {
  const slices = pacsmanSlices();
  assert.equal(slices.length, 128);
  // Shuffle deterministically: file name order and instance number order are both lost.
  const shuffled = slices.map((s, i) => ({ s, key: (i * 7919) % 131 })).sort((a, b) =>
    a.key - b.key
  ).map((x) => x.s);
  const v = assembleVolume(shuffled);
  assert.equal(v.slices, 128);
  assert.deepEqual([v.columns, v.rows], [128, 128]);
  assert.deepEqual(v.spacing, [1, 1, 1]);
  assert.deepEqual(v.warnings, []);
  // IOP 0\-1\0\1\0\0: normal is +z (head), slice k at z = k (slice<k>.dcm)
  assert.deepEqual(v.normal.map((x) => x + 0), [0, 0, 1]);
  assert.deepEqual(v.labels, slices.map((_, k) => `slice${k}.dcm`));
  const zs = v.dataSets.map((ds) => ds.getNumber("ImagePositionPatient", 2));
  assert.deepEqual(zs, zs.map((_, k) => k));
  // the voxels are the frames in that order
  const k = 77;
  const frame = slices.find((s) => s.label === `slice${k}.dcm`)!.pixels;
  assert.deepEqual([...v.data.subarray(k * 128 * 128, (k + 1) * 128 * 128)], Array.from(frame));
});

Deno.test("assembleVolume gives the same volume for any input order (oblique stack)", () => {
  const iop = [0.8, 0.6, 0, -0.6, 0.8, 0];
  const base = [0, 1.5, 3, 4.5, 6].map((z) => slice(z, { iop, value: 2 * z }));
  fc.assert(fc.property(fc.shuffledSubarray(base, { minLength: 5, maxLength: 5 }), (order) => {
    const v = assembleVolume(order);
    assert.deepEqual(v.labels, ["z0", "z1.5", "z3", "z4.5", "z6"]);
    assert.ok(Math.abs(v.spacing[2] - 1.5) < 1e-9);
    // modality values: 2 * stored - 1 = 4 * z - 1
    assert.deepEqual([...v.data.filter((_, i) => i % 6 === 0)], [-1, 5, 11, 17, 23]);
  }));
});

Deno.test("assembleVolume warns about gaps and duplicates, or throws with strict", () => {
  const gap = [0, 1, 2, 5, 6].map((z) => slice(z));
  const v = assembleVolume(gap);
  assert.equal(v.slices, 5);
  assert.equal(v.spacing[2], 1);
  assert.match(v.warnings.join("\n"), /Gap between slices z2 and z5: 3 mm where 1 mm is usual/);
  assert.throws(() => assembleVolume(gap, { strict: true }), (e: unknown) => {
    assert.ok(e instanceof VolumeError);
    assert.equal(e.problem, "gap");
    assert.deepEqual(e.labels, ["z2", "z5"]);
    return true;
  });
  const dup = [slice(0), slice(1), slice(1, { label: "again", value: 9 }), slice(2)];
  const d = assembleVolume(dup);
  assert.equal(d.slices, 3);
  assert.match(d.warnings[0], /Duplicate position: slice again is at the position of slice z1/);
  assert.throws(() => assembleVolume(dup, { strict: true }), /Duplicate position/);
});

Deno.test("assembleVolume rejects mixed orientations, sizes and missing geometry", () => {
  const tilted = slice(1, { iop: [1, 0, 0, 0, 0.9, 0.43589], label: "tilted" });
  assert.throws(() => assembleVolume([slice(0), tilted]), (e: unknown) => {
    assert.ok(e instanceof VolumeError);
    assert.equal(e.problem, "mixed-orientation");
    assert.deepEqual(e.labels, ["z0", "tilted"]);
    return true;
  });
  const big = slice(1);
  big.dataSet.set("Rows", 3);
  big.pixels = new Int16Array(9);
  assert.throws(() => assembleVolume([slice(0), big]), /mixed sizes/);
  const bare = slice(2);
  bare.dataSet.delete("ImagePositionPatient");
  assert.throws(() => assembleVolume([slice(0), bare]), /has no Image Orientation/);
  assert.throws(() => assembleVolume([]), /no slices/);
});
