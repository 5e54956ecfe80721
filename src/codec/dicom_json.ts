/**
 * The DICOM JSON Model (PS3.18 F.2), both directions: a data set as a JSON object keyed by
 * 8-hex-digit tags, and back.
 *
 * Choices where the standard leaves room (each documented where it is made):
 * - IS and DS values that parse as numbers are JSON numbers (PS3.18 F.2.3); values that do not
 *   (invalid text such as "1.5.3" or "NaN", or an IS with a fraction) are kept as JSON strings,
 *   which the Table F.2.3-1 note allows "to preserve the original format".
 * - SV and UV values are JSON numbers when they are safe integers (|n| <= 2^53 - 1), else decimal
 *   strings (same note: "to avoid losing precision").
 * - FL and FD values that JSON numbers cannot carry (NaN, infinities) are the strings "NaN",
 *   "Infinity" and "-Infinity".
 * - Encapsulated pixel data (PS3.5 A.4) is InlineBinary of its value field as it is encoded in the
 *   file: the items (Basic Offset Table, then the fragments), each with its little endian item
 *   header, without the Sequence Delimitation Item. This is what pydicom writes, and it reads back
 *   to the same fragments.
 * @module
 */
import { DataSet } from "../core/dataset.ts";
import { DataElement, type Fragments } from "../core/element.ts";
import {
  ITEM_TAG,
  PIXEL_DATA_TAG,
  SEQUENCE_DELIMITATION_TAG,
  type Tag,
  tagToHex,
} from "../core/tag.ts";
import { isVr, type Vr, VR_INFO } from "../core/vr.ts";
import {
  formatDecimalString,
  formatIntegerString,
  parseDecimalString,
} from "../core/values/numeric_string.ts";
import {
  personNameFromJson,
  type PersonNameJson,
  personNameToJson,
} from "../core/values/person_name.ts";
import { decodeBase64, encodeBase64 } from "./base64.ts";

/** One entry of a "Value" array (PS3.18 F.2.4, F.2.5: `null` for an empty value). */
export type DicomJsonValue = string | number | PersonNameJson | DicomJsonObject | null;

/** One attribute of the DICOM JSON Model (PS3.18 F.2.2): its VR and at most one value form. */
export interface DicomJsonAttribute {
  /** The VR code. */
  vr: string;
  /** The values; absent for an empty attribute (PS3.18 F.2.5). */
  Value?: DicomJsonValue[];
  /** Base64 of the value field of a binary VR (PS3.18 F.2.7). */
  InlineBinary?: string;
  /** Where to retrieve the value field (PS3.18 F.2.6). */
  BulkDataURI?: string;
}

/** A data set in the DICOM JSON Model: attributes by 8 uppercase hex digits (PS3.18 F.2.2). */
export type DicomJsonObject = { [tag: string]: DicomJsonAttribute };

/** Options of {@linkcode dataSetToJson}. */
export interface DataSetToJsonOptions {
  /**
   * Binary values (OB, OD, OF, OL, OV, OW, UN, encapsulated pixel data) longer than this many
   * bytes are offered to `bulkDataUri`. Default `Infinity`: every value is InlineBinary.
   */
  bulkDataThreshold?: number;
  /**
   * Returns the BulkDataURI of a binary value above `bulkDataThreshold` (PS3.18 F.2.6), or
   * undefined to keep it inline. `tagPath` is like `(0040,0275)[0].(0008,0100)`; `value` holds the
   * bytes InlineBinary would encode. Default: none.
   */
  bulkDataUri?: (tagPath: string, element: DataElement, value: Uint8Array) => string | undefined;
}

/** Options of {@linkcode dataSetFromJson}. */
export interface DataSetFromJsonOptions {
  /**
   * Returns the value bytes (little endian) behind a BulkDataURI, or undefined when it cannot.
   * Default: none, so such elements are empty, with a warning.
   */
  resolveBulkData?: (uri: string, tagPath: string, vr: Vr) => Uint8Array | undefined;
  /** Receives warnings (unresolved bulk data, lenient conversions). Default: none. */
  onWarning?: (message: string) => void;
}

/**
 * The JSON is not a valid DICOM JSON Model object: a bad tag key, an unknown VR, a value of the
 * wrong JSON type, invalid base64. Carries the tag path.
 * @example
 * ```ts
 * import { DicomJsonError, dataSetFromJson } from "./dicom_json.ts";
 * try {
 *   dataSetFromJson({ "00100010": { vr: "XX" } });
 * } catch (e) {
 *   (e as DicomJsonError).tagPath; // "(0010,0010)"
 * }
 * ```
 */
export class DicomJsonError extends TypeError {
  /** Where, e.g. `(0040,0275)[0].(0008,0100)`. */
  readonly tagPath: string;
  /** The message without the location. */
  readonly detail: string;
  /** An error for `detail` at `tagPath` (top level when empty). */
  constructor(detail: string, tagPath = "") {
    super(tagPath ? `${detail} at ${tagPath}` : detail);
    this.name = "DicomJsonError";
    this.detail = detail;
    this.tagPath = tagPath;
  }
}

/**
 * A data set in the DICOM JSON Model (PS3.18 F.2). Group length elements are left out
 * (PS3.18 F.2.2); text is decoded with the data set's Specific Character Set.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { dataSetToJson } from "./dicom_json.ts";
 * const ds = new DataSet();
 * ds.set("PatientName", "Doe^John");
 * ds.set("Rows", 512);
 * dataSetToJson(ds);
 * // { "00100010": { vr: "PN", Value: [{ Alphabetic: "Doe^John" }] },
 * //   "00280010": { vr: "US", Value: [512] } }
 * ```
 */
export function dataSetToJson(
  dataSet: DataSet,
  options: DataSetToJsonOptions = {},
): DicomJsonObject {
  const threshold = options.bulkDataThreshold ?? Infinity;
  return toJson(dataSet, "", threshold, options.bulkDataUri);
}

function toJson(
  ds: DataSet,
  prefix: string,
  threshold: number,
  bulk: DataSetToJsonOptions["bulkDataUri"],
): DicomJsonObject {
  const out: DicomJsonObject = {};
  for (const e of ds.elements()) {
    if ((e.tag & 0xffff) === 0) continue; // PS3.18 F.2.2: no group length attributes
    const key = tagToHex(e.tag);
    const path = prefix + `(${key.slice(0, 4)},${key.slice(4)})`;
    out[key] = attributeToJson(ds, e, path, threshold, bulk);
  }
  return out;
}

function attributeToJson(
  ds: DataSet,
  e: DataElement,
  path: string,
  threshold: number,
  bulk: DataSetToJsonOptions["bulkDataUri"],
): DicomJsonAttribute {
  const vr = e.vr;
  const attribute: DicomJsonAttribute = { vr };
  const kind = VR_INFO[vr].kind;
  if (kind === "sequence") {
    const items = e.items;
    if (items.length > 0) {
      attribute.Value = items.map((item, i) => toJson(item, `${path}[${i}].`, threshold, bulk));
    }
    return attribute;
  }
  if (e.isEncapsulated || kind === "bytes") {
    const bytes = e.fragments ? encapsulatedStream(e.fragments) : e.bytesLittleEndian();
    if (bytes === undefined || bytes.length === 0) return attribute;
    const uri = bytes.length > threshold && bulk ? bulk(path, e, bytes) : undefined;
    if (uri !== undefined) attribute.BulkDataURI = uri;
    else attribute.InlineBinary = encodeBase64(bytes);
    return attribute;
  }
  if (kind === "tag") {
    const tags = e.numbers() as number[];
    if (tags.length > 0) attribute.Value = tags.map(tagToHex);
    return attribute;
  }
  if (kind === "number") {
    const numbers = e.numbers() as (number | bigint)[];
    if (numbers.length > 0) attribute.Value = numbers.map(numberToJson);
    return attribute;
  }
  const strings = e.strings(VR_INFO[vr].usesCharacterSet ? ds.textDecoder() : undefined);
  const values = strings.map(textToJsonMapper(vr));
  // A single empty value (only padding, or a PN of empty groups) is an empty attribute (F.2.5).
  if (values.length === 0 || (values.length === 1 && values[0] === null)) return attribute;
  attribute.Value = values;
  return attribute;
}

/** JSON of a binary number: SV/UV beyond 2^53 as strings, non-finite floats as strings. */
function numberToJson(n: number | bigint): number | string {
  if (typeof n === "bigint") {
    const asNumber = Number(n);
    return Number.isSafeInteger(asNumber) ? asNumber : n.toString();
  }
  return Number.isFinite(n) ? n : String(n);
}

function textToJsonMapper(vr: Vr): (s: string) => DicomJsonValue {
  switch (vr) {
    case "PN":
      return (s) => {
        if (s === "") return null;
        const pn = personNameToJson(s);
        // "==" has three empty component groups: an empty value (PS3.18 F.2.5).
        return pn.Alphabetic === undefined && pn.Ideographic === undefined &&
            pn.Phonetic === undefined
          ? null
          : pn;
      };
    case "IS":
      return (s) => {
        if (s === "") return null;
        // Integral values are numbers ("1.0" too, as pydicom reads it); others keep their text.
        const n = parseDecimalString(s);
        return n !== undefined && Number.isInteger(n) ? n : s;
      };
    case "DS":
      return (s) => s === "" ? null : parseDecimalString(s) ?? s;
    default:
      return (s) => s === "" ? null : s;
  }
}

/** The value field of encapsulated pixel data: items with little endian headers (PS3.5 A.4). */
function encapsulatedStream(f: Fragments): Uint8Array {
  const parts = [f.basicOffsetTable, ...f.fragments];
  let length = 0;
  for (const p of parts) length += 8 + p.length;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  let o = 0;
  for (const p of parts) {
    view.setUint16(o, 0xfffe, true);
    view.setUint16(o + 2, 0xe000, true);
    view.setUint32(o + 4, p.length, true);
    out.set(p, o + 8);
    o += 8 + p.length;
  }
  return out;
}

/**
 * Reads the items of an encapsulated stream back into fragments; undefined unless the bytes are
 * exactly a run of items (optionally closed by a Sequence Delimitation Item).
 */
function parseEncapsulatedStream(bytes: Uint8Array): Fragments | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const items: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes.length - pos < 8) return undefined;
    const tag = view.getUint16(pos, true) * 0x10000 + view.getUint16(pos + 2, true);
    const length = view.getUint32(pos + 4, true);
    if (tag === SEQUENCE_DELIMITATION_TAG && length === 0 && pos + 8 === bytes.length) break;
    if (tag !== ITEM_TAG || length > bytes.length - pos - 8) return undefined;
    items.push(bytes.subarray(pos + 8, pos + 8 + length));
    pos += 8 + length;
  }
  if (items.length === 0) return undefined;
  return { basicOffsetTable: items[0], fragments: items.slice(1) };
}

/**
 * A data set from the DICOM JSON Model (PS3.18 F.2). InlineBinary is decoded; BulkDataURI is
 * resolved through `resolveBulkData` (else the element is empty, with a warning); PN objects become
 * `A=I=P` strings and IS/DS numbers are formatted as text. InlineBinary of Pixel Data (OB) that is
 * exactly a run of items is read back as encapsulated fragments (see the module notes).
 * Throws a {@linkcode DicomJsonError} for JSON that is not a DICOM JSON Model object.
 * @example
 * ```ts
 * import { dataSetFromJson } from "./dicom_json.ts";
 * const ds = dataSetFromJson({
 *   "00100010": { vr: "PN", Value: [{ Alphabetic: "Doe^John" }] },
 *   "00280030": { vr: "DS", Value: [0.5, 0.5] },
 * });
 * ds.getString("PatientName"); // "Doe^John"
 * ds.getStrings("PixelSpacing"); // ["0.5", "0.5"]
 * ```
 */
export function dataSetFromJson(json: unknown, options: DataSetFromJsonOptions = {}): DataSet {
  return fromJson(json, "", options);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fromJson(json: unknown, prefix: string, options: DataSetFromJsonOptions): DataSet {
  if (!isPlainObject(json)) {
    throw new DicomJsonError("Expected a DICOM JSON object", prefix.replace(/\.$/, ""));
  }
  const ds = new DataSet();
  for (const [key, attribute] of Object.entries(json)) {
    if (!/^[0-9A-Fa-f]{8}$/.test(key)) {
      throw new DicomJsonError(`Invalid tag key ${JSON.stringify(key)}`, prefix.replace(/\.$/, ""));
    }
    const tag = parseInt(key, 16);
    const path = `${prefix}(${key.slice(0, 4).toUpperCase()},${key.slice(4).toUpperCase()})`;
    ds.add(attributeFromJson(tag, attribute, path, options));
  }
  return ds;
}

function attributeFromJson(
  tag: Tag,
  attribute: unknown,
  path: string,
  options: DataSetFromJsonOptions,
): DataElement {
  if (!isPlainObject(attribute)) throw new DicomJsonError("Expected an attribute object", path);
  const vr = attribute.vr;
  if (typeof vr !== "string" || !isVr(vr)) {
    throw new DicomJsonError(`Invalid VR ${JSON.stringify(vr)}`, path);
  }
  const forms = (["Value", "InlineBinary", "BulkDataURI"] as const).filter((k) =>
    attribute[k] !== undefined
  );
  if (forms.length > 1) {
    throw new DicomJsonError(`Attribute has both ${forms[0]} and ${forms[1]}`, path);
  }
  const kind = VR_INFO[vr].kind;
  if (attribute.InlineBinary !== undefined) {
    if (typeof attribute.InlineBinary !== "string") {
      throw new DicomJsonError("InlineBinary is not a string", path);
    }
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(attribute.InlineBinary);
    } catch (e) {
      throw new DicomJsonError(`InlineBinary: ${(e as Error).message}`, path);
    }
    return binaryElement(tag, vr, bytes, path);
  }
  if (attribute.BulkDataURI !== undefined) {
    const uri = attribute.BulkDataURI;
    if (typeof uri !== "string") throw new DicomJsonError("BulkDataURI is not a string", path);
    const bytes = options.resolveBulkData?.(uri, path, vr);
    if (bytes === undefined) {
      options.onWarning?.(`Unresolved BulkDataURI ${uri} at ${path}; element left empty`);
      return emptyElement(tag, vr);
    }
    return binaryElement(tag, vr, bytes, path);
  }
  const values = attribute.Value;
  if (values === undefined || values === null) return emptyElement(tag, vr);
  if (!Array.isArray(values)) throw new DicomJsonError("Value is not an array", path);
  switch (kind) {
    case "sequence":
      return DataElement.fromItems(
        tag,
        values.map((item, i) =>
          item === null ? new DataSet() : fromJson(item, `${path}[${i}].`, options)
        ),
      );
    case "bytes":
      throw new DicomJsonError(`VR ${vr} takes InlineBinary or BulkDataURI, not Value`, path);
    case "tag":
      return DataElement.fromNumbers(tag, vr, values.map((v) => tagFromJson(v, path)));
    case "number":
      return DataElement.fromNumbers(tag, vr, numbersFromJson(values, vr, path));
    default:
      return DataElement.fromStrings(
        tag,
        vr,
        values.map((v) => textFromJson(v, vr, path, options)),
      );
  }
}

function emptyElement(tag: Tag, vr: Vr): DataElement {
  switch (VR_INFO[vr].kind) {
    case "sequence":
      return DataElement.fromItems(tag, []);
    case "text":
      return DataElement.fromStrings(tag, vr, []);
    case "number":
    case "tag":
      return DataElement.fromNumbers(tag, vr, vr === "SV" || vr === "UV" ? [] as bigint[] : []);
    default:
      return DataElement.fromBytes(tag, vr, new Uint8Array(0), true);
  }
}

function binaryElement(tag: Tag, vr: Vr, bytes: Uint8Array, path: string): DataElement {
  if (vr === "SQ") throw new DicomJsonError("A sequence cannot have a binary value", path);
  if (tag === PIXEL_DATA_TAG && vr === "OB") {
    const fragments = parseEncapsulatedStream(bytes);
    if (fragments) return DataElement.fromFragments(tag, vr, fragments);
  }
  return DataElement.fromBytes(tag, vr, bytes, true);
}

function tagFromJson(v: unknown, path: string): number {
  if (typeof v !== "string" || !/^[0-9A-Fa-f]{8}$/.test(v)) {
    throw new DicomJsonError(`Invalid AT value ${JSON.stringify(v)}`, path);
  }
  return parseInt(v, 16);
}

function numbersFromJson(values: unknown[], vr: Vr, path: string): number[] | bigint[] {
  if (vr === "SV" || vr === "UV") {
    return values.map((v) => {
      if (
        (typeof v === "number" && Number.isInteger(v)) ||
        (typeof v === "string" && /^[+-]?\d+$/.test(v.trim()))
      ) {
        return BigInt(typeof v === "string" ? v.trim() : v);
      }
      throw new DicomJsonError(`Invalid ${vr} value ${JSON.stringify(v)}`, path);
    });
  }
  return values.map((v) => {
    if (typeof v === "number") return v;
    // Strings for what JSON numbers cannot carry ("NaN", "Infinity"), or numbers sent as text.
    if (typeof v === "string" && (v === "NaN" || (v.trim() !== "" && !Number.isNaN(Number(v))))) {
      return Number(v);
    }
    throw new DicomJsonError(`Invalid ${vr} value ${JSON.stringify(v)}`, path);
  });
}

function textFromJson(v: unknown, vr: Vr, path: string, options: DataSetFromJsonOptions): string {
  if (v === null) return ""; // PS3.18 F.2.5: an empty value
  if (vr === "PN") {
    if (isPlainObject(v)) return personNameFromJson(v as PersonNameJson);
    if (typeof v === "string") {
      options.onWarning?.(`PN value given as a string at ${path}`);
      return v;
    }
    throw new DicomJsonError(`Invalid PN value ${JSON.stringify(v)}`, path);
  }
  if (typeof v === "string") return v;
  if (typeof v === "number") {
    if (vr === "IS" && Number.isInteger(v) && Math.abs(v) <= 2 ** 31) {
      try {
        return formatIntegerString(v);
      } catch {
        return String(v);
      }
    }
    if (vr === "DS" && Number.isFinite(v)) return formatDecimalString(v);
    if (vr !== "IS" && vr !== "DS") {
      options.onWarning?.(`Number in a ${vr} value at ${path}; written as text`);
    }
    return String(v);
  }
  throw new DicomJsonError(`Invalid ${vr} value ${JSON.stringify(v)}`, path);
}
