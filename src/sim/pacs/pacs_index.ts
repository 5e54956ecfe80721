/**
 * The mock PACS index: what is stored, by patient, study, series and instance, with the keys
 * PS3.4 Annex C requires (C.6.1.1 Patient Root, C.6.2.1 Study Root) plus configured extra keys;
 * C-FIND over it (PS3.4 C.2.2.2 matching) and the instance selection of C-MOVE/C-GET.
 * @module
 */
import { type DicomFile, readDicom } from "../../codec/read_file.ts";
import { DataSet } from "../../core/dataset.ts";
import type { Tag } from "../../core/tag.ts";
import { matchesIdentifier, queryResponse } from "../../services/query_match.ts";
import { isQueryLevel, LEVEL_UNIQUE_KEYS, type QueryLevel } from "../../services/query_models.ts";

/**
 * The indexed keys (PS3.4 C.6.1.1.2-5 and C.6.2.1.2-4: unique, required and the common optional
 * keys), with Specific Character Set so that answers decode.
 * @example
 * ```ts
 * import { INDEX_KEYS } from "./pacs_index.ts";
 * INDEX_KEYS.includes(0x0020000d); // true (Study Instance UID)
 * ```
 */
export const INDEX_KEYS: readonly Tag[] = Object.freeze([
  0x00080005, // Specific Character Set
  // Patient level
  0x00100010, // Patient's Name
  0x00100020, // Patient ID
  0x00100021, // Issuer of Patient ID
  0x00100030, // Patient's Birth Date
  0x00100032, // Patient's Birth Time
  0x00100040, // Patient's Sex
  0x00101000, // Other Patient IDs (retired, still queried)
  0x00102160, // Ethnic Group
  0x00104000, // Patient Comments
  // Study level
  0x00080020, // Study Date
  0x00080030, // Study Time
  0x00080050, // Accession Number
  0x00080090, // Referring Physician's Name
  0x00081030, // Study Description
  0x00081060, // Name of Physician(s) Reading Study
  0x00101010, // Patient's Age
  0x00101020, // Patient's Size
  0x00101030, // Patient's Weight
  0x0020000d, // Study Instance UID
  0x00200010, // Study ID
  // Series level
  0x00080021, // Series Date
  0x00080031, // Series Time
  0x00080060, // Modality
  0x0008103e, // Series Description
  0x00180015, // Body Part Examined
  0x0020000e, // Series Instance UID
  0x00200011, // Series Number
  0x00400244, // Performed Procedure Step Start Date
  0x00400245, // Performed Procedure Step Start Time
  // Instance level
  0x00080016, // SOP Class UID
  0x00080018, // SOP Instance UID
  0x00080008, // Image Type
  0x00080023, // Content Date
  0x00080033, // Content Time
  0x00200013, // Instance Number
  0x00280008, // Number of Frames
  0x00280010, // Rows
  0x00280011, // Columns
]);

/** One indexed instance. */
export interface IndexedInstance {
  /** SOP Class UID. */
  readonly sopClassUid: string;
  /** SOP Instance UID. */
  readonly sopInstanceUid: string;
  /** The transfer syntax of the stored file. */
  readonly transferSyntaxUid: string;
  /** Where the file is (what the store's commit gave). */
  readonly location: string;
  /** The indexed keys of the instance (plus computed counts at query time). */
  readonly attributes: DataSet;
}

/** Options of {@link PacsIndex}. */
export interface PacsIndexOptions {
  /** Keys indexed beyond {@link INDEX_KEYS}. Default none. */
  readonly extraKeys?: readonly Tag[];
  /** Match PN keys without regard to case. Default true. */
  readonly pnCaseInsensitive?: boolean;
}

const QUERY_RETRIEVE_LEVEL = 0x00080052;
const LEVEL_ORDER: readonly QueryLevel[] = ["PATIENT", "STUDY", "SERIES", "IMAGE"];

// PS3.4 C.6.1.1 / C.6.2.1 optional computed keys.
const NUMBER_OF_PATIENT_RELATED_STUDIES = 0x00201200;
const NUMBER_OF_PATIENT_RELATED_SERIES = 0x00201202;
const NUMBER_OF_PATIENT_RELATED_INSTANCES = 0x00201204;
const NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
const NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
const NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;
const MODALITIES_IN_STUDY = 0x00080061;
const SOP_CLASSES_IN_STUDY = 0x00080062;

/**
 * A query the index cannot serve: carries the status (0xA900 identifier does not match the SOP
 * class, 0xC000 unable to process) and the comment to answer with.
 * @example
 * ```ts
 * import { IndexQueryError } from "./pacs_index.ts";
 * new IndexQueryError(0xa900, "No Query/Retrieve Level").status; // 0xa900
 * ```
 */
export class IndexQueryError extends RangeError {
  /** The status to answer. */
  readonly status: number;
  /** Creates it. */
  constructor(status: number, detail: string) {
    super(`Cannot run the query: ${detail}`);
    this.name = "IndexQueryError";
    this.status = status;
  }
}

function pnCaseSensitiveMatch(candidate: DataSet, identifier: DataSet): boolean {
  for (const key of identifier.elements()) {
    if (key.vr !== "PN") continue;
    const pattern = identifier.getString(key.tag)?.trim() ?? "";
    if (pattern === "" || pattern === "*") continue;
    const values = candidate.getStrings(key.tag).map((v) => v.trim());
    const re = new RegExp(
      "^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") +
        "$",
      "s",
    );
    if (!values.some((v) => re.test(v))) return false;
  }
  return true;
}

/**
 * How C-FIND keys of levels other than the Query/Retrieve Level are treated (PS3.4 C.4.1.2-3):
 * `"relational"` matches keys of any level (PS3.4 C.4.1.3.2.2); `"hierarchical"` is the baseline
 * Hierarchical Search Method (PS3.4 C.4.1.3.1.1).
 */
export type QuerySearchMethod = "relational" | "hierarchical";

/** Options of {@link PacsIndex.find}. */
export interface IndexFindOptions {
  /** (0008,0054) Retrieve AE Title to put in each response. Default: none. */
  readonly retrieveAeTitle?: string;
  /** The search method. Default `"relational"`. */
  readonly method?: QuerySearchMethod;
  /**
   * The information model's top level: `"PATIENT"` (Patient Root) or `"STUDY"` (Study Root, where
   * the patient's keys are keys of the STUDY level, PS3.4 C.6.2.1). Default `"PATIENT"`.
   */
  readonly root?: "PATIENT" | "STUDY";
}

/** Options of {@link PacsIndex.select}. */
export interface IndexSelectOptions {
  /**
   * `"hierarchical"` requires a single unique key value for each level above the
   * Query/Retrieve Level (PS3.4 C.4.2.2.1); `"relational"` (relational-retrieve) does not.
   * Default `"relational"`.
   */
  readonly method?: QuerySearchMethod;
  /** The information model's top level. Default `"PATIENT"`. */
  readonly root?: "PATIENT" | "STUDY";
}

/**
 * The level of each indexed key in the Patient Root model (PS3.4 C.6.1.1.2-5); in the Study Root
 * model the PATIENT keys are STUDY keys. Keys not listed count as keys of the query's own level.
 */
const KEY_LEVELS: ReadonlyMap<Tag, QueryLevel> = (() => {
  const map = new Map<Tag, QueryLevel>();
  const put = (level: QueryLevel, tags: Tag[]) => tags.forEach((t) => map.set(t, level));
  put("PATIENT", [
    0x00100010,
    0x00100020,
    0x00100021,
    0x00100030,
    0x00100032,
    0x00100040,
    0x00101000,
    0x00101001,
    0x00102160,
    0x00104000,
    0x00201200,
    0x00201202,
    0x00201204,
  ]);
  put("STUDY", [
    0x00080020,
    0x00080030,
    0x00080050,
    0x00080061,
    0x00080062,
    0x00080090,
    0x00081030,
    0x00081060,
    0x00101010,
    0x00101020,
    0x00101030,
    0x0020000d,
    0x00200010,
    0x00201206,
    0x00201208,
  ]);
  put("SERIES", [
    0x00080021,
    0x00080031,
    0x00080060,
    0x0008103e,
    0x00180015,
    0x0020000e,
    0x00200011,
    0x00201209,
    0x00400244,
    0x00400245,
  ]);
  put("IMAGE", [
    0x00080008,
    0x00080016,
    0x00080018,
    0x00080023,
    0x00080033,
    0x00200013,
    0x00280008,
    0x00280010,
    0x00280011,
  ]);
  return map;
})();

/** The level of a key in a model, or undefined for keys not in the model's tables. */
function keyLevel(tag: Tag, root: "PATIENT" | "STUDY"): QueryLevel | undefined {
  const level = KEY_LEVELS.get(tag);
  return root === "STUDY" && level === "PATIENT" ? "STUDY" : level;
}

/** Keys that take part in no matching (PS3.4 C.4.1.1.3.1). */
const NOT_MATCHED = new Set<Tag>([QUERY_RETRIEVE_LEVEL, 0x00080005, 0x00080054]);

/** Where an entry sits: its entity at each level, and when it was added (for ordering). */
interface EntryPlace {
  readonly seq: number;
  readonly ids: Readonly<Record<QueryLevel, string>>;
}

/**
 * The index: instances by SOP Instance UID, with C-FIND and retrieve selection. Instances are
 * also grouped by patient, study and series, so that a query naming a Patient ID or a Study,
 * Series or SOP Instance UID looks at that entity only, and each entity is matched only until
 * one of its instances matches.
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { PacsIndex } from "./pacs_index.ts";
 * const index = new PacsIndex();
 * const ds = new DataSet();
 * ds.set("SOPInstanceUID", "1.2.3");
 * ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2");
 * index.add(ds, { location: "a.dcm", transferSyntaxUid: "1.2.840.10008.1.2.1" });
 * index.size; // 1
 * ```
 */
export class PacsIndex {
  readonly #instances = new Map<string, IndexedInstance>();
  readonly #places = new Map<string, EntryPlace>();
  /** Level to entity id (Patient ID, Study/Series Instance UID) to its instances. */
  readonly #entities: Record<QueryLevel, Map<string, Map<string, IndexedInstance>>> = {
    PATIENT: new Map(),
    STUDY: new Map(),
    SERIES: new Map(),
    IMAGE: new Map(),
  };
  readonly #decoded = new WeakMap<IndexedInstance, Map<Tag, readonly string[]>>();
  readonly #keys: readonly Tag[];
  readonly #pnCaseInsensitive: boolean;
  #seq = 0;

  /** An empty index. */
  constructor(options: PacsIndexOptions = {}) {
    this.#keys = [...new Set([...INDEX_KEYS, ...(options.extraKeys ?? [])])];
    this.#pnCaseInsensitive = options.pnCaseInsensitive ?? true;
  }

  /** Number of instances. */
  get size(): number {
    return this.#instances.size;
  }

  /** The instance with this SOP Instance UID. */
  get(sopInstanceUid: string): IndexedInstance | undefined {
    return this.#instances.get(sopInstanceUid);
  }

  /** True when the SOP Instance UID is indexed. */
  has(sopInstanceUid: string): boolean {
    return this.#instances.has(sopInstanceUid);
  }

  /** Every instance, in the order added. */
  instances(): IndexedInstance[] {
    return [...this.#instances.values()];
  }

  /**
   * Indexes an instance from its data set (only the indexed keys are kept), replacing an entry
   * with the same SOP Instance UID. Returns the entry.
   */
  add(
    dataSet: DataSet,
    file: {
      location: string;
      transferSyntaxUid: string;
      sopClassUid?: string;
      sopInstanceUid?: string;
    },
  ): IndexedInstance {
    const attributes = new DataSet();
    for (const tag of this.#keys) {
      const e = dataSet.get(tag);
      if (e !== undefined) attributes.add(e);
    }
    const kept = attributes.clone();
    const sopInstanceUid = file.sopInstanceUid ?? kept.getString(0x00080018)?.trim() ?? "";
    const sopClassUid = file.sopClassUid ?? kept.getString(0x00080016)?.trim() ?? "";
    if (sopInstanceUid === "") {
      throw new TypeError("Cannot index the instance: no SOP Instance UID");
    }
    const entry: IndexedInstance = {
      sopClassUid,
      sopInstanceUid,
      transferSyntaxUid: file.transferSyntaxUid,
      location: file.location,
      attributes: kept,
    };
    this.delete(sopInstanceUid);
    this.#instances.set(sopInstanceUid, entry);
    const id = (tag: Tag) => kept.getString(tag)?.trim() ?? "";
    const ids: Record<QueryLevel, string> = {
      PATIENT: id(LEVEL_UNIQUE_KEYS.PATIENT),
      STUDY: id(LEVEL_UNIQUE_KEYS.STUDY),
      SERIES: id(LEVEL_UNIQUE_KEYS.SERIES),
      IMAGE: id(LEVEL_UNIQUE_KEYS.IMAGE),
    };
    this.#places.set(sopInstanceUid, { seq: this.#seq++, ids });
    for (const level of LEVEL_ORDER) {
      const map = this.#entities[level];
      let bucket = map.get(ids[level]);
      if (bucket === undefined) map.set(ids[level], bucket = new Map());
      bucket.set(sopInstanceUid, entry);
    }
    return entry;
  }

  /**
   * Indexes a Part 10 file from its bytes (the header is enough: reading stops before the pixel
   * data). Throws when it does not parse.
   */
  addPart10(bytes: Uint8Array, location: string): IndexedInstance {
    return this.addFile(readDicom(bytes, { stopBeforePixels: true }), location);
  }

  /** Indexes a Part 10 file already read (its header is enough). */
  addFile(file: DicomFile, location: string): IndexedInstance {
    return this.add(file.dataSet, {
      location,
      transferSyntaxUid: file.transferSyntaxUid,
      sopClassUid: file.meta.getString(0x00020002)?.trim() || undefined,
      sopInstanceUid: file.meta.getString(0x00020003)?.trim() || undefined,
    });
  }

  /** Removes an instance; true when it was there. */
  delete(sopInstanceUid: string): boolean {
    const place = this.#places.get(sopInstanceUid);
    if (place !== undefined) {
      for (const level of LEVEL_ORDER) {
        const map = this.#entities[level];
        const bucket = map.get(place.ids[level]);
        bucket?.delete(sopInstanceUid);
        if (bucket?.size === 0) map.delete(place.ids[level]);
      }
      this.#places.delete(sopInstanceUid);
    }
    return this.#instances.delete(sopInstanceUid);
  }

  #levelOf(identifier: DataSet): QueryLevel {
    const level = identifier.getString(QUERY_RETRIEVE_LEVEL)?.trim() ?? "";
    if (!identifier.has(QUERY_RETRIEVE_LEVEL)) {
      throw new IndexQueryError(0xa900, "No Query/Retrieve Level (0008,0052)");
    }
    if (!isQueryLevel(level)) {
      throw new IndexQueryError(0xa900, `Unknown Query/Retrieve Level: ${level}`);
    }
    return level;
  }

  /**
   * The instances that can match: those of the entity named by the most specific exact unique
   * key (a single value, or a UID list), else every instance; in the order added.
   */
  #candidates(identifier: DataSet): Iterable<IndexedInstance> {
    for (const level of ["IMAGE", "SERIES", "STUDY", "PATIENT"] as const) {
      const tag = LEVEL_UNIQUE_KEYS[level];
      const e = identifier.get(tag);
      if (e === undefined || e.vr === "SQ") continue;
      const values = identifier.getStrings(tag).map((v) => v.trim());
      // Universal, wildcard or (for Patient ID) several values: no shortcut.
      if (values.length === 0 || values.some((v) => v === "" || /[*?]/.test(v))) continue;
      if (level === "PATIENT" && values.length > 1) continue;
      const buckets = values.map((v) => this.#entities[level].get(v)).filter((b) =>
        b !== undefined
      );
      if (buckets.length === 1) return buckets[0]!.values();
      const all = buckets.flatMap((b) => [...b!.values()]);
      return all.sort((a, b) =>
        this.#places.get(a.sopInstanceUid)!.seq - this.#places.get(b.sopInstanceUid)!.seq
      );
    }
    return this.#instances.values();
  }

  #matches(entry: IndexedInstance, identifier: DataSet): boolean {
    if (!matchesIdentifier(entry.attributes, identifier)) return false;
    return this.#pnCaseInsensitive || pnCaseSensitiveMatch(entry.attributes, identifier);
  }

  /**
   * A matcher for one identifier that remembers its answer by the values of the keys that have
   * a value (the answer depends on nothing else): instances of one study share their study's
   * values, so a wildcard is tried once per distinct value, not once per instance. Sequence keys
   * are matched every time.
   */
  #matcher(identifier: DataSet): (entry: IndexedInstance) => boolean {
    const keys: Tag[] = [];
    for (const e of identifier.elements()) {
      if (NOT_MATCHED.has(e.tag) || (e.tag & 0xffff) === 0) continue;
      if (e.vr === "SQ") return (entry) => this.#matches(entry, identifier);
      if (identifier.getStrings(e.tag).length > 0) keys.push(e.tag);
    }
    if (keys.length === 0) return () => true; // universal matching only
    const memo = new Map<string, boolean>();
    return (entry) => {
      let signature = "";
      for (const tag of keys) {
        const values = this.#strings(entry, tag);
        signature += `${values.length}:${values.join("\u0001")}\u0000`;
      }
      let answer = memo.get(signature);
      if (answer === undefined) {
        answer = this.#matches(entry, identifier);
        memo.set(signature, answer);
      }
      return answer;
    };
  }

  /** The decoded values of a key of an instance (kept: instances do not change). */
  #strings(entry: IndexedInstance, tag: Tag): readonly string[] {
    let cache = this.#decoded.get(entry);
    if (cache === undefined) this.#decoded.set(entry, cache = new Map());
    let values = cache.get(tag);
    if (values === undefined) cache.set(tag, values = entry.attributes.getStrings(tag));
    return values;
  }

  #matching(identifier: DataSet): IndexedInstance[] {
    const out: IndexedInstance[] = [];
    const matches = this.#matcher(identifier);
    for (const entry of this.#candidates(identifier)) {
      if (matches(entry)) out.push(entry);
    }
    return out;
  }

  /**
   * The keys a hierarchical query matches with (PS3.4 C.4.1.3.1.1): the unique key of each
   * level above the Query/Retrieve Level, which must hold a single value (PS3.4 C.4.1.2.1;
   * otherwise 0xA900, as DCMTK's dcmqrscp answers), and the keys of the level itself. Other keys
   * of higher levels are not matched: the SCP matches only the unique key there. Keys of lower
   * levels are ignored too. Keys the model does not list count as keys of the level.
   */
  #hierarchicalKeys(identifier: DataSet, level: QueryLevel, root: "PATIENT" | "STUDY"): DataSet {
    const above = levelsAbove(identifier, level, root, "query");
    const keys = new DataSet();
    for (const e of identifier.elements()) {
      if (NOT_MATCHED.has(e.tag)) {
        keys.add(e);
        continue;
      }
      const at = keyLevel(e.tag, root) ?? level;
      const uniqueAbove = above.some((u) => LEVEL_UNIQUE_KEYS[u] === e.tag);
      if (at === level || uniqueAbove) keys.add(e);
    }
    return keys;
  }

  /**
   * Runs a C-FIND identifier: one response per matching entity of the Query/Retrieve Level, with
   * the requested return keys, including the computed counts and Modalities/SOP Classes in Study.
   * Relational by default (keys of any level match; PS3.4 C.4.1.3.2.2); with `method:
   * "hierarchical"`, the baseline Hierarchical Search (PS3.4 C.4.1.3.1.1). Throws
   * {@link IndexQueryError} for a missing or unknown level, or a hierarchical query without the
   * unique keys of the levels above.
   */
  find(identifier: DataSet, options: IndexFindOptions = {}): DataSet[] {
    const level = this.#levelOf(identifier);
    const depth = LEVEL_ORDER.indexOf(level);
    const responseOptions = { retrieveAeTitle: options.retrieveAeTitle };
    const computed = [
      NUMBER_OF_PATIENT_RELATED_STUDIES,
      NUMBER_OF_PATIENT_RELATED_SERIES,
      NUMBER_OF_PATIENT_RELATED_INSTANCES,
      NUMBER_OF_STUDY_RELATED_SERIES,
      NUMBER_OF_STUDY_RELATED_INSTANCES,
      NUMBER_OF_SERIES_RELATED_INSTANCES,
      MODALITIES_IN_STUDY,
      SOP_CLASSES_IN_STUDY,
    ].filter((t) => identifier.has(t));
    // Computed keys are matched on the entity, not on instances: take them out first.
    let matchKeys = identifier.clone();
    const computedKeys = new DataSet();
    for (const t of computed) {
      computedKeys.add(matchKeys.get(t)!);
      matchKeys.delete(t);
    }
    const returnKeys = matchKeys.clone();
    if (options.method === "hierarchical") {
      matchKeys = this.#hierarchicalKeys(matchKeys, level, options.root ?? "PATIENT");
    }
    // The first matching instance of each entity, in the order added.
    const matched = new Map<string, IndexedInstance>();
    const matches = this.#matcher(matchKeys);
    for (const entry of this.#candidates(matchKeys)) {
      const id = this.#places.get(entry.sopInstanceUid)!.ids[level];
      if (matched.has(id) || !matches(entry)) continue;
      matched.set(id, entry);
    }
    if (computed.length === 0) {
      return [...matched.values()].map((e) =>
        queryResponse(e.attributes, returnKeys, responseOptions)
      );
    }
    const answers: DataSet[] = [];
    for (const [id, entry] of matched) {
      const related = [...(this.#entities[level].get(id)?.values() ?? [entry])];
      const ds = entry.attributes.clone();
      const distinct = (tag: Tag) =>
        [...new Set(related.map((r) => r.attributes.getString(tag)?.trim() ?? ""))].filter((v) =>
          v
        );
      const setCount = (tag: Tag, value: number) => {
        if (computed.includes(tag)) ds.set(tag, String(value), "IS");
      };
      if (depth <= 0) {
        setCount(NUMBER_OF_PATIENT_RELATED_STUDIES, distinct(0x0020000d).length);
        setCount(NUMBER_OF_PATIENT_RELATED_SERIES, distinct(0x0020000e).length);
        setCount(NUMBER_OF_PATIENT_RELATED_INSTANCES, related.length);
      }
      if (depth <= 1) {
        setCount(NUMBER_OF_STUDY_RELATED_SERIES, distinct(0x0020000e).length);
        setCount(NUMBER_OF_STUDY_RELATED_INSTANCES, related.length);
        if (computed.includes(MODALITIES_IN_STUDY)) {
          ds.set(MODALITIES_IN_STUDY, distinct(0x00080060), "CS");
        }
        if (computed.includes(SOP_CLASSES_IN_STUDY)) {
          ds.set(SOP_CLASSES_IN_STUDY, distinct(0x00080016), "UI");
        }
      }
      if (depth <= 2) setCount(NUMBER_OF_SERIES_RELATED_INSTANCES, related.length);
      const answer = queryResponse(ds, returnKeys, responseOptions);
      // Put the computed return keys back in.
      for (const t of computed) answer.add(ds.get(t) ?? computedKeys.get(t)!);
      answers.push(answer);
    }
    return answers;
  }

  /**
   * The instances a C-MOVE/C-GET identifier selects: those matching its keys (unique keys of the
   * level and above; PS3.4 C.4.2.2.1). Throws {@link IndexQueryError} for a missing level, an
   * identifier without the level's unique key, or (hierarchical) without those of the levels
   * above.
   */
  select(identifier: DataSet, options: IndexSelectOptions = {}): IndexedInstance[] {
    const level = this.#levelOf(identifier);
    const uniqueKey = LEVEL_UNIQUE_KEYS[level];
    if ((identifier.getString(uniqueKey)?.trim() ?? "") === "" && level !== "PATIENT") {
      throw new IndexQueryError(0xa900, `No ${level} unique key in the identifier`);
    }
    // PS3.4 C.4.2.2.1 (baseline, hierarchical retrieve): a single unique key value for each level
    // above the Query/Retrieve Level.
    if (options.method === "hierarchical") {
      levelsAbove(identifier, level, options.root ?? "PATIENT", "retrieve");
    }
    return this.#matching(identifier);
  }
}

/**
 * The levels above `level` in the model, after checking that the identifier holds a single value
 * (no wildcard, no list) in the unique key of each (PS3.4 C.4.1.2.1, C.4.2.2.1); throws
 * {@link IndexQueryError} 0xA900 otherwise, as DCMTK's dcmqrscp answers.
 */
function levelsAbove(
  identifier: DataSet,
  level: QueryLevel,
  root: "PATIENT" | "STUDY",
  what: "query" | "retrieve",
): QueryLevel[] {
  const levels = LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(root));
  const depth = levels.indexOf(level);
  if (depth < 0) throw new IndexQueryError(0xa900, `No ${level} level in the ${root} Root model`);
  const above = levels.slice(0, depth);
  for (const upper of above) {
    const tag = LEVEL_UNIQUE_KEYS[upper];
    const values = identifier.getStrings(tag).map((v) => v.trim());
    if (values.length !== 1 || values[0] === "" || /[*?]/.test(values[0])) {
      throw new IndexQueryError(
        0xa900,
        `Hierarchical ${what}: ${upper} unique key (${tagText(tag)}) needs a single value`,
      );
    }
  }
  return above;
}

function tagText(tag: Tag): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");
  return `${hex(tag >>> 16)},${hex(tag & 0xffff)}`;
}
