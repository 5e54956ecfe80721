import assert from "node:assert/strict";
import fc from "fast-check";
import { type Plane, planeMapping, resampleToSquare, reslice } from "./reslice.ts";
import type { Vec3, Volume } from "./volume.ts";

// A patient-space grid: nx × ny × nz voxels of sx × sy × sz mm along L, P, S(+z = head).
const N: Vec3 = [3, 4, 5];
const S: Vec3 = [1, 2, 3];
/** Unique value of the voxel at patient grid index (ix, iy, iz). */
const f = (ix: number, iy: number, iz: number) => ix + 10 * iy + 100 * iz;

function unit(axis: number, sign: number): Vec3 {
  const v: Vec3 = [0, 0, 0];
  v[axis] = sign;
  return v;
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** The phantom sampled into a volume whose rows and columns run along signed patient axes. */
function volumeOf(row: [number, number], column: [number, number]): Volume {
  const a0 = unit(...row), a1 = unit(...column), a2 = cross(a0, a1);
  const axes = [a0, a1, a2];
  const which = axes.map((a) => a.findIndex((c) => c !== 0));
  const sign = axes.map((a, d) => a[which[d]]);
  const size = which.map((p) => N[p]);
  const data = new Float32Array(size[0] * size[1] * size[2]);
  for (let k = 0; k < size[2]; k++) {
    for (let j = 0; j < size[1]; j++) {
      for (let i = 0; i < size[0]; i++) {
        const p = [0, 0, 0];
        [i, j, k].forEach((v, d) => p[which[d]] = sign[d] > 0 ? v : N[which[d]] - 1 - v);
        data[(k * size[1] + j) * size[0] + i] = f(p[0], p[1], p[2]);
      }
    }
  }
  return {
    columns: size[0],
    rows: size[1],
    slices: size[2],
    data,
    origin: [0, 0, 0],
    rowDirection: a0,
    columnDirection: a1,
    normal: a2,
    spacing: which.map((p) => S[p]) as Vec3,
    dataSets: [],
    labels: [],
    warnings: [],
  };
}

/** What each plane must show: display (u, v) to patient grid index, and the pixel size. */
const EXPECTED: Record<Plane, { w: number; h: number; at: (u: number, v: number) => number }> = {
  // patient's right (low x) on the left, anterior (low y) at the top, middle z
  axial: { w: N[0], h: N[1], at: (u, v) => f(u, v, Math.floor(N[2] / 2)) },
  // patient's right on the left, superior (high z) at the top, middle y
  coronal: { w: N[0], h: N[2], at: (u, v) => f(u, Math.floor(N[1] / 2), N[2] - 1 - v) },
  // anterior on the left, superior at the top, middle x
  sagittal: { w: N[1], h: N[2], at: (u, v) => f(Math.floor(N[0] / 2), u, N[2] - 1 - v) },
};

const SIGNED_AXES: [number, number][] = [[0, 1], [0, -1], [1, 1], [1, -1], [2, 1], [2, -1]];
const orientations = SIGNED_AXES.flatMap((r) =>
  SIGNED_AXES.filter((c) => c[0] !== r[0]).map((c) => [r, c] as const)
);

Deno.test("reslice shows each plane the right way up for all 24 axis-aligned orientations", () => {
  assert.equal(orientations.length, 24);
  fc.assert(
    fc.property(
      fc.constantFrom(...orientations),
      fc.constantFrom<Plane>("axial", "coronal", "sagittal"),
      ([row, column], plane) => {
        const v = volumeOf(row, column);
        const img = reslice(v, plane);
        const e = EXPECTED[plane];
        assert.deepEqual([img.width, img.height], [e.w, e.h]);
        const sizes = { axial: [S[0], S[1]], coronal: [S[0], S[2]], sagittal: [S[1], S[2]] };
        assert.deepEqual([img.pixelWidth, img.pixelHeight], sizes[plane]);
        for (let y = 0; y < e.h; y++) {
          for (let x = 0; x < e.w; x++) assert.equal(img.data[y * e.w + x], e.at(x, y));
        }
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("reslice index counts from the feet, the front and the patient's right", () => {
  const v = volumeOf([1, -1], [2, -1]); // a sagittal-ish stack with reversed axes
  assert.equal(reslice(v, "axial", { index: 0 }).data[0], f(0, 0, 0));
  assert.equal(reslice(v, "coronal", { index: 0 }).data[0], f(0, 0, N[2] - 1));
  assert.equal(reslice(v, "sagittal", { index: 2 }).data[0], f(2, 0, N[2] - 1));
  assert.throws(() => reslice(v, "axial", { index: N[2] }), /index 5 is outside 0-4/);
});

Deno.test("planeMapping of an axial stack", () => {
  const v = volumeOf([0, 1], [1, 1]);
  assert.deepEqual(planeMapping(v, "axial"), {
    horizontal: { axis: 0, reversed: false },
    vertical: { axis: 1, reversed: false },
    through: { axis: 2, reversed: false },
  });
  assert.deepEqual(planeMapping(v, "sagittal").vertical, { axis: 2, reversed: true });
});

Deno.test("resampleToSquare keeps the physical size and constant images constant", () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 20 }),
    fc.integer({ min: 1, max: 20 }),
    fc.double({ min: 0.2, max: 5, noNaN: true }),
    fc.double({ min: 0.2, max: 5, noNaN: true }),
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    (width, height, pw, ph, value) => {
      const img = {
        width,
        height,
        data: new Float32Array(width * height).fill(value),
        pixelWidth: pw,
        pixelHeight: ph,
      };
      const sq = resampleToSquare(img);
      assert.ok(Math.abs(sq.pixelWidth * sq.width - pw * width) < 1e-6);
      assert.ok(Math.abs(sq.pixelHeight * sq.height - ph * height) < 1e-6);
      assert.ok(Math.abs(sq.width - (width * pw) / Math.min(pw, ph)) <= 0.5 + 1e-9);
      assert.ok(Math.abs(sq.height - (height * ph) / Math.min(pw, ph)) <= 0.5 + 1e-9);
      assert.ok(sq.data.every((v) => Math.abs(v - Math.fround(value)) < 1e-3));
    },
  ));
  // a 2 x 2 image of 1 x 2 mm pixels becomes 2 x 4 with rows interpolated
  const sq = resampleToSquare({
    width: 2,
    height: 2,
    data: new Float32Array([0, 0, 8, 8]),
    pixelWidth: 1,
    pixelHeight: 2,
  });
  assert.deepEqual([sq.width, sq.height], [2, 4]);
  assert.deepEqual([...sq.data.filter((_, i) => i % 2 === 0)], [0, 2, 6, 8]);
});
