/**
 * A series of single-frame images stacked into a volume: sorted by position along the slice
 * normal (PS3.3 C.7.6.2.1.1), not by file name or Instance Number, with orientation, size,
 * pixel spacing and slice spacing checked. Values are modality values (PS3.3 C.11.1) as
 * `Float32Array`, so slices with different rescales stack correctly.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { PixelDataError } from "./errors.ts";
import { applyModalityLut, modalityTransformOf } from "./luts/modality_lut.ts";

/** A vector in patient coordinates (LPS, mm). */
export type Vec3 = [number, number, number];

/** One image of a series: its data set and its decoded frame. */
export interface SliceInput {
  /** The data set (Image Plane module attributes needed). */
  dataSet: DataSet;
  /** The decoded frame (one sample per pixel), e.g. from `decodeFrame`. */
  pixels: ArrayLike<number>;
  /** A name for messages, e.g. the file name. Default: the input index. */
  label?: string;
}

/**
 * A volume: `data[k * rows * columns + j * columns + i]` is the modality value of column `i`,
 * row `j` of slice `k`, at `origin + i * spacing[0] * rowDirection + j * spacing[1] *
 * columnDirection + k * spacing[2] * normal` (PS3.3 C.7.6.2.1.1).
 */
export interface Volume {
  /** Columns per slice. */
  columns: number;
  /** Rows per slice. */
  rows: number;
  /** Number of slices. */
  slices: number;
  /** Modality values, slice by slice, row by row. */
  data: Float32Array;
  /** Image Position (Patient) of the first voxel of slice 0. */
  origin: Vec3;
  /** Direction of increasing column index (first row of Image Orientation (Patient)). */
  rowDirection: Vec3;
  /** Direction of increasing row index (second row of Image Orientation (Patient)). */
  columnDirection: Vec3;
  /** Direction of increasing slice index: rowDirection × columnDirection. */
  normal: Vec3;
  /** mm between columns, between rows, between slices. */
  spacing: Vec3;
  /** The data sets in volume order. */
  dataSets: DataSet[];
  /** Labels (or input indices) in volume order. */
  labels: string[];
  /** Problems tolerated: gaps, uneven spacing, dropped duplicates, shifted slices. */
  warnings: string[];
}

/** What went wrong assembling a volume. */
export type VolumeProblem =
  | "missing-geometry"
  | "mixed-orientation"
  | "mixed-size"
  | "mixed-spacing"
  | "duplicate"
  | "gap"
  | "empty";

/**
 * The slices of a series do not form a volume: mixed orientations or sizes, missing geometry,
 * or (with `strict`) duplicates and gaps. `labels` names the slices concerned.
 * @example
 * ```ts
 * import { VolumeError } from "./volume.ts";
 * const e = new VolumeError("Cannot build a volume: slice b.dcm has another orientation", {
 *   problem: "mixed-orientation", labels: ["b.dcm"],
 * });
 * e.problem; // "mixed-orientation"
 * ```
 */
export class VolumeError extends PixelDataError {
  /** The kind of problem. */
  readonly problem: VolumeProblem;
  /** The slices concerned. */
  readonly labels: string[];
  /** Makes the error. */
  constructor(message: string, detail: { problem: VolumeProblem; labels?: string[] }) {
    super(message);
    this.name = "VolumeError";
    this.problem = detail.problem;
    this.labels = detail.labels ?? [];
  }
}

/** Options of {@link assembleVolume}. */
export interface AssembleOptions {
  /**
   * Throw a `VolumeError` for duplicate positions and gaps instead of warning (duplicates after
   * the first are then dropped, gaps kept). Default false.
   */
  strict?: boolean;
  /** Largest angle between slice orientations, in degrees, still the same. Default 0.5. */
  angleTolerance?: number;
  /** Positions closer than this (mm) along the normal are duplicates. Default 0.01. */
  positionTolerance?: number;
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalize(a: Vec3): Vec3 {
  const n = Math.hypot(...a);
  return [a[0] / n, a[1] / n, a[2] / n];
}

interface Geometry {
  label: string;
  index: number;
  row: Vec3;
  column: Vec3;
  position: Vec3;
  spacing: [number, number];
  rows: number;
  columns: number;
  distance: number;
}

function geometryOf(s: SliceInput, index: number): Geometry {
  const label = s.label ?? String(index);
  const ds = s.dataSet;
  const iop = ds.getNumbers("ImageOrientationPatient");
  const ipp = ds.getNumbers("ImagePositionPatient");
  const ps = ds.getNumbers("PixelSpacing");
  const rows = ds.getNumber("Rows"), columns = ds.getNumber("Columns");
  if (iop.length < 6 || ipp.length < 3 || rows === undefined || columns === undefined) {
    throw new VolumeError(
      `Cannot build a volume: slice ${label} has no Image Orientation/Position (Patient) or size`,
      { problem: "missing-geometry", labels: [label] },
    );
  }
  if ([...iop, ...ipp].some((v) => !Number.isFinite(v))) {
    throw new VolumeError(`Cannot build a volume: slice ${label} has non-numeric geometry`, {
      problem: "missing-geometry",
      labels: [label],
    });
  }
  const row = normalize([iop[0], iop[1], iop[2]]);
  const column = normalize([iop[3], iop[4], iop[5]]);
  // PS3.3 C.7.6.2.1.1: Pixel Spacing is row spacing (between rows) then column spacing
  const spacing: [number, number] = ps.length >= 2 && ps[0] > 0 && ps[1] > 0
    ? [ps[1], ps[0]]
    : [1, 1];
  if (s.pixels.length < rows * columns) {
    throw new VolumeError(
      `Cannot build a volume: slice ${label} has ${s.pixels.length} pixels for ${rows}x${columns}`,
      { problem: "mixed-size", labels: [label] },
    );
  }
  return {
    label,
    index,
    row,
    column,
    position: [ipp[0], ipp[1], ipp[2]],
    spacing,
    rows,
    columns,
    distance: 0,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Stacks the images of a series into a volume, sorted by position along the slice normal.
 * Mixed orientations, sizes or pixel spacings and missing geometry throw `VolumeError`;
 * duplicate positions (later ones dropped), gaps (a step over 1.5 times the median step) and
 * uneven spacing are warnings, or with `strict` errors. The slice spacing is the median step.
 * @example
 * ```ts
 * import { readFileSync, readdirSync } from "node:fs";
 * import { readDicom } from "../codec/read_file.ts";
 * import { framePixels } from "./frame_pixels.ts";
 * import { assembleVolume } from "./volume.ts";
 * const dir = "../shared/fixtures/pacsman-series/dicomseries";
 * const slices = readdirSync(dir).map((name) => {
 *   const f = readDicom(readFileSync(`${dir}/${name}`));
 *   return { dataSet: f.dataSet, pixels: framePixels(f.dataSet, f.transferSyntaxUid), label: name };
 * });
 * assembleVolume(slices).slices; // 128
 * ```
 */
export function assembleVolume(
  inputs: readonly SliceInput[],
  options: AssembleOptions = {},
): Volume {
  if (inputs.length === 0) {
    throw new VolumeError("Cannot build a volume: no slices", { problem: "empty" });
  }
  const cosTolerance = Math.cos(((options.angleTolerance ?? 0.5) * Math.PI) / 180);
  const positionTolerance = options.positionTolerance ?? 0.01;
  const geometries = inputs.map(geometryOf);
  const first = geometries[0];
  const normal = normalize(cross(first.row, first.column));
  for (const g of geometries) {
    if (dot(g.row, first.row) < cosTolerance || dot(g.column, first.column) < cosTolerance) {
      throw new VolumeError(
        `Cannot build a volume: mixed orientations: slice ${g.label} has ${
          [...g.row, ...g.column].map((v) => +v.toFixed(4)).join("\\")
        }, slice ${first.label} ${
          [...first.row, ...first.column].map((v) => +v.toFixed(4)).join("\\")
        }`,
        { problem: "mixed-orientation", labels: [first.label, g.label] },
      );
    }
    if (g.rows !== first.rows || g.columns !== first.columns) {
      throw new VolumeError(
        `Cannot build a volume: mixed sizes: slice ${g.label} is ${g.rows}x${g.columns}, slice ${first.label} ${first.rows}x${first.columns}`,
        { problem: "mixed-size", labels: [first.label, g.label] },
      );
    }
    if (g.spacing.some((v, i) => Math.abs(v - first.spacing[i]) > 1e-3 * first.spacing[i])) {
      throw new VolumeError(
        `Cannot build a volume: mixed pixel spacing: slice ${g.label} has ${g.spacing}, slice ${first.label} ${first.spacing}`,
        { problem: "mixed-spacing", labels: [first.label, g.label] },
      );
    }
    g.distance = dot(g.position, normal);
  }
  const warnings: string[] = [];
  const problem = (kind: VolumeProblem, message: string, labels: string[]) => {
    if (options.strict) {
      throw new VolumeError(`Cannot build a volume: ${message}`, {
        problem: kind,
        labels,
      });
    }
    warnings.push(message);
  };
  const sorted = [...geometries].sort((a, b) => a.distance - b.distance || a.index - b.index);
  const kept: Geometry[] = [];
  for (const g of sorted) {
    const previous = kept[kept.length - 1];
    if (previous !== undefined && g.distance - previous.distance < positionTolerance) {
      problem(
        "duplicate",
        `Duplicate position: slice ${g.label} is at the position of slice ${previous.label}; dropped`,
        [previous.label, g.label],
      );
      continue;
    }
    kept.push(g);
  }
  const steps = kept.slice(1).map((g, i) => g.distance - kept[i].distance);
  const step = steps.length > 0 ? median(steps) : first.spacing[0];
  steps.forEach((s, i) => {
    const a = kept[i].label, b = kept[i + 1].label;
    if (s > step * 1.5) {
      problem(
        "gap",
        `Gap between slices ${a} and ${b}: ${+s.toFixed(3)} mm where ${+step.toFixed(
          3,
        )} mm is usual`,
        [a, b],
      );
    } else if (Math.abs(s - step) > Math.max(0.05 * step, positionTolerance)) {
      warnings.push(
        `Uneven spacing between slices ${a} and ${b}: ${+s.toFixed(3)} mm, usual ${+step.toFixed(
          3,
        )} mm`,
      );
    }
  });
  // Slices should lie on one line along the normal (no shear, PS3.3 C.7.6.2.1.1).
  for (const g of kept) {
    const d: Vec3 = [
      g.position[0] - kept[0].position[0],
      g.position[1] - kept[0].position[1],
      g.position[2] - kept[0].position[2],
    ];
    const off = Math.hypot(dot(d, first.row), dot(d, first.column));
    if (off > Math.max(first.spacing[0], first.spacing[1]) / 2) {
      warnings.push(`Slice ${g.label} is shifted in-plane by ${+off.toFixed(3)} mm`);
    }
  }
  const { rows, columns } = first;
  const frame = rows * columns;
  const data = new Float32Array(frame * kept.length);
  kept.forEach((g, k) => {
    const input = inputs[g.index];
    const values = applyModalityLut(
      input.pixels.length === frame
        ? input.pixels
        : Array.prototype.slice.call(input.pixels, 0, frame),
      modalityTransformOf(input.dataSet),
    );
    data.set(values, k * frame);
  });
  return {
    columns,
    rows,
    slices: kept.length,
    data,
    origin: kept[0].position,
    rowDirection: first.row,
    columnDirection: first.column,
    normal,
    spacing: [first.spacing[0], first.spacing[1], step],
    dataSets: kept.map((g) => inputs[g.index].dataSet),
    labels: kept.map((g) => g.label),
    warnings,
  };
}
