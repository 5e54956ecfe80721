/**
 * The few JPEG 2000 codestream header fields the codecs need (ISO/IEC 15444-1 Annex A): image
 * size, components with precision and sign from SIZ, and whether COD switches on the multiple
 * component transform (which makes YBR_RCT/YBR_ICT data decode to RGB, PS3.5 8.2.4).
 * @module
 */

/** The header fields `readJ2kHeader` finds. */
export interface J2kHeader {
  /** Image width (Xsiz - XOsiz). */
  width: number;
  /** Image height (Ysiz - YOsiz). */
  height: number;
  /** Precision in bits of each component (Ssiz & 0x7F, plus 1). */
  precisions: number[];
  /** Whether each component is signed (Ssiz bit 7). */
  signed: boolean[];
  /** COD's multiple component transform flag: true when RCT/ICT is applied. */
  multipleComponentTransform: boolean;
  /** Offset of the SOC marker (non-zero when the codestream is inside a JP2 file). */
  start: number;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/**
 * Reads SIZ and COD of a JPEG 2000 codestream (or of the first codestream in a JP2 file, found by
 * its SOC+SIZ markers in the first 4 KiB). Returns `undefined` when they cannot be found.
 * @example
 * ```ts
 * import { readJ2kHeader } from "./j2k_header.ts";
 * readJ2kHeader(new Uint8Array([0xff, 0x4f, 0xff, 0x90])); // undefined: no SIZ
 * ```
 */
export function readJ2kHeader(bytes: Uint8Array): J2kHeader | undefined {
  let start = -1;
  const limit = Math.min(bytes.length - 4, 4096);
  for (let i = 0; i <= limit; i++) {
    if (
      bytes[i] === 0xff && bytes[i + 1] === 0x4f && bytes[i + 2] === 0xff && bytes[i + 3] === 0x51
    ) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  // A.5.1 SIZ: Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz Csiz {Ssiz XRsiz YRsiz}.
  const siz = start + 2;
  if (siz + 40 > bytes.length) return undefined;
  const width = u32(bytes, siz + 6) - u32(bytes, siz + 14);
  const height = u32(bytes, siz + 10) - u32(bytes, siz + 18);
  const components = u16(bytes, siz + 38);
  if (siz + 40 + components * 3 > bytes.length) return undefined;
  const precisions: number[] = [];
  const signed: boolean[] = [];
  for (let c = 0; c < components; c++) {
    const ssiz = bytes[siz + 40 + c * 3];
    precisions.push((ssiz & 0x7f) + 1);
    signed.push((ssiz & 0x80) !== 0);
  }
  let multipleComponentTransform = false;
  let pos = siz + 2 + u16(bytes, siz + 2);
  while (pos + 4 <= bytes.length) {
    const marker = u16(bytes, pos);
    if (marker === 0xff90 || marker === 0xff93 || (marker >> 8) !== 0xff) break;
    const length = u16(bytes, pos + 2);
    // A.6.1 COD: Lcod Scod, then SGcod = progression order, layers (2 bytes), MCT.
    if (marker === 0xff52 && pos + 8 < bytes.length) {
      multipleComponentTransform = bytes[pos + 8] === 1;
    }
    pos += 2 + length;
  }
  return { width, height, precisions, signed, multipleComponentTransform, start };
}
