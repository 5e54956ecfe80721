/**
 * The Presentation LUT stage (PS3.3 C.11.4, C.11.6): IDENTITY or INVERSE, with MONOCHROME1
 * images shown inverted unless a Presentation LUT Shape says otherwise (PS3.3 C.7.6.3.1.2).
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";

/** Presentation LUT Shape (2050,0020) values. */
export type PresentationLutShape = "IDENTITY" | "INVERSE";

/**
 * The presentation shape of an image: its Presentation LUT Shape (2050,0020) when present, else
 * INVERSE for MONOCHROME1 (minimum value shown white) and IDENTITY otherwise.
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { presentationShapeOf } from "./presentation_lut.ts";
 * const ds = new DataSet();
 * ds.set("PhotometricInterpretation", "MONOCHROME1");
 * presentationShapeOf(ds); // "INVERSE"
 * ```
 */
export function presentationShapeOf(ds: DataSet): PresentationLutShape {
  const shape = ds.getString("PresentationLUTShape")?.trim().toUpperCase();
  if (shape === "INVERSE" || shape === "IDENTITY") return shape;
  return ds.getString("PhotometricInterpretation")?.trim() === "MONOCHROME1"
    ? "INVERSE"
    : "IDENTITY";
}

/**
 * Applies a presentation shape in place to values in `[yMin, yMax]`: INVERSE maps y to
 * `yMax + yMin - y`, IDENTITY leaves them. Returns the same array.
 * @example
 * ```ts
 * import { applyPresentationShape } from "./presentation_lut.ts";
 * applyPresentationShape(new Float64Array([0, 55, 255]), "INVERSE"); // [255, 200, 0]
 * ```
 */
export function applyPresentationShape<T extends Float64Array | Float32Array | Uint8Array>(
  values: T,
  shape: PresentationLutShape,
  range: { yMin?: number; yMax?: number } = {},
): T {
  if (shape === "IDENTITY") return values;
  const sum = (range.yMin ?? 0) + (range.yMax ?? 255);
  for (let i = 0; i < values.length; i++) values[i] = sum - values[i];
  return values;
}
