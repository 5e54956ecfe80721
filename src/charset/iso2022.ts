/**
 * ISO 2022 escape sequences as DICOM uses them for code extensions (PS3.5 6.1.2.5, PS3.3
 * C.12.1.1.2 Tables C.12-3 and C.12-4): recognising them and splitting a value at them.
 * @module
 */
import { GRAPHIC_SETS, type GraphicSet, type GraphicSetId } from "./graphic_set.ts";

/** The ESC control character (01/11) that starts every escape sequence. */
export const ESC = 0x1b;

/** A known escape sequence and the graphic set it designates. */
export interface EscapeSequence {
  /** The bytes, ESC included. */
  readonly bytes: Uint8Array;
  /** The set it designates (to the set's own slot, G0 or G1). */
  readonly set: GraphicSet;
}

function seq(text: string, id: GraphicSetId): EscapeSequence {
  const bytes = new Uint8Array(text.length + 1);
  bytes[0] = ESC;
  for (let i = 0; i < text.length; i++) bytes[i + 1] = text.charCodeAt(i);
  return { bytes, set: GRAPHIC_SETS[id] };
}

/**
 * The escape sequences DICOM defines, the one DICOM writes for each set first. PS3.3 Table C.12-3
 * (single-byte sets: ESC ( B and ESC ( J into G0, ESC ) I and ESC - F into G1) and Table C.12-4
 * (multi-byte sets: ESC $ B and ESC $ ( D into G0, ESC $ ) C and ESC $ ) A into G1). Two older
 * designations of JIS X 0208 that Japanese systems still write are read as well.
 */
export const ESCAPE_SEQUENCES: readonly EscapeSequence[] = [
  seq("(B", "ISO-IR 6"),
  seq("(J", "ISO-IR 14"),
  seq(")I", "ISO-IR 13"),
  seq("-A", "ISO-IR 100"),
  seq("-B", "ISO-IR 101"),
  seq("-C", "ISO-IR 109"),
  seq("-D", "ISO-IR 110"),
  seq("-L", "ISO-IR 144"),
  seq("-G", "ISO-IR 127"),
  seq("-F", "ISO-IR 126"),
  seq("-H", "ISO-IR 138"),
  seq("-M", "ISO-IR 148"),
  seq("-b", "ISO-IR 203"),
  seq("-T", "ISO-IR 166"),
  seq("$B", "ISO-IR 87"),
  seq("$(D", "ISO-IR 159"),
  seq("$)C", "ISO-IR 149"),
  seq("$)A", "ISO-IR 58"),
  // Not in DICOM's tables: JIS C 6226-1978 (ESC $ @) and the 4-byte form of ESC $ B.
  seq("$@", "ISO-IR 87"),
  seq("$(B", "ISO-IR 87"),
];

const BY_TEXT = new Map<string, EscapeSequence>();
const BY_SET = new Map<GraphicSetId, EscapeSequence>();
for (const s of ESCAPE_SEQUENCES) {
  BY_TEXT.set(String.fromCharCode(...s.bytes), s);
  if (!BY_SET.has(s.set.id)) BY_SET.set(s.set.id, s);
}

/**
 * The escape sequence DICOM writes to designate a graphic set.
 * @example
 * ```ts
 * import { escapeSequenceOf } from "./iso2022.ts";
 * import { graphicSet } from "./graphic_set.ts";
 * escapeSequenceOf(graphicSet("ISO-IR 87")); // Uint8Array [0x1b, 0x24, 0x42] (ESC $ B)
 * ```
 */
export function escapeSequenceOf(set: GraphicSet): Uint8Array {
  return BY_SET.get(set.id)!.bytes;
}

/** An escape sequence read from a value: its length and the set it designates, if known. */
export interface EscapeRead {
  /** Bytes the sequence spans, ESC included. */
  readonly length: number;
  /** The designated set, or `undefined` for a sequence DICOM does not define or a broken one. */
  readonly set: GraphicSet | undefined;
}

/**
 * Reads the escape sequence at `offset` (which holds ESC): ESC, intermediate bytes 02/00-02/15,
 * one final byte 03/00-07/14 (ISO/IEC 2022 13.1). A sequence cut short spans up to the bad byte.
 * @example
 * ```ts
 * import { readEscapeSequence } from "./iso2022.ts";
 * const read = readEscapeSequence(new Uint8Array([0x41, 0x1b, 0x24, 0x29, 0x43]), 1);
 * read.length; // 4
 * read.set?.id; // "ISO-IR 149"
 * ```
 */
export function readEscapeSequence(bytes: Uint8Array, offset: number): EscapeRead {
  let end = offset + 1;
  while (end < bytes.length && bytes[end] >= 0x20 && bytes[end] <= 0x2f) end++;
  if (end >= bytes.length || bytes[end] < 0x30 || bytes[end] > 0x7e) {
    return { length: end - offset, set: undefined };
  }
  end++;
  let text = "";
  for (let i = offset; i < end; i++) text += String.fromCharCode(bytes[i]);
  return { length: end - offset, set: BY_TEXT.get(text)?.set };
}

/** A stretch of a value between escape sequences. */
export interface EscapeRun {
  /** Where the escape sequence that opens the run starts; `undefined` for a leading run. */
  readonly escapeStart: number | undefined;
  /** The set the opening escape designates; `undefined` if none, unknown or broken. */
  readonly set: GraphicSet | undefined;
  /** First byte of the text after the escape sequence. */
  readonly start: number;
  /** End (exclusive) of the text, where the next escape sequence or the value ends. */
  readonly end: number;
}

/**
 * Splits a value at its escape sequences: a leading run without one (if the value does not start
 * with ESC), then one run per escape sequence with the text it governs. Concatenating each run's
 * escape and text gives back the value.
 * @example
 * ```ts
 * import { splitEscapeSequences } from "./iso2022.ts";
 * // "Yamada=" ESC $ B ";3ED" ESC ( B
 * const bytes = new TextEncoder().encode("Yamada=\x1b$B;3ED\x1b(B");
 * splitEscapeSequences(bytes).map((r) => [r.set?.id, r.start, r.end]);
 * // [[undefined, 0, 7], ["ISO-IR 87", 10, 14], ["ISO-IR 6", 17, 17]]
 * ```
 */
export function splitEscapeSequences(bytes: Uint8Array): EscapeRun[] {
  const runs: EscapeRun[] = [];
  let i = bytes.indexOf(ESC);
  if (i < 0) i = bytes.length;
  if (i > 0) runs.push({ escapeStart: undefined, set: undefined, start: 0, end: i });
  while (i < bytes.length) {
    const read = readEscapeSequence(bytes, i);
    const start = i + read.length;
    let next = bytes.indexOf(ESC, start);
    if (next < 0) next = bytes.length;
    runs.push({ escapeStart: i, set: read.set, start, end: next });
    i = next;
  }
  return runs;
}
