/**
 * Pictures of images: a frame through the grey-scale pipeline (Modality LUT, VOI LUT,
 * Presentation LUT; PS3.4 N.2.1.1) or its colour, to 8-bit grey or RGB; a sheet of the three
 * orthogonal mid-slices of a volume; and PNG encoding (fast-png).
 * @module
 */
import { encode } from "fast-png";
import type { DataSet } from "../core/dataset.ts";
import { PixelDataError } from "./errors.ts";
import { applyModalityLut, modalityTransformOf } from "./luts/modality_lut.ts";
import { applyPalette, paletteOf } from "./luts/palette_color.ts";
import {
  applyPresentationShape,
  type PresentationLutShape,
  presentationShapeOf,
} from "./luts/presentation_lut.ts";
import {
  applyVoi,
  extent,
  type VoiTransform,
  voiTransformOf,
  type Window,
} from "./luts/voi_lut.ts";
import { type Plane, resampleToSquare, reslice, type SliceImage } from "./reslice.ts";
import type { Volume } from "./volume.ts";

/** Named CT windows. */
export type WindowPreset = "bone" | "lung" | "brain" | "soft";

/**
 * Common CT windows in Hounsfield units (centre, width): bone 400/1800, lung -600/1500,
 * brain 40/80, soft tissue 40/400.
 * @example
 * ```ts
 * import { WINDOW_PRESETS } from "./render.ts";
 * WINDOW_PRESETS.lung; // { center: -600, width: 1500 }
 * ```
 */
export const WINDOW_PRESETS: Readonly<Record<WindowPreset, Window>> = Object.freeze({
  bone: { center: 400, width: 1800 },
  lung: { center: -600, width: 1500 },
  brain: { center: 40, width: 80 },
  soft: { center: 40, width: 400 },
});

/**
 * An 8-bit picture: grey (1 channel) or RGB (3 channels, interleaved), row by row from the top.
 * @example
 * ```ts
 * import type { Picture } from "./render.ts";
 * const black: Picture = { width: 1, height: 1, channels: 1, data: new Uint8Array(1) };
 * ```
 */
export interface Picture {
  /** Pixels per row. */
  width: number;
  /** Rows. */
  height: number;
  /** 1 grey, 3 RGB. */
  channels: 1 | 3;
  /** Samples. */
  data: Uint8Array;
}

/** How to choose the VOI of a grey picture. */
export interface RenderOptions {
  /** A window in modality units (LINEAR). Default: the preset, else the file's VOI. */
  window?: Window;
  /** A named window. Default: none. */
  preset?: WindowPreset;
  /** Which of the file's windows or VOI LUTs. Default 0. */
  voiIndex?: number;
  /**
   * Photometric interpretation of the pixels when it differs from the data set's (a codec may
   * return RGB for a JPEG whose data set says YBR_FULL_422). Default: the data set's.
   */
  photometricInterpretation?: string;
}

function chooseVoi(ds: DataSet | undefined, options: RenderOptions): VoiTransform {
  if (options.window !== undefined) return { type: "window", window: options.window };
  if (options.preset !== undefined) {
    const w = WINDOW_PRESETS[options.preset];
    if (w === undefined) throw new PixelDataError(`Unknown window preset: ${options.preset}`);
    return { type: "window", window: w };
  }
  return ds === undefined ? { type: "none" } : voiTransformOf(ds, { index: options.voiIndex });
}

function toBytes(values: ArrayLike<number>, shape: PresentationLutShape): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v > 255 ? 255 : v > 0 ? Math.round(v) : 0;
  }
  return applyPresentationShape(out, shape);
}

/**
 * Grey values (modality units) to 8 bits through a VOI transform and a presentation shape.
 * With no VOI, the values' own range is used.
 * @example
 * ```ts
 * import { greyPicture } from "./render.ts";
 * const image = { width: 3, height: 1, data: [-1000, 40, 1000] };
 * greyPicture(image, { type: "window", window: { center: 40, width: 400 } }).data;
 * // Uint8Array [0, 128, 255]
 * ```
 */
export function greyPicture(
  image: { width: number; height: number; data: ArrayLike<number> },
  voi: VoiTransform,
  options: { shape?: PresentationLutShape } = {},
): Picture {
  const data = toBytes(applyVoi(image.data, voi), options.shape ?? "IDENTITY");
  return { width: image.width, height: image.height, channels: 1, data };
}

function ybrToRgb(v: ArrayLike<number>, max: number): Float64Array {
  // PS3.3 C.7.6.3.1.2 YBR_FULL (JPEG/JFIF equations)
  const out = new Float64Array(v.length);
  const half = (max + 1) / 2;
  for (let i = 0; i < v.length; i += 3) {
    const y = v[i], cb = v[i + 1] - half, cr = v[i + 2] - half;
    out[i] = y + 1.402 * cr;
    out[i + 1] = y - 0.344136 * cb - 0.714136 * cr;
    out[i + 2] = y + 1.772 * cb;
  }
  return out;
}

/**
 * One decoded frame as a picture: palette colour through its palette, RGB and YBR_FULL(_422)
 * as RGB, grey through Modality LUT → VOI (a given window, a preset, or the file's window or
 * VOI LUT by index, else the frame's range) → Presentation LUT Shape (MONOCHROME1 inverted).
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "../codec/read_file.ts";
 * import { decodeFrame } from "./decode_frame.ts";
 * import { renderFrame } from "./render.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm"));
 * const picture = renderFrame(file.dataSet, await decodeFrame(file.dataSet, file.transferSyntaxUid), {
 *   preset: "soft",
 * });
 * picture.width; // 128
 * ```
 */
export function renderFrame(
  ds: DataSet,
  pixels: ArrayLike<number>,
  options: RenderOptions = {},
): Picture {
  const width = ds.getNumber("Columns"), height = ds.getNumber("Rows");
  if (width === undefined || height === undefined) {
    throw new PixelDataError("Cannot render: Rows or Columns is missing");
  }
  const pi = (options.photometricInterpretation ?? ds.getString("PhotometricInterpretation") ??
    "MONOCHROME2").trim();
  const spp = ds.getNumber("SamplesPerPixel") ?? 1;
  const n = width * height;
  if (pi === "PALETTE COLOR") {
    const palette = paletteOf(ds);
    const rgb = applyPalette(pixels, palette);
    const scale = 255 / (2 ** palette.bits - 1);
    return { width, height, channels: 3, data: Uint8Array.from(rgb, (v) => Math.round(v * scale)) };
  }
  if (spp === 3) {
    if (pixels.length < n * 3) throw new PixelDataError(`Cannot render: ${pixels.length} samples`);
    const bits = ds.getNumber("BitsStored") ?? 8;
    const max = 2 ** bits - 1;
    const rgb = pi.startsWith("YBR_FULL") ? ybrToRgb(pixels, max) : pixels;
    const scale = 255 / max;
    const data = new Uint8Array(n * 3);
    for (let i = 0; i < n * 3; i++) {
      const v = rgb[i] * scale;
      data[i] = v > 255 ? 255 : v > 0 ? Math.round(v) : 0;
    }
    return { width, height, channels: 3, data };
  }
  if (pixels.length < n) throw new PixelDataError(`Cannot render: ${pixels.length} pixels`);
  const values = applyModalityLut(
    pixels.length === n ? pixels : Array.prototype.slice.call(pixels, 0, n),
    modalityTransformOf(ds),
  );
  return greyPicture({ width, height, data: values }, chooseVoi(ds, options), {
    shape: presentationShapeOf(ds),
  });
}

/** Where one plane sits in an MPR sheet. */
export interface MprPanel {
  /** The plane. */
  plane: Plane;
  /** Left edge in the sheet. */
  x: number;
  /** Top edge in the sheet. */
  y: number;
  /** Width in sheet pixels. */
  width: number;
  /** Height in sheet pixels. */
  height: number;
  /** The square-pixel slice shown (modality values). */
  image: SliceImage;
}

/** Options of {@link renderMpr}. */
export interface MprOptions extends RenderOptions {
  /** Pixels between panels. Default 4. */
  gap?: number;
}

/**
 * A sheet of the three orthogonal mid-slices of a volume side by side (axial, coronal,
 * sagittal), each the right way up (see `reslice`) and resampled to square pixels of one size
 * (the smallest voxel spacing) so all three share one scale, centred vertically on black. The VOI is the
 * given window or preset, else the middle slice's, else the volume's range.
 * @example
 * ```ts
 * import { renderMpr } from "./render.ts";
 * declare const volume: import("./volume.ts").Volume;
 * const { picture, panels } = renderMpr(volume, { preset: "soft" });
 * panels.map((p) => p.plane); // ["axial", "coronal", "sagittal"]
 * ```
 */
export function renderMpr(
  volume: Volume,
  options: MprOptions = {},
): { picture: Picture; panels: MprPanel[] } {
  const middle = volume.dataSets[volume.dataSets.length >> 1];
  let voi = chooseVoi(middle, options);
  if (voi.type === "none") {
    const { min, max } = extent(volume.data);
    voi = {
      type: "window",
      window: { center: (min + max) / 2, width: Math.max(1, max - min), function: "LINEAR_EXACT" },
    };
  }
  const shape = middle === undefined ? "IDENTITY" : presentationShapeOf(middle);
  const pixelSize = Math.min(...volume.spacing);
  const gap = options.gap ?? 4;
  const planes: Plane[] = ["axial", "coronal", "sagittal"];
  const panels: MprPanel[] = [];
  let x = 0;
  for (const plane of planes) {
    const image = resampleToSquare(reslice(volume, plane), { pixelSize });
    panels.push({ plane, x, y: 0, width: image.width, height: image.height, image });
    x += image.width + gap;
  }
  const width = x - gap, height = Math.max(...panels.map((p) => p.height));
  for (const p of panels) p.y = (height - p.height) >> 1;
  const data = new Uint8Array(width * height);
  for (const p of panels) {
    const bytes = toBytes(applyVoi(p.image.data, voi), shape);
    for (let row = 0; row < p.height; row++) {
      data.set(bytes.subarray(row * p.width, (row + 1) * p.width), (p.y + row) * width + p.x);
    }
  }
  return { picture: { width, height, channels: 1, data }, panels };
}

/**
 * Encodes a picture as PNG (8-bit grey or RGB) with fast-png.
 * @example
 * ```ts
 * import { encodePicturePng } from "./render.ts";
 * const png = encodePicturePng({ width: 1, height: 1, channels: 1, data: new Uint8Array([255]) });
 * png[1]; // 0x50 ("P" of the PNG signature)
 * ```
 */
export function encodePicturePng(picture: Picture): Uint8Array {
  return encode({
    width: picture.width,
    height: picture.height,
    data: picture.data,
    channels: picture.channels,
    depth: 8,
  });
}
