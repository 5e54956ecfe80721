/**
 * The VOI LUT (PS3.3 C.11.2): modality values to display values, by a window (Window Center and
 * Width with the LINEAR, LINEAR_EXACT or SIGMOID function of C.11.2.1.2-C.11.2.1.3) or by a
 * VOI LUT Sequence item. A data set may offer several windows or LUTs; pick one by index.
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import { PixelDataError } from "../errors.ts";
import { type Lut, lutFromItem } from "./lut.ts";

/** VOI LUT Function (0028,1056) values (PS3.3 C.11.2.1.3). */
export type VoiFunction = "LINEAR" | "LINEAR_EXACT" | "SIGMOID";

/**
 * A window: centre and width in modality units and the function that maps it.
 * @example
 * ```ts
 * import type { Window } from "./voi_lut.ts";
 * const softTissue: Window = { center: 40, width: 400, function: "LINEAR" };
 * ```
 */
export interface Window {
  /** Window Center (0028,1050). */
  center: number;
  /** Window Width (0028,1051). */
  width: number;
  /** VOI LUT Function (0028,1056). Default: `"LINEAR"`. */
  function?: VoiFunction;
}

/**
 * How a data set maps modality values to display values.
 * @example
 * ```ts
 * import type { VoiTransform } from "./voi_lut.ts";
 * const t: VoiTransform = { type: "window", window: { center: 40, width: 400 } };
 * ```
 */
export type VoiTransform =
  | { type: "none" }
  | { type: "window"; window: Window; explanation?: string }
  | { type: "lut"; lut: Lut; explanation?: string };

/** Output range of a VOI stage. */
export interface OutputRange {
  /** Lowest output. Default 0. */
  yMin?: number;
  /** Highest output. Default 255. */
  yMax?: number;
}

/** Which VOI transform `voiTransformOf` picks. */
export interface VoiChoice {
  /** Index of the window or VOI LUT Sequence item. Default 0. */
  index?: number;
  /** When both a VOI LUT Sequence and a window are present, use the LUT. Default true. */
  preferLut?: boolean;
}

/**
 * The windows a data set offers: Window Center, Width and Center & Width Explanation by index.
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { windowsOf } from "./voi_lut.ts";
 * const ds = new DataSet();
 * ds.set("WindowCenter", ["40", "-600"]);
 * ds.set("WindowWidth", ["400", "1500"]);
 * windowsOf(ds)[1].center; // -600
 * ```
 */
export function windowsOf(ds: DataSet): (Window & { explanation?: string })[] {
  const centers = ds.getNumbers("WindowCenter");
  const widths = ds.getNumbers("WindowWidth");
  const explanations = ds.getStrings("WindowCenterWidthExplanation");
  const fn = voiFunctionOf(ds.getString("VOILUTFunction"));
  const out: (Window & { explanation?: string })[] = [];
  for (let i = 0; i < Math.min(centers.length, widths.length); i++) {
    out.push({ center: centers[i], width: widths[i], function: fn, explanation: explanations[i] });
  }
  return out;
}

function voiFunctionOf(text: string | undefined): VoiFunction {
  const t = (text ?? "LINEAR").trim().toUpperCase() || "LINEAR";
  if (t === "LINEAR" || t === "LINEAR_EXACT" || t === "SIGMOID") return t;
  throw new PixelDataError(`Unsupported VOI LUT Function (0028,1056): ${t}`);
}

/**
 * The VOI transform of a data set: VOI LUT Sequence (0028,3010) item `index` or window `index`
 * (the LUT first unless `preferLut: false`), or `none` (like pydicom's `apply_voi_lut`).
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { voiTransformOf } from "./voi_lut.ts";
 * const ds = new DataSet();
 * ds.set("WindowCenter", ["40", "-600"]);
 * ds.set("WindowWidth", ["400", "1500"]);
 * voiTransformOf(ds, { index: 1 }); // { type: "window", window: { center: -600, ... } }
 * ```
 */
export function voiTransformOf(ds: DataSet, choice: VoiChoice = {}): VoiTransform {
  const index = choice.index ?? 0;
  const items = ds.getItems("VOILUTSequence").filter((i) =>
    i.has("LUTDescriptor") && i.has("LUTData")
  );
  const windows = windowsOf(ds);
  const signed = ds.getNumber("PixelRepresentation") === 1 &&
    ds.getItems("ModalityLUTSequence").length === 0;
  const lut = (): VoiTransform => {
    const item = items[Math.min(index, items.length - 1)];
    const explanation = item.getString("LUTExplanation");
    return { type: "lut", lut: lutFromItem(item, signed), explanation };
  };
  const window = (): VoiTransform => {
    const { explanation, ...w } = windows[Math.min(index, windows.length - 1)];
    return { type: "window", window: w, explanation };
  };
  if (items.length > 0 && (windows.length === 0 || choice.preferLut !== false)) return lut();
  if (windows.length > 0) return window();
  return { type: "none" };
}

/**
 * Maps one value through a window (PS3.3 C.11.2.1.2.1 LINEAR, C.11.2.1.3.2 LINEAR_EXACT,
 * C.11.2.1.3.1 SIGMOID) to `[yMin, yMax]`.
 * @example
 * ```ts
 * import { windowValue } from "./voi_lut.ts";
 * windowValue(40, { center: 40, width: 400 }); // 127.82 (about the middle of 0-255)
 * ```
 */
export function windowValue(x: number, w: Window, range: OutputRange = {}): number {
  const yMin = range.yMin ?? 0, yMax = range.yMax ?? 255;
  const fn = w.function ?? "LINEAR";
  if (fn === "SIGMOID") {
    if (!(w.width > 0)) throw new PixelDataError(`Invalid SIGMOID window width: ${w.width}`);
    return (yMax - yMin) / (1 + Math.exp((-4 * (x - w.center)) / w.width)) + yMin;
  }
  let c = w.center, width = w.width;
  if (fn === "LINEAR") {
    // PS3.3 C.11.2.1.2.1: width >= 1; the window is centred on c - 0.5 over w - 1
    if (!(width >= 1)) throw new PixelDataError(`Invalid LINEAR window width: ${width}`);
    c -= 0.5;
    width -= 1;
  } else if (!(width > 0)) {
    throw new PixelDataError(`Invalid LINEAR_EXACT window width: ${width}`);
  }
  if (x <= c - width / 2) return yMin;
  if (x > c + width / 2) return yMax;
  return ((x - c) / width + 0.5) * (yMax - yMin) + yMin;
}

/**
 * Applies a window to every value.
 * @example
 * ```ts
 * import { applyWindow } from "./voi_lut.ts";
 * applyWindow([-1000, 40, 1000], { center: 40, width: 400 }); // Float64Array [0, 127.82.., 255]
 * ```
 */
export function applyWindow(
  values: ArrayLike<number>,
  w: Window,
  range: OutputRange = {},
): Float64Array {
  windowValue(w.center, w, range); // validates the width once
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = windowValue(values[i], w, range);
  return out;
}

/**
 * Applies a VOI transform, scaling its output to `[yMin, yMax]`: a window maps straight into
 * the range, a LUT's entries (0 to 2^bits - 1) are scaled linearly into it, and `none` maps the
 * values' own minimum and maximum onto it.
 * @example
 * ```ts
 * import { applyVoi } from "./voi_lut.ts";
 * applyVoi([0, 50, 100], { type: "none" }); // Float64Array [0, 127.5, 255]
 * ```
 */
export function applyVoi(
  values: ArrayLike<number>,
  t: VoiTransform,
  range: OutputRange = {},
): Float64Array {
  const yMin = range.yMin ?? 0, yMax = range.yMax ?? 255;
  if (t.type === "window") return applyWindow(values, t.window, range);
  const out = new Float64Array(values.length);
  if (t.type === "lut") {
    const { data, firstMapped } = t.lut;
    const scale = (yMax - yMin) / (2 ** t.lut.bits - 1);
    const last = data.length - 1;
    for (let i = 0; i < values.length; i++) {
      let j = Math.floor(values[i]) - firstMapped;
      if (!(j > 0)) j = 0;
      else if (j > last) j = last;
      out[i] = data[j] * scale + yMin;
    }
    return out;
  }
  const { min, max } = extent(values);
  const scale = max > min ? (yMax - yMin) / (max - min) : 0;
  for (let i = 0; i < values.length; i++) out[i] = (values[i] - min) * scale + yMin;
  return out;
}

/**
 * Smallest and largest finite value of an array (0 and 0 when there is none).
 * @example
 * ```ts
 * import { extent } from "./voi_lut.ts";
 * extent([3, -1, 7]); // { min: -1, max: 7 }
 * ```
 */
export function extent(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}
