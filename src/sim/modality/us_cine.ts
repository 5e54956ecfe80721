/**
 * A deterministic ultrasound cine loop (Ultrasound Multi-frame Image Storage, PS3.3 A.7): N
 * frames of a B-mode sector scan (convex probe) of speckled tissue that moves with breathing,
 * a bright fascia line and a pulsing vessel, with depth attenuation; 8-bit MONOCHROME2, or RGB
 * with a colour Doppler box over the vessel. (YBR photometric interpretations are for compressed
 * transfer syntaxes only in the US Image module, PS3.3 C.8.5.6.1.2, so none is offered here.) Modules of the US Multi-frame Image IOD:
 * Patient, General Study, Patient Study, General Series, General Equipment, General
 * Acquisition, General Image, Image Pixel, Cine, Multi-frame, US Region Calibration, US Image,
 * SOP Common.
 * @module
 */
import { DataSet } from "../../core/dataset.ts";
import { writeDicom } from "../../codec/write_file.ts";
import { commonHeader, ds, seriesUids, type SimulatedImageOptions, tm } from "./_image_modules.ts";
import { hashSeed, Rng } from "./rng.ts";

export type { SimulatedImageOptions } from "./_image_modules.ts";

/** Ultrasound Multi-frame Image Storage. */
export const US_MULTIFRAME_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.3.1";

/** Photometric interpretations the US generator writes. */
export type UsPhotometric = "MONOCHROME2" | "RGB";

/** Options of {@link usCine}. */
export interface UsCineOptions extends SimulatedImageOptions {
  /** Frames. Default 30. */
  readonly frames?: number;
  /** Rows. Default 480. */
  readonly rows?: number;
  /** Columns. Default 640. */
  readonly columns?: number;
  /** Frames per second. Default 30. */
  readonly frameRate?: number;
  /** Imaging depth in mm. Default 160. */
  readonly depth?: number;
  /** "MONOCHROME2" (B-mode) or "RGB" (B-mode plus colour Doppler). Default "MONOCHROME2". */
  readonly photometricInterpretation?: UsPhotometric;
}

/** A generated US cine loop (one multi-frame instance). */
export interface UsCine {
  /** (0020,000D). */
  readonly studyInstanceUid: string;
  /** (0020,000E). */
  readonly seriesInstanceUid: string;
  /** (0008,0018). */
  readonly sopInstanceUid: string;
  /** Number of frames. */
  readonly frames: number;
  /** The instance without its Pixel Data (cheap). */
  header(): DataSet;
  /** The instance as a data set. */
  dataSet(): DataSet;
  /** The instance as a Part 10 file in Explicit VR Little Endian. */
  file(): Uint8Array;
}

const TEXTURE = 256;

/** A tileable speckle texture: Rayleigh-distributed amplitudes (fully developed speckle). */
function speckleTexture(seed: number): Float32Array {
  const rng = new Rng(seed);
  const t = new Float32Array(TEXTURE * TEXTURE);
  for (let i = 0; i < t.length; i++) {
    const u = Math.max(1e-9, rng.next());
    t[i] = Math.sqrt(-2 * Math.log(u)) / 1.2533; // mean 1
  }
  return t;
}

/** Bilinear sample of the texture at (u, v) in texels, wrapping. */
function sample(t: Float32Array, u: number, v: number): number {
  const fu = Math.floor(u);
  const fv = Math.floor(v);
  const du = u - fu;
  const dv = v - fv;
  const u0 = fu & (TEXTURE - 1);
  const v0 = fv & (TEXTURE - 1);
  const u1 = (u0 + 1) & (TEXTURE - 1);
  const v1 = (v0 + 1) & (TEXTURE - 1);
  const a = t[v0 * TEXTURE + u0] * (1 - du) + t[v0 * TEXTURE + u1] * du;
  const b = t[v1 * TEXTURE + u0] * (1 - du) + t[v1 * TEXTURE + u1] * du;
  return a * (1 - dv) + b * dv;
}

/** 8-bit clamp. */
function byte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

/**
 * Describes an ultrasound cine loop, built on demand; the same bytes for the same options.
 * @example
 * ```ts
 * import { usCine } from "./us_cine.ts";
 * const cine = usCine({ frames: 2, rows: 48, columns: 64 });
 * cine.dataSet().getString("NumberOfFrames"); // "2"
 * ```
 */
export function usCine(options: UsCineOptions = {}): UsCine {
  const frames = options.frames ?? 30;
  const rows = options.rows ?? 480;
  const columns = options.columns ?? 640;
  const fps = options.frameRate ?? 30;
  const depthMm = options.depth ?? 160;
  const photometric = options.photometricInterpretation ?? "MONOCHROME2";
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`Invalid frames: ${frames}`);
  for (const [name, n] of [["rows", rows], ["columns", columns]] as const) {
    if (!Number.isInteger(n) || n < 16 || n > 4096) throw new RangeError(`Invalid ${name}: ${n}`);
  }
  if (!(fps > 0 && fps <= 1000)) throw new RangeError(`Invalid frame rate: ${fps}`);
  if (!(depthMm > 0)) throw new RangeError(`Invalid depth: ${depthMm}`);
  if (photometric !== "MONOCHROME2" && photometric !== "RGB") {
    throw new RangeError(`Invalid photometric interpretation: ${photometric}`);
  }
  const color = photometric !== "MONOCHROME2";
  const uids = seriesUids(options, 5);
  const frameTime = 1000 / fps;
  // Sector geometry: apex above the top edge, a 70 degree fan, the image's depth in rows.
  const apexX = (columns - 1) / 2;
  const top = Math.round(rows * 0.04);
  const bottom = rows - Math.round(rows * 0.04);
  const r0 = Math.round(rows * 0.06); // radius of the probe face (convex probe)
  const apexY = top - r0;
  const rMax = bottom - apexY;
  const mmPerPixel = depthMm / (rMax - r0);
  const halfAngle = (35 * Math.PI) / 180;
  const halfWidth = Math.ceil(Math.sin(halfAngle) * rMax);
  const region = {
    x0: Math.max(0, Math.floor(apexX - halfWidth)),
    x1: Math.min(columns - 1, Math.ceil(apexX + halfWidth)),
    y0: top,
    y1: bottom,
  };
  // Colour Doppler box around the vessel.
  const vesselDepth = depthMm * 0.45;
  const vesselX = mmPerPixel * 0.12 * columns;
  const box = {
    x0: Math.round(apexX + vesselX / mmPerPixel - 0.12 * columns),
    x1: Math.round(apexX + vesselX / mmPerPixel + 0.12 * columns),
    y0: Math.round(apexY + r0 + (vesselDepth - 18) / mmPerPixel),
    y1: Math.round(apexY + r0 + (vesselDepth + 18) / mmPerPixel),
  };

  const calibrationRegion = (
    r: { x0: number; x1: number; y0: number; y1: number },
    dataType: number,
  ): DataSet => {
    const item = new DataSet();
    // US Region Calibration (PS3.3 C.8.5.5): a 2D region in cm, the apex as the origin
    item.set("RegionSpatialFormat", 1);
    item.set("RegionDataType", dataType);
    item.set("RegionFlags", 0);
    item.set("RegionLocationMinX0", r.x0);
    item.set("RegionLocationMinY0", r.y0);
    item.set("RegionLocationMaxX1", r.x1);
    item.set("RegionLocationMaxY1", r.y1);
    item.set("ReferencePixelX0", Math.round(apexX) - r.x0);
    item.set("ReferencePixelY0", apexY + r0 - r.y0);
    item.set("PhysicalUnitsXDirection", 3);
    item.set("PhysicalUnitsYDirection", 3);
    item.set("ReferencePixelPhysicalValueX", 0);
    item.set("ReferencePixelPhysicalValueY", 0);
    item.set("PhysicalDeltaX", mmPerPixel / 10);
    item.set("PhysicalDeltaY", mmPerPixel / 10);
    item.set("TransducerFrequency", 3500);
    if (dataType === 2) item.set("PulseRepetitionFrequency", 4000);
    return item;
  };

  const header = (): DataSet => {
    const { header, startSeconds } = commonHeader(options, {
      modality: "US",
      sopClassUid: US_MULTIFRAME_IMAGE_STORAGE,
      patientName: "SIM^US^PHANTOM",
      studyDescription: "US ABDOMEN",
      seriesDescription: color ? "ABDOMEN CINE COLOR" : "ABDOMEN CINE",
      stationName: "USSIM01",
      modelName: "Simulated US",
    }, uids);
    header.set("AcquisitionDate", header.getString("StudyDate")!);
    header.set("AcquisitionTime", tm(startSeconds));
    header.set("InstanceCreationTime", tm(startSeconds + frames * frameTime / 1000 + 1));
    header.set("ContentTime", tm(startSeconds));
    header.set("SOPInstanceUID", uids.sopInstanceUid(0));
    header.set("BodyPartExamined", "ABDOMEN");
    // US Image (C.8.5.6): value 4 is bit-mapped: 0001 2D imaging, 0010 colour Doppler
    header.set("ImageType", ["ORIGINAL", "PRIMARY", "ABDOMINAL", color ? "0011" : "0001"]);
    header.set("LossyImageCompression", "00");
    header.set("UltrasoundColorDataPresent", color ? 1 : 0);
    header.set("TransducerType", "CURVED LINEAR");
    header.set("TransducerData", ["C5-2", "", ""]);
    header.set("ProcessingFunction", "ABDOMEN GENERAL");
    header.set("HeartRate", "72");
    header.set("InstanceNumber", "1");
    header.set("PatientOrientation", "");
    // Cine (C.7.6.5), Multi-frame (C.7.6.6)
    header.set("FrameTime", ds(frameTime));
    header.set("CineRate", String(Math.round(fps)));
    header.set("RecommendedDisplayFrameRate", String(Math.round(fps)));
    header.set("EffectiveDuration", ds(frames * frameTime / 1000));
    header.set("NumberOfFrames", String(frames));
    header.set("FrameIncrementPointer", 0x00181063); // Frame Time
    header.set("SequenceOfUltrasoundRegions", [
      calibrationRegion(region, 1),
      ...(color ? [calibrationRegion(box, 2)] : []),
    ]);
    // Image Pixel (C.7.6.3)
    header.set("SamplesPerPixel", color ? 3 : 1);
    header.set("PhotometricInterpretation", photometric);
    if (color) header.set("PlanarConfiguration", 0);
    header.set("Rows", rows);
    header.set("Columns", columns);
    header.set("BitsAllocated", 8);
    header.set("BitsStored", 8);
    header.set("HighBit", 7);
    header.set("PixelRepresentation", 0);
    return header;
  };

  const pixels = (): Uint8Array => {
    const seed = hashSeed(options.seed ?? 0, options.studyIndex ?? 0, 0x7573);
    const texture = speckleTexture(seed);
    const samples = color ? 3 : 1;
    const frameBytes = rows * columns * samples;
    const out = new Uint8Array(frameBytes * frames);
    // Per pixel polar coordinates, shared by every frame.
    const radius = new Float32Array(rows * columns);
    const angle = new Float32Array(rows * columns);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < columns; x++) {
        const dx = x - apexX;
        const dy = y - apexY;
        radius[y * columns + x] = Math.sqrt(dx * dx + dy * dy);
        angle[y * columns + x] = Math.atan2(dx, dy);
      }
    }
    for (let f = 0; f < frames; f++) {
      const t = (f * frameTime) / 1000;
      const breath = Math.sin((2 * Math.PI * t) / 4); // a 4 s breathing cycle
      const shiftMm = 6 * breath; // tissue slides 6 mm up and down
      const lateralMm = 2 * breath;
      const beat = 0.5 + 0.5 * Math.sin(2 * Math.PI * 1.2 * t); // 72 beats per minute
      const vesselRadius = 5 + 1.5 * beat;
      const flow = Math.sin(2 * Math.PI * 1.2 * t);
      const base = f * frameBytes;
      for (let y = 0; y < rows; y++) {
        for (let x = 0; x < columns; x++) {
          const i = y * columns + x;
          const r = radius[i];
          const a = angle[i];
          const o = base + i * samples;
          if (r < r0 || r > rMax || a < -halfAngle || a > halfAngle) continue; // black
          const depth = (r - r0) * mmPerPixel; // mm below the probe face
          const lateral = Math.sin(a) * r * mmPerPixel;
          // Tissue coordinates (mm) move with breathing; speckle cells are 0.4 x 1.2 mm.
          const ty = depth + shiftMm;
          const tx = lateral + lateralMm;
          let echo = sample(texture, tx / 1.2 + 64, ty / 0.4 + 64);
          // Liver-like parenchyma below a bright fascia line, fat above it.
          const fascia = 22 + 3 * Math.sin(tx / 25);
          if (Math.abs(ty - fascia) < 1.2) echo *= 3.2;
          else if (ty < fascia) echo *= 0.7;
          // The vessel: anechoic lumen, bright wall.
          const vx = tx - vesselX;
          const vy = ty - vesselDepth;
          const vr = Math.sqrt(vx * vx + vy * vy);
          const inVessel = vr < vesselRadius;
          if (inVessel) echo *= 0.05;
          else if (vr < vesselRadius + 1) echo *= 2.2;
          // Attenuation 0.5 dB/cm/MHz at 3.5 MHz, both ways, mostly compensated by the TGC.
          const gain = Math.exp(-0.004 * depth);
          const grey = byte(echo * 95 * gain);
          if (!color) {
            out[o] = grey;
            continue;
          }
          let red = grey, green = grey, blue = grey;
          if (inVessel && x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) {
            // Colour Doppler: red towards the probe, blue away, brighter at the centre.
            const v = flow * (1 - (vr / vesselRadius) ** 2);
            const level = byte(80 + 175 * Math.abs(v));
            [red, green, blue] = v >= 0 ? [level, 30, 20] : [20, 60, level];
          }
          out[o] = red;
          out[o + 1] = green;
          out[o + 2] = blue;
        }
      }
    }
    return out;
  };

  const dataSet = (): DataSet => {
    const out = header();
    out.set("PixelData", pixels(), "OB");
    return out;
  };
  return {
    studyInstanceUid: uids.studyInstanceUid,
    seriesInstanceUid: uids.seriesInstanceUid,
    sopInstanceUid: uids.sopInstanceUid(0),
    frames,
    header,
    dataSet,
    file: () => writeDicom(dataSet(), "ExplicitVRLittleEndian"),
  };
}
