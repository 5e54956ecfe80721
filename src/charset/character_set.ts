/**
 * Specific Character Set (0008,0005): its defined terms (PS3.3 C.12.1.1.2, Tables C.12-2 to
 * C.12-5) and what each one means for decoding and encoding text.
 * @module
 */
import { GRAPHIC_SETS, type GraphicSet, type GraphicSetId } from "./graphic_set.ts";

/** The character encoding of a defined term that forbids code extensions (PS3.3 Table C.12-5). */
export type StandaloneEncoding = "UTF-8" | "GB18030" | "GBK";

/** What a defined term of (0008,0005) stands for. */
export interface DefinedTerm {
  /** The defined term, e.g. `"ISO 2022 IR 149"`. */
  readonly term: string;
  /** Its character set description in PS3.3 Tables C.12-2 to C.12-5, e.g. `"Korean"`. */
  readonly description: string;
  /** Whether it is an ISO 2022 form that allows code extensions. */
  readonly codeExtensions: boolean;
  /** The graphic sets it makes available, in the order encoding tries them. */
  readonly sets: readonly GraphicSetId[];
  /** The G0 set active at the start of a value when it is value 1. */
  readonly initialG0: GraphicSetId;
  /** The G1 set active at the start of a value when it is value 1, if any. */
  readonly initialG1: GraphicSetId | undefined;
  /** For the terms that use no ISO 2022 code elements: the encoding of the whole value. */
  readonly standalone: StandaloneEncoding | undefined;
}

function term(
  name: string,
  description: string,
  sets: GraphicSetId[],
  initialG1?: GraphicSetId,
): DefinedTerm {
  return {
    term: name,
    description,
    codeExtensions: name.startsWith("ISO 2022"),
    sets,
    initialG0: sets.includes("ISO-IR 14") ? "ISO-IR 14" : "ISO-IR 6",
    initialG1,
    standalone: undefined,
  };
}

function singleByte(ir: number, description: string): DefinedTerm[] {
  const id = `ISO-IR ${ir}` as GraphicSetId;
  return [
    term(`ISO_IR ${ir}`, description, ["ISO-IR 6", id], id),
    term(`ISO 2022 IR ${ir}`, description, ["ISO-IR 6", id], id),
  ];
}

function standalone(name: string, description: string, encoding: StandaloneEncoding): DefinedTerm {
  return {
    term: name,
    description,
    codeExtensions: false,
    sets: [],
    initialG0: "ISO-IR 6",
    initialG1: undefined,
    standalone: encoding,
  };
}

/** Every defined term of PS3.3 C.12.1.1.2, by term. */
export const DEFINED_TERMS: ReadonlyMap<string, DefinedTerm> = new Map(
  [
    // Table C.12-2 (single-byte, no code extensions) and Table C.12-3 (with code extensions).
    term("ISO_IR 6", "Default repertoire", ["ISO-IR 6"]),
    term("ISO 2022 IR 6", "Default repertoire", ["ISO-IR 6"]),
    ...singleByte(100, "Latin alphabet No. 1"),
    ...singleByte(101, "Latin alphabet No. 2"),
    ...singleByte(109, "Latin alphabet No. 3"),
    ...singleByte(110, "Latin alphabet No. 4"),
    ...singleByte(144, "Cyrillic"),
    ...singleByte(127, "Arabic"),
    ...singleByte(126, "Greek"),
    ...singleByte(138, "Hebrew"),
    ...singleByte(148, "Latin alphabet No. 5"),
    ...singleByte(203, "Latin alphabet No. 9"),
    ...singleByte(166, "Thai"),
    term("ISO_IR 13", "Japanese", ["ISO-IR 14", "ISO-IR 13"], "ISO-IR 13"),
    term("ISO 2022 IR 13", "Japanese", ["ISO-IR 14", "ISO-IR 13"], "ISO-IR 13"),
    // Table C.12-4 (multi-byte, with code extensions).
    term("ISO 2022 IR 87", "Japanese", ["ISO-IR 87"]),
    term("ISO 2022 IR 159", "Japanese", ["ISO-IR 159"]),
    term("ISO 2022 IR 149", "Korean", ["ISO-IR 149"], "ISO-IR 149"),
    term("ISO 2022 IR 58", "Simplified Chinese", ["ISO-IR 58"], "ISO-IR 58"),
    // Table C.12-5 (multi-byte, no code extensions).
    standalone("ISO_IR 192", "Unicode in UTF-8", "UTF-8"),
    standalone("GB18030", "GB18030", "GB18030"),
    standalone("GBK", "GBK", "GBK"),
  ].map((t) => [t.term, t]),
);

/** Common misspellings (pydicom's list): `ISO IR 100`, `ISO-IR 100`, `ISO_2022-IR 100`, ... */
function correctedTerm(value: string): string | undefined {
  const upper = value.toUpperCase();
  if (upper === "GB18030" || upper === "GBK") return upper;
  if (upper === "ISO 2022 GBK") return "GBK";
  if (upper === "ISO 2022 58") return "ISO 2022 IR 58";
  let m = /^ISO[ _\-+]?2022[ _\-+]?IR[ _\-+]?(\d+)$/.exec(upper);
  if (m) return `ISO 2022 IR ${Number(m[1])}`;
  m = /^ISO[ _\-+]?IR[ _\-+]?(\d+)$/.exec(upper);
  if (m) return `ISO_IR ${Number(m[1])}`;
  return undefined;
}

/** What decoding and encoding need from a Specific Character Set, worked out once. */
export interface ResolvedCharacterSet {
  /** The value as written in (0008,0005), for messages: `\ISO 2022 IR 87`, or `ISO_IR 6`. */
  readonly label: string;
  /** Set when value 1 is ISO_IR 192, GB18030 or GBK: the encoding of the whole value. */
  readonly standalone: StandaloneEncoding | undefined;
  /** The G0 set at the start of a value and after each delimiter (PS3.5 6.1.2.5.3). */
  readonly initialG0: GraphicSet;
  /** The G1 set at the start of a value and after each delimiter, if any. */
  readonly initialG1: GraphicSet | undefined;
  /** The graphic sets of all the usable terms, in term order, for encoding. */
  readonly sets: readonly GraphicSet[];
  /** The values that are no defined term, even after correcting common misspellings. */
  readonly unknownTerms: readonly string[];
  /** Problems with the value: unknown or misspelled terms, ignored code extensions. */
  readonly warnings: readonly string[];
}

const RESOLVED = new WeakMap<SpecificCharacterSet, ResolvedCharacterSet>();

function resolve(terms: readonly string[]): ResolvedCharacterSet {
  const label = terms.length === 0 ? "ISO_IR 6" : terms.join("\\");
  const warnings: string[] = [];
  const unknownTerms: string[] = [];
  const defined: DefinedTerm[] = [];
  terms.forEach((value, i) => {
    if (value === "") {
      // PS3.3 C.12.1.1.2: an empty value 1 of a multi-valued attribute is ISO 2022 IR 6.
      if (i === 0) defined.push(DEFINED_TERMS.get("ISO 2022 IR 6")!);
      return;
    }
    let found = DEFINED_TERMS.get(value);
    if (found === undefined) {
      const corrected = correctedTerm(value);
      found = corrected === undefined ? undefined : DEFINED_TERMS.get(corrected);
      if (found !== undefined) {
        warnings.push(
          `Incorrect Specific Character Set term '${value}': assuming '${found.term}'`,
        );
      } else {
        unknownTerms.push(value);
        warnings.push(
          `Unknown Specific Character Set term '${value}': ` +
            (i === 0 ? "using ISO_IR 6, bytes above 7F read as ISO_IR 100" : "ignoring it"),
        );
        if (i === 0) defined.push(DEFINED_TERMS.get("ISO_IR 6")!);
        return;
      }
    }
    defined.push(found);
  });
  const first = defined[0];
  if (first?.standalone !== undefined) {
    // PS3.3 Table C.12-5 / PS3.5 6.1.2.5.4 d: no code extensions with these.
    if (terms.length > 1) {
      warnings.push(
        `Specific Character Set '${first.term}' does not allow code extensions: ignoring ` +
          terms.slice(1).join(", "),
      );
    }
    return {
      label,
      standalone: first.standalone,
      initialG0: GRAPHIC_SETS["ISO-IR 6"],
      initialG1: undefined,
      sets: [],
      unknownTerms,
      warnings,
    };
  }
  const sets: GraphicSet[] = [];
  if (defined.length === 0) defined.push(DEFINED_TERMS.get("ISO_IR 6")!);
  defined.forEach((t, i) => {
    if (t.standalone !== undefined) {
      if (i > 0) {
        warnings.push(
          `Specific Character Set '${t.term}' cannot be used as a code extension: ignoring it`,
        );
      }
      return;
    }
    for (const id of t.sets) {
      const set = GRAPHIC_SETS[id];
      if (!sets.includes(set)) sets.push(set);
    }
  });
  const initial = defined[0];
  return {
    label,
    standalone: undefined,
    initialG0: GRAPHIC_SETS[initial.initialG0],
    initialG1: initial.initialG1 === undefined ? undefined : GRAPHIC_SETS[initial.initialG1],
    sets,
    unknownTerms,
    warnings,
  };
}

function splitValues(values: readonly string[] | string | undefined): string[] {
  if (values === undefined) return [];
  const list = typeof values === "string" ? [values] : values;
  const out: string[] = [];
  for (const v of list) {
    for (const part of v.split("\\")) out.push(part.replace(/^[ \0]+|[ \0]+$/g, ""));
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

const CACHE = new Map<string, SpecificCharacterSet>();
const CACHE_LIMIT = 256;

/**
 * A parsed Specific Character Set (0008,0005) value: its defined terms in order. Value 1 sets
 * the character sets active at the start of each value; further values are code extensions
 * that escape sequences switch to (PS3.5 6.1.2.5). Parse once per data set and pass it to
 * {@linkcode decodeText} and {@linkcode encodeText}; parsing the same value again returns the
 * same cached instance.
 * @example
 * ```ts
 * import { SpecificCharacterSet } from "./character_set.ts";
 * const cs = SpecificCharacterSet.parse("\\ISO 2022 IR 87");
 * cs.terms; // ["", "ISO 2022 IR 87"]
 * cs.usesCodeExtensions; // true
 * SpecificCharacterSet.parse(undefined).isDefault; // true
 * ```
 */
export class SpecificCharacterSet {
  /** The values of (0008,0005) in order, trimmed; `[]` means the default repertoire. */
  readonly terms: readonly string[];
  /** Whether the value names nothing beyond the default repertoire (ISO-IR 6, ASCII). */
  readonly isDefault: boolean;
  /** Whether values may contain ISO 2022 escape sequences (an ISO 2022 term, or several). */
  readonly usesCodeExtensions: boolean;
  /** Problems with the value (unknown or misspelled terms, ignored extensions); may be empty. */
  readonly warnings: readonly string[];

  private constructor(terms: readonly string[]) {
    this.terms = Object.freeze([...terms]);
    const resolved = resolve(this.terms);
    RESOLVED.set(this, resolved);
    this.warnings = Object.freeze([...resolved.warnings]);
    this.isDefault = resolved.standalone === undefined && resolved.unknownTerms.length === 0 &&
      resolved.initialG1 === undefined && resolved.sets.every((s) => s.id === "ISO-IR 6");
    this.usesCodeExtensions = resolved.standalone === undefined &&
      (this.terms.length > 1 || (this.terms[0] ?? "").startsWith("ISO 2022"));
  }

  /**
   * Parses a (0008,0005) value: a list of values, one string (split at backslashes), or
   * `undefined` for an absent attribute. Values are trimmed of spaces; trailing empty values
   * are dropped. Never throws: problems end up in {@linkcode SpecificCharacterSet.warnings}.
   * @example
   * ```ts
   * import { SpecificCharacterSet } from "./character_set.ts";
   * SpecificCharacterSet.parse(["ISO 2022 IR 13", "ISO 2022 IR 87"]).terms.length; // 2
   * SpecificCharacterSet.parse("ISO_IR 192 ").terms; // ["ISO_IR 192"]
   * ```
   */
  static parse(values: readonly string[] | string | undefined): SpecificCharacterSet {
    const terms = splitValues(values);
    const key = terms.join("\\");
    let cs = CACHE.get(key);
    if (cs === undefined) {
      if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
      cs = new SpecificCharacterSet(terms);
      CACHE.set(key, cs);
    }
    return cs;
  }

  /** The (0008,0005) value as written, backslash-separated: `\ISO 2022 IR 87`. */
  toString(): string {
    return this.terms.join("\\");
  }
}

/**
 * What decoding and encoding need from a Specific Character Set: the initial G0 and G1 sets,
 * the sets encoding may switch to, or the stand-alone encoding. Used by `decodeText` and
 * `encodeText`.
 * @example
 * ```ts
 * import { resolveCharacterSet, SpecificCharacterSet } from "./character_set.ts";
 * const r = resolveCharacterSet(SpecificCharacterSet.parse(["ISO 2022 IR 13", "ISO 2022 IR 87"]));
 * r.initialG1?.id; // "ISO-IR 13"
 * r.sets.map((s) => s.id); // ["ISO-IR 14", "ISO-IR 13", "ISO-IR 87"]
 * ```
 */
export function resolveCharacterSet(charset: SpecificCharacterSet): ResolvedCharacterSet {
  return RESOLVED.get(charset)!;
}
