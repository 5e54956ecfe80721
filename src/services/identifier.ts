/**
 * Query identifiers from `KEY=VALUE` texts, as DCMTK's `findscu -k` takes them: a keyword or a
 * tag (`PatientName`, `0010,0010`, `(0010,0010)`, `00100010`), nested through sequences
 * (`ScheduledProcedureStepSequence[0].Modality`), an empty value (or no `=`) asking for the
 * attribute back (a return key, PS3.4 C.2.2.1.3). The Query/Retrieve Level goes in (0008,0052).
 * @module
 */
import { DataSet } from "../core/dataset.ts";
import { lookupTag, tagFromKeyword } from "../core/dictionary.ts";
import { DataElement } from "../core/element.ts";
import { formatTag, parseTag, SPECIFIC_CHARACTER_SET_TAG, type Tag } from "../core/tag.ts";
import { type Vr, VR_INFO } from "../core/vr.ts";
import type { QueryLevel } from "./query_models.ts";

/** (0008,0052) Query/Retrieve Level. */
const QUERY_RETRIEVE_LEVEL_TAG = 0x00080052;

/**
 * A `KEY=VALUE` text could not be turned into an identifier element; `key` is the text given.
 * @example
 * ```ts
 * import { IdentifierKeyError, parseIdentifierKey } from "./identifier.ts";
 * try {
 *   parseIdentifierKey("NoSuchKeyword=1");
 * } catch (e) {
 *   (e as IdentifierKeyError).key; // "NoSuchKeyword=1"
 * }
 * ```
 */
export class IdentifierKeyError extends SyntaxError {
  /** The text that was given. */
  readonly key: string;
  /** Creates it from the text and what is wrong with it. */
  constructor(key: string, detail: string) {
    super(`Cannot use key ${JSON.stringify(key)}: ${detail}`);
    this.name = "IdentifierKeyError";
    this.key = key;
  }
}

/** One step of a key path: a tag and, for a sequence on the way, the item index. */
export interface KeyPathStep {
  /** The attribute. */
  readonly tag: Tag;
  /** The item of the sequence to go into (steps before the last only); default 0. */
  readonly item?: number;
}

/** A parsed `KEY=VALUE`. */
export interface IdentifierKey {
  /** The path to the attribute: sequences first, the attribute last. */
  readonly path: readonly KeyPathStep[];
  /** The value text; `""` for a return key (no value). */
  readonly value: string;
}

function parseName(name: string, key: string): Tag {
  const tag = parseTag(name) ?? tagFromKeyword(name.trim());
  if (tag === undefined) {
    throw new IdentifierKeyError(key, `${JSON.stringify(name)} is neither a keyword nor a tag`);
  }
  return tag;
}

/**
 * Parses `KEY=VALUE` (or `KEY` alone, a return key). KEY is a keyword or tag, or a path of them
 * joined with `.`, where each sequence may carry an item index in brackets (default `[0]`).
 * @throws {IdentifierKeyError} for an unknown keyword, a malformed tag or index.
 * @example
 * ```ts
 * import { parseIdentifierKey } from "./identifier.ts";
 * parseIdentifierKey("ScheduledProcedureStepSequence[0].Modality=CT");
 * // { path: [{ tag: 0x00400100, item: 0 }, { tag: 0x00080060 }], value: "CT" }
 * ```
 */
export function parseIdentifierKey(text: string): IdentifierKey {
  const eq = text.indexOf("=");
  const keyText = eq < 0 ? text : text.slice(0, eq);
  const value = eq < 0 ? "" : text.slice(eq + 1);
  if (keyText.trim() === "") throw new IdentifierKeyError(text, "no attribute named");
  // Split on dots outside parentheses (a tag "(0040,0100)" has none, but be strict anyway).
  const parts = keyText.split(".");
  const path: KeyPathStep[] = [];
  parts.forEach((part, i) => {
    const m = /^(.*?)(?:\[(\d+)\])?$/.exec(part.trim());
    if (!m || m[1] === "") throw new IdentifierKeyError(text, `empty step in ${keyText}`);
    const tag = parseName(m[1], text);
    const last = i === parts.length - 1;
    if (m[2] !== undefined && last) {
      throw new IdentifierKeyError(text, `an item index needs an attribute after it`);
    }
    path.push(last ? { tag } : { tag, item: m[2] === undefined ? 0 : Number(m[2]) });
  });
  return { path, value };
}

function vrOf(tag: Tag, key: string): Vr {
  const vr = lookupTag(tag)?.vrs[0];
  if (vr === undefined) {
    throw new IdentifierKeyError(key, `${formatTag(tag)} is not in the dictionary (no VR known)`);
  }
  return vr;
}

function parseNumberValue(text: string, vr: Vr, key: string): number | bigint {
  const t = text.trim();
  if (vr === "AT") {
    const tag = parseTag(t);
    if (tag === undefined) throw new IdentifierKeyError(key, `${JSON.stringify(t)} is not a tag`);
    return tag;
  }
  if (vr === "SV" || vr === "UV") {
    try {
      return BigInt(t);
    } catch {
      throw new IdentifierKeyError(key, `${JSON.stringify(t)} is not an integer`);
    }
  }
  const n = Number(t);
  if (t === "" || !Number.isFinite(n)) {
    throw new IdentifierKeyError(key, `${JSON.stringify(t)} is not a number`);
  }
  return n;
}

function makeValueElement(tag: Tag, vr: Vr, value: string, key: string): DataElement {
  const info = VR_INFO[vr];
  switch (info.kind) {
    case "text":
      return DataElement.fromStrings(
        tag,
        vr,
        value === "" ? [] : info.multiValued ? value.split("\\") : [value],
      );
    case "number":
    case "tag":
      return DataElement.fromNumbers(
        tag,
        vr,
        (value === "" ? [] : value.split("\\").map((v) => parseNumberValue(v, vr, key))) as
          | number[]
          | bigint[],
      );
    case "bytes":
      if (value !== "") {
        throw new IdentifierKeyError(key, `${formatTag(tag)} ${vr} takes no value in a query`);
      }
      return DataElement.fromBytes(tag, vr, new Uint8Array(0));
    case "sequence":
      if (value !== "") {
        throw new IdentifierKeyError(
          key,
          `${formatTag(tag)} is a sequence: give its items' attributes, e.g. ${
            formatTag(tag)
          }[0].(gggg,eeee)=VALUE`,
        );
      }
      return DataElement.fromItems(tag, []);
  }
}

/**
 * Sets one `KEY=VALUE` in an identifier, creating sequences and items on the way; a later key
 * replaces an earlier one for the same attribute. A sequence given as the last step with no value
 * becomes an empty sequence (universal matching of the sequence, PS3.4 C.2.2.2.6) unless it
 * already has items.
 * @throws {IdentifierKeyError} when the key or value cannot be used.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { setIdentifierKey } from "./identifier.ts";
 * const identifier = new DataSet();
 * setIdentifierKey(identifier, "PatientName=DOE^*");
 * setIdentifierKey(identifier, "0010,0020");
 * identifier.getString("PatientName"); // "DOE^*"
 * identifier.get("PatientID")?.valueCount; // 0
 * ```
 */
export function setIdentifierKey(identifier: DataSet, text: string): void {
  const { path, value } = parseIdentifierKey(text);
  let target = identifier;
  for (const step of path.slice(0, -1)) {
    const vr = vrOf(step.tag, text);
    if (vr !== "SQ") {
      throw new IdentifierKeyError(text, `${formatTag(step.tag)} is not a sequence`);
    }
    let element = target.get(step.tag);
    if (element === undefined || element.vr !== "SQ") {
      element = DataElement.fromItems(step.tag, []);
      target.add(element);
    }
    const items = element.items;
    while (items.length <= (step.item ?? 0)) {
      const item = new DataSet();
      item.parent = target;
      items.push(item);
    }
    target = items[step.item ?? 0];
  }
  const last = path[path.length - 1];
  const vr = vrOf(last.tag, text);
  if (vr === "SQ" && value === "" && target.get(last.tag)?.vr === "SQ") return;
  target.add(makeValueElement(last.tag, vr, value, text));
}

/** Options of {@link buildIdentifier}. */
export interface BuildIdentifierOptions {
  /** Sets (0008,0052) Query/Retrieve Level first (a `QueryRetrieveLevel=` key overrides it). Default: not set. */
  readonly level?: QueryLevel;
  /**
   * Specific Character Set to put in (0008,0005) when a value is not ASCII and no key sets it.
   * Default `"ISO_IR 192"` (UTF-8).
   */
  readonly characterSet?: string;
}

/**
 * Builds a query identifier from `KEY=VALUE` texts (see {@link setIdentifierKey}).
 * @throws {IdentifierKeyError} when a key or value cannot be used.
 * @example
 * ```ts
 * import { buildIdentifier } from "./identifier.ts";
 * const identifier = buildIdentifier(["PatientID=12345", "StudyInstanceUID"], { level: "STUDY" });
 * identifier.getString("QueryRetrieveLevel"); // "STUDY"
 * ```
 */
export function buildIdentifier(
  keys: readonly string[],
  options: BuildIdentifierOptions = {},
): DataSet {
  const identifier = new DataSet();
  if (options.level !== undefined) {
    identifier.add(DataElement.fromStrings(QUERY_RETRIEVE_LEVEL_TAG, "CS", [options.level]));
  }
  for (const key of keys) setIdentifierKey(identifier, key);
  // PS3.5 6.1.2.3: text beyond the default repertoire needs a Specific Character Set.
  if (
    !identifier.has(SPECIFIC_CHARACTER_SET_TAG) &&
    keys.some((k) => [...k].some((ch) => ch.charCodeAt(0) > 0x7e))
  ) {
    identifier.add(
      DataElement.fromStrings(SPECIFIC_CHARACTER_SET_TAG, "CS", [
        options.characterSet ?? "ISO_IR 192",
      ]),
    );
  }
  return identifier;
}
