/**
 * Encoding a text value (SH, LO, ST, LT, UC, UT, PN) under a Specific Character Set
 * (0008,0005), switching between its character sets with ISO 2022 escape sequences where
 * needed (PS3.5 6.1.2.5).
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
import { ESC, escapeSequenceOf } from "./iso2022.ts";

/** Options of {@linkcode encodeText}. */
export interface EncodeTextOptions {
  /**
   * The VR of the value, which sets the delimiters before which the initial character sets
   * are restored (PS3.5 6.1.2.5.3): CR, LF, FF and TAB always; backslash unless ST, LT, UT or
   * UR; `^` and `=` for PN. Default: none (as a multi-valued VR).
   */
  vr?: string;
  /**
   * Default `false`: a character no declared set has throws a {@linkcode CharacterSetError}.
   * `true`: it is written as `?` instead.
   */
  replace?: boolean;
}

const UTF8 = new TextEncoder();

class ByteSink {
  #bytes: Uint8Array;
  #length = 0;

  constructor(capacity: number) {
    this.#bytes = new Uint8Array(Math.max(16, capacity));
  }

  #reserve(n: number): void {
    if (this.#length + n <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + n));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }

  push(b: number): void {
    this.#reserve(1);
    this.#bytes[this.#length++] = b;
  }

  pushAll(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  result(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}

function describe(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  const shown = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff)
    ? ""
    : ` '${String.fromCodePoint(cp)}'`;
  return `U+${hex}${shown}`;
}

function unencodable(cp: number, r: ResolvedCharacterSet, why: string): CharacterSetError {
  return new CharacterSetError(`Cannot encode ${describe(cp)} as ${r.label}: ${why}`, {
    charset: r.label,
    character: cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp),
  });
}

function notInSets(r: ResolvedCharacterSet): string {
  if (r.unknownTerms.length > 0) {
    return `not in its known character sets (unknown term '${r.unknownTerms[0]}')`;
  }
  return `not in ${r.sets.map((s) => `${s.id} (${s.name})`).join(", ")}`;
}

function encodeStandalone(text: string, r: ResolvedCharacterSet, replace: boolean): Uint8Array {
  if (r.standalone === "UTF-8") {
    // TextEncoder turns lone surrogates into U+FFFD silently; refuse them instead.
    if (/[\ud800-\udfff]/.test(text)) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0xd800 || c > 0xdfff) continue;
        const pair = c < 0xdc00 && i + 1 < text.length &&
          text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
        if (pair) {
          i++;
          continue;
        }
        if (!replace) throw unencodable(c, r, "lone surrogate");
        text = text.slice(0, i) + "?" + text.slice(i + 1);
      }
    }
    return UTF8.encode(text);
  }
  const encoding = r.standalone === "GB18030" ? "gb18030" : "gbk";
  const whole = iconv.encode(text, encoding);
  if (iconv.decode(whole, encoding, { stripBOM: false }) === text) return new Uint8Array(whole);
  // Something did not survive: find it code point by code point.
  const sink = new ByteSink(whole.length);
  for (const ch of text) {
    const bytes = iconv.encode(ch, encoding);
    if (iconv.decode(bytes, encoding, { stripBOM: false }) === ch) {
      sink.pushAll(bytes);
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (!replace) throw unencodable(cp, r, `not in ${r.standalone}`);
    sink.push(0x3f);
  }
  return sink.result();
}

/**
 * Encodes a text value under a Specific Character Set (0008,0005). Characters are taken from
 * the declared sets, trying the sets already active first, then the terms in order; an escape
 * sequence is written only when a character needs a set that is not active (PS3.5 6.1.2.5),
 * and the initial G0 set is restored before every delimiter and at the end of the value
 * (PS3.5 6.1.2.5.3). Pass multiple values joined with backslashes. ESC (U+001B) is never
 * written as text outside ISO_IR 192, GB18030 and GBK.
 * @throws {CharacterSetError} for a character none of the declared sets has, unless `replace`.
 * @example
 * ```ts
 * import { encodeText } from "./encode_text.ts";
 * import { SpecificCharacterSet } from "./character_set.ts";
 * const cs = SpecificCharacterSet.parse(["", "ISO 2022 IR 87"]);
 * encodeText("Yamada^Tarou=山田^太郎", cs, { vr: "PN" });
 * // "Yamada^Tarou=" ESC $ B ";3ED" ESC ( B "^" ESC $ B "B@O:" ESC ( B
 * ```
 */
export function encodeText(
  text: string,
  charset: SpecificCharacterSet,
  options: EncodeTextOptions = {},
): Uint8Array {
  // Fast path: ASCII reads the same in every character set.
  const n = text.length;
  const ascii = new Uint8Array(n);
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || c === ESC) break;
    ascii[i] = c;
  }
  if (i === n) return ascii;
  const r = resolveCharacterSet(charset);
  const replace = options.replace ?? false;
  if (r.standalone !== undefined) return encodeStandalone(text, r, replace);

  const delimiters = delimitersFor(options.vr);
  const sink = new ByteSink(n * 2 + 8);
  let g0: GraphicSet = r.initialG0;
  let g1: GraphicSet | undefined = r.initialG1;
  const designate = (set: GraphicSet) => {
    sink.pushAll(escapeSequenceOf(set));
    if (set.slot === "G0") g0 = set;
    else g1 = set;
  };
  // Every 7-bit character is written with the initial G0 set (ASCII or JIS X 0201 Romaji).
  const single = (b: number) => {
    if (g0 !== r.initialG0) designate(r.initialG0);
    sink.push(b);
  };

  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 && cp !== ESC) {
      single(cp);
      // PS3.5 6.1.2.5.3: the sets of value 1 are active again after a delimiter.
      if (delimiters[cp] === 1) g1 = r.initialG1;
      continue;
    }
    let set: GraphicSet | undefined;
    let code = -1;
    if (cp !== ESC) {
      // The active sets first (no escape needed), then the declared ones in order; a set whose
      // code reads back as another character (a cp932-style alias) only when no set is exact.
      const candidates = [g1, g0.bytesPerCharacter === 2 ? g0 : undefined, ...r.sets];
      for (const exactOnly of [true, false]) {
        for (const s of candidates) {
          if (s === undefined) continue;
          const c = s.encode(cp);
          if (c >= 0 && (!exactOnly || s.decode(c) === cp)) {
            set = s;
            code = c;
            break;
          }
        }
        if (set !== undefined) break;
      }
    }
    if (set === undefined) {
      if (!replace) {
        throw unencodable(cp, r, cp === ESC ? "ESC only starts escape sequences" : notInSets(r));
      }
      single(0x3f);
      continue;
    }
    if (set !== (set.slot === "G0" ? g0 : g1)) designate(set);
    if (set.bytesPerCharacter === 2) sink.push(code >> 8);
    sink.push(code & 0xff);
  }
  if (g0 !== r.initialG0) designate(r.initialG0);
  return sink.result();
}
