/**
 * The JPEG (ISO/IEC 10918-1) header fields the codecs need: the SOF process and precision, the
 * components and their identifiers, and the JFIF (APP0) and Adobe (APP14) markers that decide
 * whether a decoder converts three components from YCbCr to RGB.
 * @module
 */

/** What `readJpegHeader` finds before the first scan. */
export interface JpegHeader {
  /** SOF marker (0xFFC0 baseline, 0xFFC1 extended, 0xFFC3 lossless, 0xFFF7 JPEG-LS, ...). */
  sof: number;
  /** Sample precision P in bits. */
  precision: number;
  /** Number of lines Y. */
  height: number;
  /** Samples per line X. */
  width: number;
  /** Component identifiers, in frame order. */
  componentIds: number[];
  /** Horizontal and vertical sampling factors of each component. */
  sampling: { h: number; v: number }[];
  /** A JFIF APP0 marker is present. */
  jfif: boolean;
  /** The Adobe APP14 transform flag (0 none, 1 YCbCr, 2 YCCK), when the marker is present. */
  adobeTransform: number | undefined;
  /** Offset of every APP0 JFIF segment (marker byte), for rewriting. */
  jfifSegments: { start: number; end: number }[];
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

/**
 * Reads a JPEG header up to the frame header. Returns `undefined` when there is no SOI or no SOF
 * before the first SOS or the end.
 * @example
 * ```ts
 * import { readJpegHeader } from "./jpeg_header.ts";
 * readJpegHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])); // undefined: no frame header
 * ```
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let pos = 2;
  let jfif = false;
  let adobeTransform: number | undefined;
  const jfifSegments: { start: number; end: number }[] = [];
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    const marker = u16(bytes, pos);
    if (marker === 0xffff) {
      pos++; // B.1.1.2: fill bytes
      continue;
    }
    const length = u16(bytes, pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) return undefined;
    // B.1.1.3 SOFn; ISO 14495-1 C.2.2 SOF55 (0xFFF7) of JPEG-LS has the same layout.
    const isSof = (marker >= 0xffc0 && marker <= 0xffcf && marker !== 0xffc4 &&
      marker !== 0xffc8 && marker !== 0xffcc) || marker === 0xfff7;
    if (marker === 0xffe0 && text(bytes, pos + 4, 5) === "JFIF\0") {
      jfif = true;
      jfifSegments.push({ start: pos, end });
    } else if (marker === 0xffee && length >= 12 && text(bytes, pos + 4, 5) === "Adobe") {
      adobeTransform = bytes[pos + 15];
    } else if (isSof) {
      if (length < 8) return undefined;
      const count = bytes[pos + 9];
      if (8 + 3 * count > length) return undefined;
      const componentIds: number[] = [];
      const sampling: { h: number; v: number }[] = [];
      for (let c = 0; c < count; c++) {
        componentIds.push(bytes[pos + 10 + 3 * c]);
        const hv = bytes[pos + 11 + 3 * c];
        sampling.push({ h: hv >> 4, v: hv & 15 });
      }
      return {
        sof: marker,
        precision: bytes[pos + 4],
        height: u16(bytes, pos + 5),
        width: u16(bytes, pos + 7),
        componentIds,
        sampling,
        jfif,
        adobeTransform,
        jfifSegments,
      };
    } else if (marker === 0xffda || marker === 0xffd9) {
      return undefined;
    }
    pos = end;
  }
  return undefined;
}

function text(b: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...b.subarray(at, at + n));
}

/**
 * Whether libjpeg converts three components from YCbCr to RGB when decoding, by its own rules
 * (libjpeg `default_decompress_parms`): yes with a JFIF marker, with an Adobe marker whose
 * transform is 1, or with neither marker unless the component identifiers are 'R', 'G', 'B'.
 * @example
 * ```ts
 * import { libjpegConvertsYcbcr, readJpegHeader } from "./jpeg_header.ts";
 * const h = { jfif: false, adobeTransform: undefined, componentIds: [1, 2, 3] };
 * libjpegConvertsYcbcr(h); // true
 * ```
 */
export function libjpegConvertsYcbcr(
  h: Pick<JpegHeader, "jfif" | "adobeTransform" | "componentIds">,
): boolean {
  if (h.componentIds.length !== 3) return false;
  if (h.jfif) return true;
  if (h.adobeTransform !== undefined) return h.adobeTransform === 1;
  const [a, b, c] = h.componentIds;
  return !(a === 0x52 && b === 0x47 && c === 0x42);
}

/**
 * A copy of the JPEG stream that libjpeg decodes without colour conversion: JFIF APP0 segments
 * removed and an Adobe APP14 segment with transform 0 put after SOI.
 * @example
 * ```ts
 * import { withoutColourTransform } from "./jpeg_header.ts";
 * withoutColourTransform(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), []).length; // 20
 * ```
 */
export function withoutColourTransform(
  bytes: Uint8Array,
  jfifSegments: { start: number; end: number }[],
): Uint8Array {
  // Adobe APP14: length 14, "Adobe", version 100, flags0 0, flags1 0, transform 0.
  const adobe = [0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0, 0, 0, 0, 0];
  const removed = jfifSegments.reduce((n, s) => n + s.end - s.start, 0);
  const out = new Uint8Array(bytes.length + adobe.length - removed);
  out.set(bytes.subarray(0, 2));
  out.set(adobe, 2);
  let to = 2 + adobe.length;
  let from = 2;
  for (const s of jfifSegments) {
    out.set(bytes.subarray(from, s.start), to);
    to += s.start - from;
    from = s.end;
  }
  out.set(bytes.subarray(from), to);
  return out;
}
