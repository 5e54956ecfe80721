/**
 * Inflating the deflated data set of Deflated Explicit VR Little Endian (PS3.5 A.5), with a cap on
 * the inflated size so that a zip bomb gives an error instead of exhausting memory.
 * @module
 */
import { Deflate, Inflate } from "fflate";
import { DicomLimitError, DicomParseError } from "./errors.ts";

/** Default cap on an inflated data set: 2 GiB. */
export const DEFAULT_MAX_INFLATED_LENGTH = 2 * 1024 * 1024 * 1024;

const CHUNK = 16 * 1024;

/**
 * Inflates raw deflate data (RFC 1951, no zlib header), refusing output beyond `maxLength` bytes.
 * @example
 * ```ts
 * import { deflateRaw, inflateRaw } from "./inflate.ts";
 * inflateRaw(deflateRaw(new Uint8Array([1, 2, 3]))); // Uint8Array [1, 2, 3]
 * ```
 */
export function inflateRaw(
  input: Uint8Array,
  maxLength = DEFAULT_MAX_INFLATED_LENGTH,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((data) => {
    total += data.length;
    if (total > maxLength) {
      throw new DicomLimitError(
        `Inflated data set exceeds ${maxLength} bytes`,
        "maxInflatedLength",
        maxLength,
      );
    }
    chunks.push(data);
  });
  try {
    // Small input chunks bound how much one push can inflate before the cap is checked.
    for (let i = 0; i < input.length; i += CHUNK) {
      inflater.push(
        input.subarray(i, Math.min(input.length, i + CHUNK)),
        i + CHUNK >= input.length,
      );
    }
    if (input.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof DicomLimitError) throw error;
    throw new DicomParseError(`Cannot inflate deflated data set: ${(error as Error).message}`, {
      offset: 0,
    });
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Deflates bytes as raw deflate (RFC 1951), as PS3.5 A.5 requires for the data set.
 * @example
 * ```ts
 * import { deflateRaw } from "./inflate.ts";
 * deflateRaw(new Uint8Array(1000)).length < 100; // true
 * ```
 */
export function deflateRaw(
  input: Uint8Array,
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const deflater = new Deflate({ level }, (data) => {
    chunks.push(data);
    total += data.length;
  });
  deflater.push(input, true);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
