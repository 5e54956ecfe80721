/**
 * A 3D anatomical CT phantom computed in code: a body of chest and upper abdomen with skin fat,
 * muscle, lungs, heart, aorta, liver, spleen, kidneys, bowel gas, spine, ribs and sternum, in
 * Hounsfield units. Coordinates are patient LPS millimetres (PS3.3 C.7.6.2.1.1: x to the
 * patient's left, y to posterior, z to head); z = 0 is near the dome of the diaphragm. It is
 * defined for z in [-250, 250] and fits a 400 mm field of view.
 * @module
 */
import { Rng } from "./rng.ts";

/** Air outside the body. */
export const HU_AIR: number = -1000;

function sq(v: number): number {
  return v * v;
}

/** What depends on z alone, computed once per slice. */
interface SliceShape {
  z: number;
  /** Body semi-axes (lateral, antero-posterior) and centre y. */
  bodyA: number;
  bodyB: number;
  bodyY: number;
  /** Lung semi-axes at this z (0 when none). */
  lungA: number;
  lungB: number;
  /** Heart cross-section semi-axes (0 when none). */
  heartA: number;
  heartB: number;
  liverScale: number;
  spleenScale: number;
  kidneyScale: number;
  /** In an intervertebral disc. */
  disc: boolean;
  chest: boolean;
  abdomen: boolean;
}

function ellipsoidScale(z: number, centre: number, semi: number): number {
  const t = 1 - sq((z - centre) / semi);
  return t > 0 ? Math.sqrt(t) : 0;
}

function sliceShape(z: number): SliceShape {
  // The trunk narrows towards the neck above z = 150.
  const neck = z > 150 ? Math.max(0.45, 1 - (z - 150) / 160) : 1;
  const bodyA = 165 * neck;
  // The abdomen is a little deeper than the chest, blending over 40 mm.
  const belly = Math.min(1, Math.max(0, (-z - 20) / 40));
  const bodyB = (112 + 6 * belly) * (neck < 1 ? 0.6 + 0.4 * neck : 1);
  const lungTop = 175;
  const lungScale = z > -30 && z < lungTop ? ellipsoidScale(z, 72, lungTop - 72) : 0;
  const heart = ellipsoidScale(z, 35, 55);
  return {
    z,
    bodyA,
    bodyB,
    bodyY: 0,
    lungA: 58 * Math.min(1, lungScale * 1.4),
    lungB: 82 * Math.min(1, lungScale * 1.3),
    heartA: 58 * heart,
    heartB: 45 * heart,
    liverScale: ellipsoidScale(z, -55, 75),
    spleenScale: ellipsoidScale(z, -35, 50),
    kidneyScale: ellipsoidScale(z, -115, 55),
    disc: ((z % 32) + 32) % 32 < 5,
    chest: z > -30,
    abdomen: z < 20,
  };
}

/**
 * Noise-free HU at (x, y) on a slice. `vessels` and `loops` are the lung vessel and bowel loop
 * patterns at (x, y), passed in so a slice can take them from per-row
 * and per-column tables.
 */
function huAt(x: number, y: number, s: SliceShape, vessels: number, loops: number): number {
  const yb = y - s.bodyY;
  const body = sq(x / s.bodyA) + sq(yb / s.bodyB);
  if (body > 1) {
    // The table under the patient (posterior).
    if (y > s.bodyB + 20 && y < s.bodyB + 30 && Math.abs(x) < 200) return 250;
    return HU_AIR;
  }
  // Skin and subcutaneous fat: the outer band of the ellipse.
  const inner = sq(x / (s.bodyA - 16)) + sq(yb / (s.bodyB - 13));
  if (inner > 1) return body > 0.985 ? 30 : -100;
  // Spine: vertebral body, canal, posterior elements.
  const vy = y - 62;
  const vb = sq(x) + sq(vy);
  if (vb < 19 * 19) {
    if (s.disc) return 85;
    return vb > 15 * 15 ? 750 : 240;
  }
  const canal = sq(x) + sq(y - 90);
  if (canal < 9 * 9) return 15;
  if (canal < 14 * 14 && !s.disc) return 700;
  if (Math.abs(x) < 5 && y > 100 && y < s.bodyB - 22 && !s.disc) return 650;
  if (sq(Math.abs(x) - 20) + sq(y - 95) < 36 && !s.disc) return 650;
  // Ribs in the chest: short arcs just inside the muscle wall, sloping down to the front.
  if (s.chest) {
    const rib = sq(x / (s.bodyA - 24)) + sq(yb / (s.bodyB - 20));
    if (rib > 0.86 && rib < 0.96 && Math.abs(x) > 30) {
      const slope = (s.z - 0.12 * (s.bodyB - y)) % 26;
      if ((slope + 26) % 26 < 8) return rib > 0.89 && rib < 0.93 ? 300 : 800;
    }
    if (s.z < 140 && Math.abs(x) < 16 && y > -s.bodyB + 14 && y < -s.bodyB + 26) {
      return 450; // sternum
    }
  }
  // Aorta (left of the spine, in front of it) and inferior vena cava.
  if (s.z < 90 && sq(x - 18) + sq(y - 30) < 13 * 13) return 45;
  if (s.z < 10 && s.z > -160 && sq(x + 22) + sq(y - 25) < 11 * 11) return 40;
  // Lungs with vessels, in the chest above the diaphragm dome.
  if (s.lungA > 0) {
    for (let side = -1; side <= 1; side += 2) {
      const lx = x - side * 78;
      const l = sq(lx / s.lungA) + sq((y - 5) / s.lungB);
      // The diaphragm domes up under each lung: deeper at the edges (costophrenic angles).
      const domeOk = s.z > 22 - 48 * l;
      if (l < 1 && domeOk) {
        // Pulmonary vessels: a sparse pattern of small dots.
        return vessels > 0.93 ? 20 : -860;
      }
    }
  }
  // Heart on the patient's left, in front.
  if (s.heartA > 0 && sq((x - 22) / s.heartA) + sq((y + 28) / s.heartB) < 1) {
    return sq((x - 22) / s.heartA) + sq((y + 28) / s.heartB) > 0.8 ? 70 : 40;
  }
  // Liver on the patient's right, under the diaphragm.
  if (s.liverScale > 0 && sq((x + 55) / (95 * s.liverScale)) + sq(y / (85 * s.liverScale)) < 1) {
    return 60;
  }
  // Spleen, posterior left.
  if (
    s.spleenScale > 0 &&
    sq((x - 88) / (32 * s.spleenScale)) + sq((y - 38) / (26 * s.spleenScale)) < 1
  ) return 50;
  // Kidneys: cortex enhanced, medulla darker.
  if (s.kidneyScale > 0) {
    for (let side = -1; side <= 1; side += 2) {
      const k = sq((x - side * 68) / (27 * s.kidneyScale)) + sq((y - 48) / (22 * s.kidneyScale));
      if (k < 1) return k > 0.55 ? 160 : 35;
    }
  }
  // Abdomen below the liver: bowel loops with gas and intra-abdominal fat.
  if (s.abdomen) {
    if (y < 40) {
      if (loops > 0.82) return -950;
      if (loops < -0.6) return -90;
      return 30;
    }
  }
  // Back and wall muscle, mediastinal fat.
  if (s.chest && Math.abs(x) < 50 && y < -40 && y > -s.bodyB + 26) return -80;
  return 45;
}

/**
 * The noise-free HU of the phantom at a point (LPS millimetres).
 * @example
 * ```ts
 * import { phantomHu } from "./ct_phantom.ts";
 * phantomHu(0, -400, 0); // -1000 (air in front of the patient)
 * phantomHu(0, 62, 10) > 200; // true (vertebral body)
 * ```
 */
export function phantomHu(x: number, y: number, z: number): number {
  return huAt(x, y, sliceShape(z), vesselX(x, z) * vesselY(y, z), loopX(x, z) * loopY(y, z));
}

// The separable patterns of huAt: lung vessels (a sparse pattern of small dots) and bowel loops.
function vesselX(x: number, z: number): number {
  return Math.sin(x * 0.21 + z * 0.05);
}
function vesselY(y: number, z: number): number {
  return Math.sin(y * 0.19 - z * 0.07);
}
function loopX(x: number, z: number): number {
  return Math.sin(x * 0.09 + z * 0.04);
}
function loopY(y: number, z: number): number {
  return Math.cos(y * 0.1 - z * 0.03);
}

/** Options of {@link phantomSlice}. */
export interface PhantomSliceOptions {
  /** Columns. Default 512. */
  readonly columns?: number;
  /** Rows. Default 512. */
  readonly rows?: number;
  /** [row spacing, column spacing] in mm. Default [0.78125, 0.78125] (400 mm field of view). */
  readonly pixelSpacing?: readonly [number, number];
  /** Gaussian noise standard deviation in HU (not added to air outside the body). Default 12. */
  readonly noise?: number;
  /** Seed of the noise. Default 0. */
  readonly seed?: number;
}

const NOISE_TABLE_SIZE = 1 << 16;
const noiseTables = new Map<number, Float32Array>();

function noiseTable(seed: number): Float32Array {
  let t = noiseTables.get(seed);
  if (t === undefined) {
    const rng = new Rng(seed);
    t = new Float32Array(NOISE_TABLE_SIZE);
    for (let i = 0; i < t.length; i++) t[i] = rng.normal();
    if (noiseTables.size > 8) noiseTables.clear();
    noiseTables.set(seed, t);
  }
  return t;
}

/**
 * An axial slice of the phantom at height z as HU (rounded, clamped to [-1024, 3071]), row by
 * row, centred on x = y = 0, with seeded Gaussian noise.
 * @example
 * ```ts
 * import { phantomSlice } from "./ct_phantom.ts";
 * const hu = phantomSlice(0, { columns: 64, rows: 64, pixelSpacing: [6, 6] });
 * hu.length; // 4096
 * ```
 */
export function phantomSlice(z: number, options: PhantomSliceOptions = {}): Int16Array {
  const columns = options.columns ?? 512;
  const rows = options.rows ?? 512;
  const [dy, dx] = options.pixelSpacing ?? [0.78125, 0.78125];
  const sigma = options.noise ?? 12;
  const table = noiseTable(0x9e3779b9);
  const rng = new Rng(options.seed ?? 0);
  const out = new Int16Array(columns * rows);
  const s = sliceShape(z);
  const x0 = -((columns - 1) * dx) / 2;
  const y0 = -((rows - 1) * dy) / 2;
  let offset = rng.nextUint32();
  const step = (rng.nextUint32() | 1) & (NOISE_TABLE_SIZE - 1);
  const vx = new Float64Array(columns);
  const lx = new Float64Array(columns);
  for (let c = 0; c < columns; c++) {
    vx[c] = vesselX(x0 + c * dx, z);
    lx[c] = loopX(x0 + c * dx, z);
  }
  for (let r = 0; r < rows; r++) {
    const y = y0 + r * dy;
    const vy = vesselY(y, z);
    const ly = loopY(y, z);
    const base = r * columns;
    for (let c = 0; c < columns; c++) {
      let hu = huAt(x0 + c * dx, y, s, vx[c] * vy, lx[c] * ly);
      if (hu !== HU_AIR && sigma > 0) {
        offset = (offset + step) & (NOISE_TABLE_SIZE - 1);
        hu += sigma * table[offset];
      }
      out[base + c] = hu < -1024 ? -1024 : hu > 3071 ? 3071 : Math.round(hu);
    }
    offset = (offset + (rng.nextUint32() & 0xfff)) & (NOISE_TABLE_SIZE - 1);
  }
  return out;
}
