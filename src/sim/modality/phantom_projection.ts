/**
 * A projection radiograph of the CT phantom: X-ray attenuation summed along the antero-posterior
 * axis, log-transformed to detector values with quantum noise (what the CR and DX generators
 * show).
 * @module
 */
import { phantomSlice } from "./ct_phantom.ts";
import { Rng } from "./rng.ts";

/** How to project. */
export interface ProjectionOptions {
  /** Rows and columns of the square image. */
  readonly matrix: number;
  /** Field of view (mm) across the image; rows run head to feet. */
  readonly fieldOfView: number;
  /** Samples along the ray. */
  readonly depth: number;
  /** Distance between samples along the ray, mm. */
  readonly step: number;
  /** Linear attenuation per mm of water at the beam's energy. */
  readonly waterMu: number;
  /** Detector value with no attenuation. */
  readonly offset: number;
  /** Detector value per unit of summed attenuation. */
  readonly gain: number;
  /** Standard deviation of the noise. */
  readonly noise: number;
  /** Largest detector value (2^bits - 1). */
  readonly max: number;
  /** Noise generator seed. */
  readonly seed: number;
}

/**
 * The projection image, row by row, as unsigned detector values.
 * @example
 * ```ts ignore
 * import { projectPhantom } from "./phantom_projection.ts";
 * const px = projectPhantom({ matrix: 64, fieldOfView: 430, depth: 56, step: 5,
 *   waterMu: 0.02, offset: 300, gain: 560, noise: 12, max: 4095, seed: 1 });
 * px.length; // 4096
 * ```
 */
export function projectPhantom(o: ProjectionOptions): Uint16Array {
  const spacing = o.fieldOfView / o.matrix;
  const rng = new Rng(o.seed);
  const pixels = new Uint16Array(o.matrix * o.matrix);
  const mu = (hu: number) => hu <= -1000 ? 0 : ((hu + 1000) / 1000) * o.waterMu;
  for (let r = 0; r < o.matrix; r++) {
    const z = o.fieldOfView / 2 - (r + 0.5) * spacing;
    const slab = phantomSlice(z, {
      columns: o.matrix,
      rows: o.depth,
      pixelSpacing: [o.step, spacing],
      noise: 0,
    });
    for (let c = 0; c < o.matrix; c++) {
      let sum = 0;
      for (let k = 0; k < o.depth; k++) sum += mu(slab[k * o.matrix + c]) * o.step;
      const v = o.offset + sum * o.gain + rng.normal() * o.noise;
      pixels[r * o.matrix + c] = v < 0 ? 0 : v > o.max ? o.max : Math.round(v);
    }
  }
  return pixels;
}
