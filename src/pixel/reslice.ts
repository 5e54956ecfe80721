/**
 * Axial, coronal and sagittal slices of a volume, the right way up in the radiological
 * convention: axial with anterior at the top and the patient's right on the image's left
 * (viewed from the feet); coronal with superior at the top and the patient's right on the
 * left (viewed from the front); sagittal with superior at the top and anterior on the left
 * (viewed from the patient's left). Directions follow the patient axes LPS (PS3.3 C.7.6.2.1.1);
 * for an oblique volume each display axis takes the volume axis closest to it.
 * @module
 */
import { PixelDataError } from "./errors.ts";
import type { Vec3, Volume } from "./volume.ts";

/** An anatomical plane. */
export type Plane = "axial" | "coronal" | "sagittal";

/**
 * A 2D image of values with the size of its pixels in mm: `data[y * width + x]`.
 * @example
 * ```ts
 * import type { SliceImage } from "./reslice.ts";
 * const img: SliceImage = { width: 2, height: 1, data: new Float32Array(2), pixelWidth: 0.5, pixelHeight: 2 };
 * ```
 */
export interface SliceImage {
  /** Pixels per row. */
  width: number;
  /** Rows. */
  height: number;
  /** Values, row by row from the top. */
  data: Float32Array;
  /** mm per pixel horizontally. */
  pixelWidth: number;
  /** mm per pixel vertically. */
  pixelHeight: number;
}

/** One display axis: which volume axis (0 columns, 1 rows, 2 slices) and whether reversed. */
export interface AxisMapping {
  /** Volume axis: 0 along a row (column index), 1 down a column (row index), 2 slice index. */
  axis: 0 | 1 | 2;
  /** True when the display runs against the volume axis. */
  reversed: boolean;
}

/** How a plane's image axes map onto the volume's. */
export interface PlaneMapping {
  /** Left to right on the image. */
  horizontal: AxisMapping;
  /** Top to bottom on the image. */
  vertical: AxisMapping;
  /** Through the image (the slice index axis of the plane). */
  through: AxisMapping;
}

// Display directions in LPS: [left-to-right, top-to-bottom, through].
const DISPLAY: Record<Plane, [Vec3, Vec3, Vec3]> = {
  // patient's right on the image's left: x (towards the patient's left) runs left to right
  axial: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  // superior at the top: z (towards the head) runs bottom to top
  coronal: [[1, 0, 0], [0, 0, -1], [0, 1, 0]],
  // anterior on the left: y (towards posterior) runs left to right
  sagittal: [[0, 1, 0], [0, 0, -1], [1, 0, 0]],
};

const PERMUTATIONS: [0 | 1 | 2, 0 | 1 | 2, 0 | 1 | 2][] = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/**
 * Which volume axis each display axis of a plane uses, and in which sense: the assignment of
 * volume axes to display directions with the largest total alignment.
 * @example
 * ```ts
 * import { planeMapping } from "./reslice.ts";
 * const axialStack = { rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], normal: [0, 0, 1] } as const;
 * planeMapping(axialStack, "coronal").vertical; // { axis: 2, reversed: true }
 * ```
 */
export function planeMapping(
  volume: Pick<Volume, "rowDirection" | "columnDirection" | "normal">,
  plane: Plane,
): PlaneMapping {
  const axes: Vec3[] = [
    [...volume.rowDirection],
    [...volume.columnDirection],
    [...volume.normal],
  ];
  const display = DISPLAY[plane];
  let best = PERMUTATIONS[0], bestScore = -1;
  for (const p of PERMUTATIONS) {
    const score = p.reduce<number>(
      (sum, axis, d) => sum + Math.abs(dot(axes[axis], display[d])),
      0,
    );
    if (score > bestScore + 1e-12) {
      best = p;
      bestScore = score;
    }
  }
  const map = (d: number): AxisMapping => ({
    axis: best[d],
    reversed: dot(axes[best[d]], display[d]) < 0,
  });
  return { horizontal: map(0), vertical: map(1), through: map(2) };
}

/** Options of {@link reslice}. */
export interface ResliceOptions {
  /**
   * Index along the plane's through axis, counted in the display sense (axial from the feet,
   * coronal from the front, sagittal from the patient's right). Default: the middle.
   */
  index?: number;
}

/**
 * A slice of a volume in an anatomical plane, the right way up, with its pixel size: an axial
 * slice of an axial stack has the pixel spacing; a coronal or sagittal one has the slice
 * spacing vertically. Use `resampleToSquare` for square pixels.
 * @example
 * ```ts
 * import { reslice } from "./reslice.ts";
 * declare const volume: import("./volume.ts").Volume;
 * const coronal = reslice(volume, "coronal"); // coronal.pixelHeight === volume.spacing[2]
 * ```
 */
export function reslice(volume: Volume, plane: Plane, options: ResliceOptions = {}): SliceImage {
  const m = planeMapping(volume, plane);
  const size = [volume.columns, volume.rows, volume.slices];
  const stride = [1, volume.columns, volume.columns * volume.rows];
  const width = size[m.horizontal.axis], height = size[m.vertical.axis];
  const depth = size[m.through.axis];
  const index = options.index ?? Math.floor(depth / 2);
  if (!Number.isInteger(index) || index < 0 || index >= depth) {
    throw new PixelDataError(`Cannot reslice ${plane}: index ${index} is outside 0-${depth - 1}`);
  }
  const t = m.through.reversed ? depth - 1 - index : index;
  const base = t * stride[m.through.axis];
  // Start at the volume index shown at the top left and step per display pixel.
  const hStep = m.horizontal.reversed ? -stride[m.horizontal.axis] : stride[m.horizontal.axis];
  const vStep = m.vertical.reversed ? -stride[m.vertical.axis] : stride[m.vertical.axis];
  const h0 = m.horizontal.reversed ? (width - 1) * stride[m.horizontal.axis] : 0;
  const v0 = m.vertical.reversed ? (height - 1) * stride[m.vertical.axis] : 0;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    let src = base + h0 + v0 + y * vStep;
    const row = y * width;
    for (let x = 0; x < width; x++, src += hStep) data[row + x] = volume.data[src];
  }
  return {
    width,
    height,
    data,
    pixelWidth: volume.spacing[m.horizontal.axis],
    pixelHeight: volume.spacing[m.vertical.axis],
  };
}

/** Options of {@link resampleToSquare}. */
export interface SquareOptions {
  /** Size of the square pixels in mm. Default: the smaller of the two pixel sizes. */
  pixelSize?: number;
}

/**
 * Resamples an image to square pixels by bilinear interpolation, so it shows with the right
 * aspect ratio: an image of `w × h` pixels of `pw × ph` mm becomes
 * `round(w·pw/s) × round(h·ph/s)` pixels of `s` mm.
 * @example
 * ```ts
 * import { resampleToSquare } from "./reslice.ts";
 * const img = { width: 2, height: 2, data: new Float32Array([0, 1, 2, 3]), pixelWidth: 1, pixelHeight: 2 };
 * resampleToSquare(img).height; // 4
 * ```
 */
export function resampleToSquare(image: SliceImage, options: SquareOptions = {}): SliceImage {
  const s = options.pixelSize ?? Math.min(image.pixelWidth, image.pixelHeight);
  if (!(s > 0)) throw new PixelDataError(`Invalid pixel size: ${s}`);
  const width = Math.max(1, Math.round((image.width * image.pixelWidth) / s));
  const height = Math.max(1, Math.round((image.height * image.pixelHeight) / s));
  if (width === image.width && height === image.height) {
    return { ...image, data: image.data.slice() };
  }
  const data = new Float32Array(width * height);
  const sx = image.width / width, sy = image.height / height;
  const src = image.data, w = image.width;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy), y1 = Math.min(y0 + 1, image.height - 1), ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
      const x0 = Math.floor(fx), x1 = Math.min(x0 + 1, w - 1), tx = fx - x0;
      const top = src[y0 * w + x0] * (1 - tx) + src[y0 * w + x1] * tx;
      const bottom = src[y1 * w + x0] * (1 - tx) + src[y1 * w + x1] * tx;
      data[y * width + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return {
    width,
    height,
    data,
    pixelWidth: (image.width * image.pixelWidth) / width,
    pixelHeight: (image.height * image.pixelHeight) / height,
  };
}
