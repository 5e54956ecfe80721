/**
 * A small seeded pseudo-random number generator (mulberry32) and a string/number hash (FNV-1a),
 * so simulated data is the same for the same seed on every runtime.
 * @module
 */

/**
 * Hashes a seed and extra numbers to an unsigned 32-bit integer (FNV-1a over the UTF-16 code
 * units of the seed's text, then over each number's 4 bytes).
 * @example
 * ```ts
 * import { hashSeed } from "./rng.ts";
 * hashSeed("ct", 1) === hashSeed("ct", 1); // true
 * ```
 */
export function hashSeed(seed: string | number, ...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  const text = String(seed);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  for (const p of parts) {
    for (let k = 0; k < 4; k++) {
      h ^= (p >>> (k * 8)) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/**
 * A deterministic generator of uniform and normal numbers from a 32-bit seed (mulberry32).
 * @example
 * ```ts
 * import { Rng } from "./rng.ts";
 * const a = new Rng(42);
 * const b = new Rng(42);
 * a.next() === b.next(); // true
 * ```
 */
export class Rng {
  #state: number;
  #spare: number | undefined;

  /** Starts from a seed (any number; used modulo 2^32). */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A normal number with mean 0 and standard deviation 1 (Box-Muller). */
  normal(): number {
    if (this.#spare !== undefined) {
      const s = this.#spare;
      this.#spare = undefined;
      return s;
    }
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}
