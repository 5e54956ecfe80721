/**
 * The 34 value representations of PS3.5 6.2 and what the codecs need to know about each.
 * @module
 */

/** A value representation code (PS3.5 Table 6.2-1). */
export type Vr =
  | "AE"
  | "AS"
  | "AT"
  | "CS"
  | "DA"
  | "DS"
  | "DT"
  | "FD"
  | "FL"
  | "IS"
  | "LO"
  | "LT"
  | "OB"
  | "OD"
  | "OF"
  | "OL"
  | "OV"
  | "OW"
  | "PN"
  | "SH"
  | "SL"
  | "SQ"
  | "SS"
  | "ST"
  | "SV"
  | "TM"
  | "UC"
  | "UI"
  | "UL"
  | "UN"
  | "UR"
  | "US"
  | "UT"
  | "UV"; // deno-fmt-ignore

/** How the value bytes of a VR are to be understood. */
export type VrKind = "text" | "number" | "bytes" | "tag" | "sequence";

/** What the codecs know about a VR. */
export interface VrInfo {
  /** The VR code. */
  readonly vr: Vr;
  /** Text (character strings), number (binary numbers), bytes (OB/OW/UN...), tag (AT) or sequence. */
  readonly kind: VrKind;
  /** Size of one binary value in bytes (0 for text and sequences); also the byte-swap unit. */
  readonly size: number;
  /** True where explicit VR uses 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
  readonly longLength: boolean;
  /** Byte used to pad an odd-length value to even length (PS3.5 6.2): NUL for UI/OB/UN, else space. */
  readonly padding: number;
  /** True for text VRs whose values split on backslash into several values. */
  readonly multiValued: boolean;
  /** True for text VRs decoded with the Specific Character Set (PS3.5 6.1.2.3). */
  readonly usesCharacterSet: boolean;
  /** Maximum length of one value in bytes or characters (0 for no limit), PS3.5 Table 6.2-1. */
  readonly maxLength: number;
}

function info(
  vr: Vr,
  kind: VrKind,
  size: number,
  longLength: boolean,
  extra: Partial<Pick<VrInfo, "padding" | "multiValued" | "usesCharacterSet" | "maxLength">> = {},
): VrInfo {
  return {
    vr,
    kind,
    size,
    longLength,
    padding: extra.padding ?? (kind === "text" ? 0x20 : 0x00),
    multiValued: extra.multiValued ?? false,
    usesCharacterSet: extra.usesCharacterSet ?? false,
    maxLength: extra.maxLength ?? 0,
  };
}

const MULTI = { multiValued: true };
const CHARSET_MULTI = { multiValued: true, usesCharacterSet: true };

/** What the codecs know about every VR, keyed by its code. */
export const VR_INFO: Readonly<Record<Vr, VrInfo>> = {
  AE: info("AE", "text", 0, false, { ...MULTI, maxLength: 16 }),
  AS: info("AS", "text", 0, false, { ...MULTI, maxLength: 4 }),
  AT: info("AT", "tag", 4, false),
  CS: info("CS", "text", 0, false, { ...MULTI, maxLength: 16 }),
  DA: info("DA", "text", 0, false, { ...MULTI, maxLength: 8 }),
  DS: info("DS", "text", 0, false, { ...MULTI, maxLength: 16 }),
  DT: info("DT", "text", 0, false, { ...MULTI, maxLength: 26 }),
  FD: info("FD", "number", 8, false),
  FL: info("FL", "number", 4, false),
  IS: info("IS", "text", 0, false, { ...MULTI, maxLength: 12 }),
  LO: info("LO", "text", 0, false, { ...CHARSET_MULTI, maxLength: 64 }),
  LT: info("LT", "text", 0, false, { usesCharacterSet: true, maxLength: 10240 }),
  OB: info("OB", "bytes", 1, true),
  OD: info("OD", "bytes", 8, true),
  OF: info("OF", "bytes", 4, true),
  OL: info("OL", "bytes", 4, true),
  OV: info("OV", "bytes", 8, true),
  OW: info("OW", "bytes", 2, true),
  PN: info("PN", "text", 0, false, { ...CHARSET_MULTI, maxLength: 64 }),
  SH: info("SH", "text", 0, false, { ...CHARSET_MULTI, maxLength: 16 }),
  SL: info("SL", "number", 4, false),
  SQ: info("SQ", "sequence", 0, true),
  SS: info("SS", "number", 2, false),
  ST: info("ST", "text", 0, false, { usesCharacterSet: true, maxLength: 1024 }),
  SV: info("SV", "number", 8, true),
  TM: info("TM", "text", 0, false, { ...MULTI, maxLength: 14 }),
  UC: info("UC", "text", 0, true, CHARSET_MULTI),
  UI: info("UI", "text", 0, false, { ...MULTI, padding: 0x00, maxLength: 64 }),
  UL: info("UL", "number", 4, false),
  UN: info("UN", "bytes", 1, true),
  UR: info("UR", "text", 0, true),
  US: info("US", "number", 2, false),
  UT: info("UT", "text", 0, true, { usesCharacterSet: true }),
  UV: info("UV", "number", 8, true),
};

/**
 * True when `code` is one of the 34 VRs.
 * @example
 * ```ts
 * import { isVr } from "./vr.ts";
 * isVr("PN"); // true
 * isVr("XX"); // false
 * ```
 */
export function isVr(code: string): code is Vr {
  return Object.hasOwn(VR_INFO, code);
}

/**
 * What the codecs know about a VR.
 * @example
 * ```ts
 * import { vrInfo } from "./vr.ts";
 * vrInfo("OB").longLength; // true
 * ```
 */
export function vrInfo(vr: Vr): VrInfo {
  return VR_INFO[vr];
}
