/**
 * The Modality LUT (PS3.3 C.11.1): stored values to modality values (Hounsfield units for CT),
 * by Rescale Slope/Intercept or by a Modality LUT Sequence.
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import { applyLut, type Lut, lutFromItem } from "./lut.ts";

/**
 * How a data set maps stored values to modality values: a linear rescale, a LUT, or nothing.
 * @example
 * ```ts
 * import type { ModalityTransform } from "./modality_lut.ts";
 * const ct: ModalityTransform = { type: "rescale", slope: 1, intercept: -1024 };
 * ```
 */
export type ModalityTransform =
  | { type: "identity" }
  | { type: "rescale"; slope: number; intercept: number }
  | { type: "lut"; lut: Lut };

/**
 * The modality transform of a data set: the first item of the Modality LUT Sequence (0028,3000)
 * when present, else Rescale Slope (0028,1053) and Rescale Intercept (0028,1052), else identity
 * (PS3.3 C.11.1; the same precedence as pydicom's `apply_modality_lut`).
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { modalityTransformOf } from "./modality_lut.ts";
 * const ds = new DataSet();
 * ds.set("RescaleSlope", "2");
 * ds.set("RescaleIntercept", "-10");
 * modalityTransformOf(ds); // { type: "rescale", slope: 2, intercept: -10 }
 * ```
 */
export function modalityTransformOf(ds: DataSet): ModalityTransform {
  const item = ds.getItems("ModalityLUTSequence")[0];
  if (item !== undefined && item.has("LUTDescriptor") && item.has("LUTData")) {
    return { type: "lut", lut: lutFromItem(item, ds.getNumber("PixelRepresentation") === 1) };
  }
  const slope = ds.getNumber("RescaleSlope");
  const intercept = ds.getNumber("RescaleIntercept");
  if (slope !== undefined && intercept !== undefined && Number.isFinite(slope + intercept)) {
    return { type: "rescale", slope, intercept };
  }
  return { type: "identity" };
}

/**
 * Applies a modality transform: `stored * slope + intercept` for a rescale, a clamped lookup for
 * a LUT (PS3.3 C.11.1.1.1), a copy for identity. Always returns a new `Float64Array`.
 * @example
 * ```ts
 * import { applyModalityLut } from "./modality_lut.ts";
 * applyModalityLut(new Int16Array([0, 1024]), { type: "rescale", slope: 1, intercept: -1024 });
 * // Float64Array [-1024, 0]
 * ```
 */
export function applyModalityLut(values: ArrayLike<number>, t: ModalityTransform): Float64Array {
  if (t.type === "lut") return Float64Array.from(applyLut(values, t.lut));
  const out = Float64Array.from(values);
  if (t.type === "rescale") {
    const { slope, intercept } = t;
    for (let i = 0; i < out.length; i++) out[i] = out[i] * slope + intercept;
  }
  return out;
}

/**
 * The range of modality values a transform can produce from stored values of `bitsStored` bits,
 * signed or not: what pydicom and PS3.4 N.2.1.1 take as the input range of the VOI stage.
 * @example
 * ```ts
 * import { modalityRange } from "./modality_lut.ts";
 * const ct = { type: "rescale", slope: 1, intercept: -1024 } as const;
 * modalityRange(ct, { bitsStored: 12, signed: false }); // [-1024, 3071]
 * ```
 */
export function modalityRange(
  t: ModalityTransform,
  stored: { bitsStored: number; signed: boolean },
): [number, number] {
  const { bitsStored, signed } = stored;
  if (t.type === "lut") return [0, 2 ** t.lut.bits - 1]; // PS3.3 C.11.1.1.1: output unsigned
  const min = signed ? -(2 ** (bitsStored - 1)) : 0;
  const max = signed ? 2 ** (bitsStored - 1) - 1 : 2 ** bitsStored - 1;
  if (t.type === "identity") return [min, max];
  const a = min * t.slope + t.intercept, b = max * t.slope + t.intercept;
  return [Math.min(a, b), Math.max(a, b)];
}
