/**
 * Attribute matching of C-FIND (PS3.4 C.2.2.2) over data sets held in memory: single value,
 * universal, wildcard, range, list of UID and sequence matching, and the response identifier with
 * the requested return keys. Enough for simulated archives, worklists and tests.
 * @module
 */
import { DataSet } from "../core/dataset.ts";
import { DataElement } from "../core/element.ts";
import { SPECIFIC_CHARACTER_SET_TAG, type Tag } from "../core/tag.ts";
import { VR_INFO } from "../core/vr.ts";
import { isQueryLevel, LEVEL_UNIQUE_KEYS } from "./query_models.ts";

const QUERY_RETRIEVE_LEVEL = 0x00080052;
const RETRIEVE_AE_TITLE = 0x00080054;
/** Keys that are not matched against the candidate. */
const NOT_MATCHED = new Set<Tag>([
  QUERY_RETRIEVE_LEVEL,
  SPECIFIC_CHARACTER_SET_TAG,
  RETRIEVE_AE_TITLE,
]);

function wildcardRegExp(pattern: string, ignoreCase: boolean): RegExp {
  // PS3.4 C.2.2.2.4: "*" matches any sequence of characters, "?" any single character.
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(
    /\?/g,
    ".",
  );
  return new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
}

function isRange(key: string, vr: string): boolean {
  if (vr !== "DA" && vr !== "TM" && vr !== "DT") return false;
  // A single DT value may end with a negative UTC offset: "20240101120000-0500".
  if (vr === "DT" && /^\d{10,14}(\.\d{1,6})?-\d{4}$/.test(key)) return false;
  return key.includes("-");
}

function matchValue(key: string, value: string, vr: string): boolean {
  const v = value.trim();
  const k = key.trim();
  if (isRange(k, vr)) {
    // PS3.4 C.2.2.2.5: range matching "A-B", "A-", "-B"; DA, TM and DT values order as text.
    const dash = k.indexOf("-");
    const from = k.slice(0, dash).trim();
    const to = k.slice(dash + 1).trim();
    if (from !== "" && v < from) return false;
    if (to !== "" && v.slice(0, to.length) > to) return false;
    return true;
  }
  const ignoreCase = vr === "PN";
  if (vr !== "UI" && (k.includes("*") || k.includes("?"))) {
    return wildcardRegExp(k, ignoreCase).test(v);
  }
  return ignoreCase ? k.toLowerCase() === v.toLowerCase() : k === v;
}

function matchElement(key: DataElement, keySet: DataSet, candidate: DataSet): boolean {
  if (key.vr === "SQ") {
    // PS3.4 C.2.2.2.6: an empty sequence, or an item without keys, matches anything.
    const item = key.items[0];
    if (item === undefined || item.size === 0) return true;
    const items = candidate.getItems(key.tag);
    const hasMatchingKey = item.elements().some((e) => e.valueCount > 0 || e.vr === "SQ");
    if (!hasMatchingKey) return true;
    return items.some((c) => matchesIdentifier(c, item));
  }
  const kind = VR_INFO[key.vr].kind;
  if (kind === "bytes") return true; // not matchable: return keys only
  const keys = keySet.getStrings(key.tag);
  if (keys.length === 0) return true; // PS3.4 C.2.2.2.3 universal matching
  const values = candidate.getStrings(key.tag);
  if (values.length === 0) return keys.every((k) => k === "*");
  if (key.vr === "UI") {
    // PS3.4 C.2.2.2.2: list of UID matching.
    return values.some((v) => keys.includes(v.trim()));
  }
  // Several key values: any of them (multi-valued keys of PS3.4 C.2.2.2.1 are rare; be lenient).
  return keys.some((k) => values.some((v) => matchValue(k, v, key.vr)));
}

/**
 * True when a candidate data set matches every matching key of a query identifier. Query/Retrieve
 * Level, Specific Character Set and Retrieve AE Title are not matched; an empty key matches
 * anything (return key); PN matches without regard to case.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { buildIdentifier } from "./identifier.ts";
 * import { matchesIdentifier } from "./query_match.ts";
 * const candidate = new DataSet();
 * candidate.set("PatientName", "Doe^John");
 * candidate.set("StudyDate", "20240131");
 * matchesIdentifier(candidate, buildIdentifier(["PatientName=DOE*", "StudyDate=20240101-"])); // true
 * ```
 */
export function matchesIdentifier(candidate: DataSet, identifier: DataSet): boolean {
  for (const key of identifier.elements()) {
    if (NOT_MATCHED.has(key.tag) || (key.tag & 0xffff) === 0) continue;
    if (!matchElement(key, identifier, candidate)) return false;
  }
  return true;
}

function copyElement(e: DataElement): DataElement {
  const ds = new DataSet([e]).clone();
  return ds.elements()[0];
}

function returnKeys(candidate: DataSet, identifier: DataSet, out: DataSet): void {
  for (const key of identifier.elements()) {
    if (key.tag === QUERY_RETRIEVE_LEVEL || key.tag === SPECIFIC_CHARACTER_SET_TAG) continue;
    const have = candidate.get(key.tag);
    if (key.vr === "SQ") {
      const items = candidate.getItems(key.tag);
      const keyItem = key.items[0];
      if (keyItem === undefined || keyItem.size === 0) {
        out.add(have?.vr === "SQ" ? copyElement(have) : DataElement.fromItems(key.tag, []));
        continue;
      }
      const matched = items.filter((i) => matchesIdentifier(i, keyItem)).map((i) => {
        const item = new DataSet();
        returnKeys(i, keyItem, item);
        return item;
      });
      out.add(DataElement.fromItems(key.tag, matched));
      continue;
    }
    out.add(have !== undefined ? copyElement(have) : emptyLike(key));
  }
}

function emptyLike(key: DataElement): DataElement {
  const kind = VR_INFO[key.vr].kind;
  if (kind === "text") return DataElement.fromStrings(key.tag, key.vr, []);
  if (kind === "number" || kind === "tag") return DataElement.fromNumbers(key.tag, key.vr, []);
  return DataElement.fromBytes(key.tag, key.vr, new Uint8Array(0));
}

/** Options of {@link queryResponse} and {@link queryDataSets}. */
export interface QueryResponseOptions {
  /** (0008,0054) Retrieve AE Title to put in each response. Default: none added. */
  readonly retrieveAeTitle?: string;
}

/**
 * The response identifier for a matching candidate (PS3.4 C.4.1.3.1): every key of the
 * identifier with the candidate's value (or empty), Query/Retrieve Level as asked, the candidate's
 * Specific Character Set, and sequence items filtered by their keys.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { buildIdentifier } from "./identifier.ts";
 * import { queryResponse } from "./query_match.ts";
 * const candidate = new DataSet();
 * candidate.set("PatientID", "12");
 * candidate.set("PatientName", "Doe^John");
 * queryResponse(candidate, buildIdentifier(["PatientID"], { level: "PATIENT" })).size; // 2
 * ```
 */
export function queryResponse(
  candidate: DataSet,
  identifier: DataSet,
  options: QueryResponseOptions = {},
): DataSet {
  const out = new DataSet();
  const level = identifier.get(QUERY_RETRIEVE_LEVEL);
  if (level !== undefined) out.add(copyElement(level));
  const charset = candidate.get(SPECIFIC_CHARACTER_SET_TAG);
  if (charset !== undefined) out.add(copyElement(charset));
  if (options.retrieveAeTitle !== undefined) {
    out.add(DataElement.fromStrings(RETRIEVE_AE_TITLE, "AE", [options.retrieveAeTitle]));
  }
  returnKeys(candidate, identifier, out);
  return out;
}

/**
 * Runs a query over candidate data sets (instances): those matching the identifier, one response
 * per distinct value of the level's unique key (PS3.4 C.3: a STUDY query answers once per study),
 * in the order first seen. Without a known level (worklists) every match is answered.
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { buildIdentifier } from "./identifier.ts";
 * import { queryDataSets } from "./query_match.ts";
 * const a = new DataSet();
 * a.set("StudyInstanceUID", "1.2.3");
 * a.set("SOPInstanceUID", "1.2.3.1");
 * const b = a.clone();
 * b.set("SOPInstanceUID", "1.2.3.2");
 * queryDataSets([a, b], buildIdentifier(["StudyInstanceUID"], { level: "STUDY" })).length; // 1
 * ```
 */
export function queryDataSets(
  candidates: Iterable<DataSet>,
  identifier: DataSet,
  options: QueryResponseOptions = {},
): DataSet[] {
  const level = identifier.getString(QUERY_RETRIEVE_LEVEL)?.trim() ?? "";
  const uniqueKey = isQueryLevel(level) ? LEVEL_UNIQUE_KEYS[level] : undefined;
  const seen = new Set<string>();
  const out: DataSet[] = [];
  for (const candidate of candidates) {
    if (!matchesIdentifier(candidate, identifier)) continue;
    if (uniqueKey !== undefined) {
      const id = candidate.getString(uniqueKey) ?? "";
      if (seen.has(id)) continue;
      seen.add(id);
    }
    out.push(queryResponse(candidate, identifier, options));
  }
  return out;
}
