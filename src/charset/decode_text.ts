/**
 * Decoding the bytes of a text value (SH, LO, ST, LT, UC, UT, PN) under a Specific Character
 * Set (0008,0005), including ISO 2022 code extensions (PS3.5 6.1).
 * @module
 */
import iconv from "iconv-lite";
import { delimitersFor } from "./_delimiters.ts";
import {
  resolveCharacterSet,
  type ResolvedCharacterSet,
  type SpecificCharacterSet,
} from "./character_set.ts";
import { CharacterSetError } from "./character_set_error.ts";
import type { GraphicSet } from "./graphic_set.ts";
import { ESC, readEscapeSequence } from "./iso2022.ts";

/** Options of {@linkcode decodeText}. */
export interface DecodeTextOptions {
  /**
   * The VR of the value, which sets where the initial character sets return (PS3.5 6.1.2.5.3):
   * CR, LF, FF and TAB always; backslash unless ST, LT, UT or UR; `^` and `=` for PN.
   * Default: none (as a multi-valued VR).
   */
  vr?: string;
  /**
   * Default `true`: read what can be read, with U+FFFD for bytes invalid in the active set,
   * ISO 8859-1 for bytes above 7F when no G1 set is active, ISO_IR 6 for an unknown value 1,
   * and a warning through `onWarning` for each kind of problem. `false`: throw a
   * {@linkcode CharacterSetError} instead. Values of bytes below 80 without ESC read the same
   * under every term, so they never warn or throw.
   */
  lenient?: boolean;
  /** Receives each lenient-mode problem once per call. Default: problems are dropped. */
  onWarning?: (message: string) => void;
}

const UTF8_FATAL = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const UTF8_LENIENT = new TextDecoder("utf-8", { ignoreBOM: true });
const CHUNK = 8192;

/** UTF-16 code units as a string, in chunks so long values do not overflow the call stack. */
function codeUnitsToString(units: Uint16Array, length: number): string {
  let s = "";
  for (let i = 0; i < length; i += CHUNK) {
    const chunk = units.subarray(i, Math.min(length, i + CHUNK));
    s += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return s;
}

function asciiString(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n <= CHUNK) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let s = "";
  for (let i = 0; i < n; i += CHUNK) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return s;
}

function hex2(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, "0");
}

class Problems {
  readonly #label: string;
  readonly #lenient: boolean;
  readonly #onWarning: ((message: string) => void) | undefined;
  #seen: Set<string> | undefined;

  constructor(label: string, lenient: boolean, onWarning?: (message: string) => void) {
    this.#label = label;
    this.#lenient = lenient;
    this.#onWarning = onWarning;
  }

  /**
   * Throws in strict mode; in lenient mode warns once per `kind`, saying what was done
   * (`lenientAction`) about the problem.
   */
  report(kind: string, message: string, lenientAction: string, offset?: number): void {
    if (!this.#lenient) {
      throw new CharacterSetError(`Cannot decode text as ${this.#label}: ${message}`, {
        charset: this.#label,
        offset,
      });
    }
    this.#seen ??= new Set();
    if (this.#seen.has(kind)) return;
    this.#seen.add(kind);
    this.#onWarning?.(`Decoding text as ${this.#label}: ${message}, ${lenientAction}`);
  }
}

function decodeStandalone(bytes: Uint8Array, r: ResolvedCharacterSet, problems: Problems): string {
  if (r.standalone === "UTF-8") {
    try {
      return UTF8_FATAL.decode(bytes);
    } catch {
      problems.report("bytes", "invalid UTF-8", "replaced by U+FFFD");
      return UTF8_LENIENT.decode(bytes);
    }
  }
  const encoding = r.standalone === "GB18030" ? "gb18030" : "gbk";
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  if (text.includes("\ufffd")) {
    const again = iconv.encode(text, encoding);
    if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) {
      problems.report("bytes", `invalid ${r.standalone} bytes`, "replaced by U+FFFD");
    }
  }
  return text;
}

/**
 * The ISO 2022 state machine: G0 and G1 start as value 1 sets them, escape sequences designate
 * others, and delimiters return both to the start (PS3.5 6.1.2.5.3).
 */
function decodeIso2022(
  bytes: Uint8Array,
  r: ResolvedCharacterSet,
  delimiters: Uint8Array,
  problems: Problems,
): string {
  const out = new Uint16Array(bytes.length);
  let o = 0;
  let g0: GraphicSet = r.initialG0;
  let g1: GraphicSet | undefined = r.initialG1;
  const bad = (offset: number, what: string) => {
    problems.report("bytes", `${what} at offset ${offset}`, "replaced by U+FFFD", offset);
    out[o++] = 0xfffd;
  };

  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b === ESC) {
      const read = readEscapeSequence(bytes, i);
      const set = read.set;
      if (set === undefined) {
        const text = Array.from(bytes.subarray(i, i + read.length), hex2).join(" ");
        problems.report(
          "escape",
          `unknown escape sequence ${text} at offset ${i}`,
          "kept as text",
          i,
        );
        // Kept as text, as pydicom does: ESC reads as U+001B, the rest as G0 characters.
        out[o++] = ESC;
        i++;
        continue;
      }
      if (!r.sets.includes(set) && set.id !== "ISO-IR 6" && set.id !== "ISO-IR 14") {
        problems.report(
          `undeclared ${set.id}`,
          `escape sequence at offset ${i} designates ${set.id} (${set.name}), ` +
            "which the Specific Character Set does not declare",
          "used all the same",
          i,
        );
      }
      if (set.slot === "G0") g0 = set;
      else g1 = set;
      i += read.length;
      continue;
    }
    if (b < 0x80) {
      // GL: the G0 set. Space, DEL and controls are themselves in every G0 set.
      if (g0.bytesPerCharacter === 1 || b <= 0x20 || b === 0x7f) {
        out[o++] = b;
        i++;
        if (delimiters[b] === 1) {
          g0 = r.initialG0;
          g1 = r.initialG1;
        }
        continue;
      }
      const b2 = i + 1 < n ? bytes[i + 1] : -1;
      if (b2 < 0x21 || b2 > 0x7e) {
        bad(i, `incomplete ${g0.name} character ${hex2(b)}`);
        i++;
        continue;
      }
      const cp = g0.decode((b << 8) | b2);
      if (cp < 0) bad(i, `${hex2(b)} ${hex2(b2)} not in ${g0.name}`);
      else out[o++] = cp;
      i += 2;
      continue;
    }
    // GR: the G1 set.
    if (g1 === undefined) {
      problems.report(
        "no G1",
        `byte ${hex2(b)} at offset ${i} is outside ${r.initialG0.id}`,
        "read as ISO 8859-1",
        i,
      );
      out[o++] = b;
      i++;
      continue;
    }
    if (g1.bytesPerCharacter === 1) {
      const cp = g1.decode(b);
      if (cp < 0) bad(i, `${hex2(b)} not in ${g1.name}`);
      else out[o++] = cp;
      i++;
      continue;
    }
    const b2 = i + 1 < n ? bytes[i + 1] : -1;
    if (b < 0xa1 || b > 0xfe || b2 < 0xa1 || b2 > 0xfe) {
      bad(i, `${hex2(b)} is no ${g1.name} character`);
      i++;
      continue;
    }
    const cp = g1.decode((b << 8) | b2);
    if (cp < 0) bad(i, `${hex2(b)} ${hex2(b2)} not in ${g1.name}`);
    else out[o++] = cp;
    i += 2;
  }
  return codeUnitsToString(out, o);
}

/**
 * Decodes the bytes of a text value under a Specific Character Set (0008,0005). Pass the
 * whole value, backslashes included, and split multiple values afterwards: in GBK, GB18030 and
 * JIS X 0208 a 5C byte can be half of a character. Padding is kept.
 *
 * ASCII-only bytes (the usual case) take a fast path. Single-byte sets, ISO 2022 code
 * extensions (escape sequences, PS3.5 6.1.2.5) and the stand-alone UTF-8, GB18030 and GBK are
 * all handled; decoding never throws unless `lenient` is `false`.
 * @throws {CharacterSetError} with `lenient: false`, for an unknown term, an unknown or
 * undeclared escape sequence, or bytes invalid in the active character set.
 * @example
 * ```ts
 * import { decodeText } from "./decode_text.ts";
 * import { SpecificCharacterSet } from "./character_set.ts";
 * const cs = SpecificCharacterSet.parse(["", "ISO 2022 IR 149"]);
 * // "Hong^Gildong=" ESC $ ) C FB F3 (PS3.5 Annex I)
 * const bytes = new Uint8Array([...new TextEncoder().encode("Hong^Gildong=\x1b$)C"), 0xfb, 0xf3]);
 * decodeText(bytes, cs, { vr: "PN" }); // "Hong^Gildong=洪"
 * ```
 */
export function decodeText(
  bytes: Uint8Array,
  charset: SpecificCharacterSet,
  options: DecodeTextOptions = {},
): string {
  // Fast path: every byte below 80 and no ESC reads the same in every character set.
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b >= 0x80 || b === ESC) break;
    i++;
  }
  if (i === n) return asciiString(bytes);

  const r = resolveCharacterSet(charset);
  const problems = new Problems(r.label, options.lenient ?? true, options.onWarning);
  if (r.unknownTerms.length > 0 && options.lenient === false) {
    throw new CharacterSetError(
      `Cannot decode text as ${r.label}: unknown Specific Character Set term '${
        r.unknownTerms[0]
      }'`,
      { charset: r.label },
    );
  }
  for (const warning of r.warnings) options.onWarning?.(warning);
  if (r.standalone !== undefined) return decodeStandalone(bytes, r, problems);
  return decodeIso2022(bytes, r, delimitersFor(options.vr), problems);
}
