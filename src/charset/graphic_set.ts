/**
 * The graphic character sets (code elements) that DICOM's Specific Character Set (0008,0005)
 * names: PS3.3 C.12.1.1.2, Tables C.12-2 to C.12-4. Each maps codes as they appear in a value
 * to Unicode and back; the tables are built lazily from iconv-lite on first use.
 * @module
 */
import iconv from "iconv-lite";

/** The ISO-IR registration number of a graphic character set, e.g. `"ISO-IR 87"`. */
export type GraphicSetId =
  | "ISO-IR 6"
  | "ISO-IR 14"
  | "ISO-IR 13"
  | "ISO-IR 100"
  | "ISO-IR 101"
  | "ISO-IR 109"
  | "ISO-IR 110"
  | "ISO-IR 144"
  | "ISO-IR 127"
  | "ISO-IR 126"
  | "ISO-IR 138"
  | "ISO-IR 148"
  | "ISO-IR 203"
  | "ISO-IR 166"
  | "ISO-IR 87"
  | "ISO-IR 159"
  | "ISO-IR 149"
  | "ISO-IR 58";

/**
 * One graphic character set. Codes are the byte values as they appear in a DICOM value: one
 * byte for single-byte sets, `(first << 8) | second` for two-byte sets; G0 sets use 7-bit bytes
 * (0x21-0x7E for two-byte sets) and G1 sets 8-bit bytes (0x80-0xFF, 0xA1-0xFE for two-byte sets).
 */
export interface GraphicSet {
  /** The ISO-IR number, e.g. `"ISO-IR 149"`. */
  readonly id: GraphicSetId;
  /** The character set's own name, e.g. `"KS X 1001"`. */
  readonly name: string;
  /** Where DICOM designates it: G0 (invoked to bytes 0x00-0x7F) or G1 (bytes 0x80-0xFF). */
  readonly slot: "G0" | "G1";
  /** Bytes per character: 1 or 2. */
  readonly bytesPerCharacter: 1 | 2;
  /** The Unicode code point of a code, or -1 if the set does not define it. */
  decode(code: number): number;
  /** The code of a Unicode code point, or -1 if the set cannot represent it. */
  encode(codePoint: number): number;
  /** Every code point that encodes and decodes back to itself, ascending by code. */
  repertoire(): number[];
}

interface Tables {
  decode: Uint16Array;
  encode: Map<number, number>;
}

/** Index of a two-byte code (7- or 8-bit form) in a 94x94 table, or -1. */
function index94(code: number): number {
  const row = ((code >> 8) & 0x7f) - 0x21;
  const cell = (code & 0x7f) - 0x21;
  if (row < 0 || row > 93 || cell < 0 || cell > 93 || code > 0xffff) return -1;
  return row * 94 + cell;
}

class TableGraphicSet implements GraphicSet {
  readonly id: GraphicSetId;
  readonly name: string;
  readonly slot: "G0" | "G1";
  readonly bytesPerCharacter: 1 | 2;
  #build: () => Tables;
  #tables: Tables | undefined;

  constructor(
    id: GraphicSetId,
    name: string,
    slot: "G0" | "G1",
    bytesPerCharacter: 1 | 2,
    build: () => Tables,
  ) {
    this.id = id;
    this.name = name;
    this.slot = slot;
    this.bytesPerCharacter = bytesPerCharacter;
    this.#build = build;
  }

  #get(): Tables {
    return this.#tables ??= this.#build();
  }

  decode(code: number): number {
    const table = this.#get().decode;
    const i = this.bytesPerCharacter === 1
      ? (code >= 0 && code < 0x100 ? code : -1)
      : index94(code);
    if (i < 0) return -1;
    const cp = table[i];
    return cp === 0 ? -1 : cp;
  }

  encode(codePoint: number): number {
    return this.#get().encode.get(codePoint) ?? -1;
  }

  repertoire(): number[] {
    const out: number[] = [];
    const table = this.#get().decode;
    for (let i = 0; i < table.length; i++) {
      const cp = table[i];
      if (cp === 0) continue;
      const code = this.bytesPerCharacter === 1 ? i : this.#codeOf(i);
      if (this.encode(cp) === code) out.push(cp);
    }
    return out;
  }

  #codeOf(index: number): number {
    const high = this.slot === "G1" ? 0x80 : 0;
    return ((Math.floor(index / 94) + 0x21 + high) << 8) | ((index % 94) + 0x21 + high);
  }
}

/** The ASCII G0 set; ISO-IR 14 (JIS X 0201 Romaji) reads the same way here, as pydicom does. */
function asciiTables(): Tables {
  const decode = new Uint16Array(256);
  const encode = new Map<number, number>();
  for (let b = 1; b < 0x80; b++) {
    decode[b] = b;
    encode.set(b, b);
  }
  return { decode, encode };
}

/** An ISO 8859 or TIS 620 upper half, decoded byte by byte with iconv-lite. */
function singleByteTables(encoding: string): () => Tables {
  return () => {
    const decode = new Uint16Array(256);
    const encode = new Map<number, number>();
    for (let b = 0x80; b < 0x100; b++) {
      const s = iconv.decode(new Uint8Array([b]), encoding);
      if (s.length !== 1 || s === "\ufffd") continue;
      const cp = s.charCodeAt(0);
      decode[b] = cp;
      if (!encode.has(cp)) encode.set(cp, b);
    }
    return { decode, encode };
  };
}

/** JIS X 0201 katakana: bytes 0xA1-0xDF are U+FF61-U+FF9F (PS3.3 Table C.12-2, ISO-IR 13). */
function katakanaTables(): Tables {
  const decode = new Uint16Array(256);
  const encode = new Map<number, number>();
  for (let b = 0xa1; b <= 0xdf; b++) {
    decode[b] = 0xff61 + b - 0xa1;
    encode.set(0xff61 + b - 0xa1, b);
  }
  return { decode, encode };
}

interface DoubleByteSpec {
  /** iconv-lite encoding whose bytes 0xA1-0xFE pairs (after `prefix`) are this set. */
  encoding: string;
  prefix: number[];
  /** 7-bit codes whose Unicode mapping differs from iconv-lite's (the Unicode mapping tables'). */
  overrides?: Record<number, number>;
  /** 7-bit codes readable but never written: vendor extensions outside the set proper. */
  decodeOnly?: (code: number) => boolean;
}

/** A 94x94 set read from an EUC-style iconv-lite codec pair by pair. */
function doubleByteTables(spec: DoubleByteSpec, slot: "G0" | "G1"): () => Tables {
  return () => {
    const decode = new Uint16Array(94 * 94);
    const encode = new Map<number, number>();
    const aliases: [number, number][] = [];
    const high = slot === "G1" ? 0x8080 : 0;
    const pair = new Uint8Array(spec.prefix.length + 2);
    pair.set(spec.prefix);
    const p = spec.prefix.length;
    for (let row = 0x21; row <= 0x7e; row++) {
      for (let cell = 0x21; cell <= 0x7e; cell++) {
        pair[p] = row | 0x80;
        pair[p + 1] = cell | 0x80;
        const s = iconv.decode(pair, spec.encoding);
        if (s.length !== 1 || s === "\ufffd") continue;
        const code7 = (row << 8) | cell;
        let cp = s.charCodeAt(0);
        const override = spec.overrides?.[code7];
        if (override !== undefined) {
          aliases.push([cp, code7]);
          cp = override;
        }
        decode[(row - 0x21) * 94 + cell - 0x21] = cp;
        if (spec.decodeOnly?.(code7) || encode.has(cp)) continue;
        encode.set(cp, code7 | high);
      }
    }
    for (const [cp, code7] of aliases) if (!encode.has(cp)) encode.set(cp, code7 | high);
    return { decode, encode };
  };
}

// iconv-lite's EUC-JP is the WHATWG one: JIS X 0208 plus NEC row 13 and the IBM extensions
// (rows 89-92), with six cp932-style mappings. Rows 13 and 89-92 are read but never written,
// and the six take the JIS0208.TXT mappings Python and DCMTK use (the cp932 ones still encode).
const JIS_X_0208: DoubleByteSpec = {
  encoding: "eucjp",
  prefix: [],
  overrides: {
    0x2141: 0x301c, // WAVE DASH (cp932: U+FF5E)
    0x2142: 0x2016, // DOUBLE VERTICAL LINE (cp932: U+2225)
    0x215d: 0x2212, // MINUS SIGN (cp932: U+FF0D)
    0x2171: 0x00a2, // CENT SIGN (cp932: U+FFE0)
    0x2172: 0x00a3, // POUND SIGN (cp932: U+FFE1)
    0x224c: 0x00ac, // NOT SIGN (cp932: U+FFE2)
  },
  decodeOnly: (code) => (code >> 8) === 0x2d || (code >> 8) >= 0x79,
};

const JIS_X_0212: DoubleByteSpec = { encoding: "eucjp", prefix: [0x8f] };

const KS_X_1001: DoubleByteSpec = { encoding: "cp949", prefix: [] };

// iconv-lite reads GB 2312 as cp936 (GBK): two mappings differ from GB2312.TXT, and GBK added a
// few symbols in rows 2, 6 and 8 that GB 2312 lacks; those are read but never written.
const GB_2312: DoubleByteSpec = {
  encoding: "gb2312",
  prefix: [],
  overrides: {
    0x2124: 0x30fb, // KATAKANA MIDDLE DOT (cp936: U+00B7)
    0x212a: 0x2015, // HORIZONTAL BAR (cp936: U+2014)
  },
  decodeOnly: (code) =>
    (code >= 0x2221 && code <= 0x2230) || (code >= 0x2659 && code <= 0x267e) ||
    (code >= 0x283b && code <= 0x2844),
};

function sbcs(id: GraphicSetId, name: string, encoding: string): GraphicSet {
  return new TableGraphicSet(id, name, "G1", 1, singleByteTables(encoding));
}

/** Every graphic character set by ISO-IR number. */
export const GRAPHIC_SETS: Readonly<Record<GraphicSetId, GraphicSet>> = {
  "ISO-IR 6": new TableGraphicSet("ISO-IR 6", "ASCII", "G0", 1, asciiTables),
  "ISO-IR 14": new TableGraphicSet("ISO-IR 14", "JIS X 0201 Romaji", "G0", 1, asciiTables),
  "ISO-IR 13": new TableGraphicSet("ISO-IR 13", "JIS X 0201 Katakana", "G1", 1, katakanaTables),
  "ISO-IR 100": sbcs("ISO-IR 100", "ISO 8859-1 (Latin 1)", "latin1"),
  "ISO-IR 101": sbcs("ISO-IR 101", "ISO 8859-2 (Latin 2)", "iso88592"),
  "ISO-IR 109": sbcs("ISO-IR 109", "ISO 8859-3 (Latin 3)", "iso88593"),
  "ISO-IR 110": sbcs("ISO-IR 110", "ISO 8859-4 (Latin 4)", "iso88594"),
  "ISO-IR 144": sbcs("ISO-IR 144", "ISO 8859-5 (Cyrillic)", "iso88595"),
  "ISO-IR 127": sbcs("ISO-IR 127", "ISO 8859-6 (Arabic)", "iso88596"),
  "ISO-IR 126": sbcs("ISO-IR 126", "ISO 8859-7 (Greek)", "iso88597"),
  "ISO-IR 138": sbcs("ISO-IR 138", "ISO 8859-8 (Hebrew)", "iso88598"),
  "ISO-IR 148": sbcs("ISO-IR 148", "ISO 8859-9 (Latin 5)", "iso88599"),
  "ISO-IR 203": sbcs("ISO-IR 203", "ISO 8859-15 (Latin 9)", "iso885915"),
  "ISO-IR 166": sbcs("ISO-IR 166", "TIS 620-2533 (Thai)", "tis620"),
  "ISO-IR 87": new TableGraphicSet(
    "ISO-IR 87",
    "JIS X 0208",
    "G0",
    2,
    doubleByteTables(JIS_X_0208, "G0"),
  ),
  "ISO-IR 159": new TableGraphicSet(
    "ISO-IR 159",
    "JIS X 0212",
    "G0",
    2,
    doubleByteTables(JIS_X_0212, "G0"),
  ),
  "ISO-IR 149": new TableGraphicSet(
    "ISO-IR 149",
    "KS X 1001",
    "G1",
    2,
    doubleByteTables(KS_X_1001, "G1"),
  ),
  "ISO-IR 58": new TableGraphicSet(
    "ISO-IR 58",
    "GB 2312",
    "G1",
    2,
    doubleByteTables(GB_2312, "G1"),
  ),
};

/**
 * The graphic character set with the given ISO-IR number.
 * @example
 * ```ts
 * import { graphicSet } from "./graphic_set.ts";
 * const ks = graphicSet("ISO-IR 149");
 * String.fromCodePoint(ks.decode(0xc8ab)); // "홍"
 * ks.encode("홍".codePointAt(0)!); // 0xc8ab
 * ```
 */
export function graphicSet(id: GraphicSetId): GraphicSet {
  return GRAPHIC_SETS[id];
}
