/**
 * The mock PACS index: what is stored, by patient, study, series and instance, with the keys
 * PS3.4 Annex C requires (C.6.1.1 Patient Root, C.6.2.1 Study Root) plus configured extra keys;
 * C-FIND over it (PS3.4 C.2.2.2 matching) and the instance selection of C-MOVE/C-GET.
 * @module
 */
import { readDicom } from "../../codec/read_file.ts";
import { DataSet } from "../../core/dataset.ts";
import type { Tag } from "../../core/tag.ts";
import { matchesIdentifier, queryDataSets } from "../../services/query_match.ts";
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
 * The index: instances by SOP Instance UID, with C-FIND and retrieve selection.
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
  readonly #keys: readonly Tag[];
  readonly #pnCaseInsensitive: boolean;

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
    this.#instances.delete(sopInstanceUid);
    this.#instances.set(sopInstanceUid, entry);
    return entry;
  }

  /**
   * Indexes a Part 10 file from its bytes (the header is enough: reading stops before the pixel
   * data). Throws when it does not parse.
   */
  addPart10(bytes: Uint8Array, location: string): IndexedInstance {
    const file = readDicom(bytes, { stopBeforePixels: true });
    return this.add(file.dataSet, {
      location,
      transferSyntaxUid: file.transferSyntaxUid,
      sopClassUid: file.meta.getString(0x00020002)?.trim() || undefined,
      sopInstanceUid: file.meta.getString(0x00020003)?.trim() || undefined,
    });
  }

  /** Removes an instance; true when it was there. */
  delete(sopInstanceUid: string): boolean {
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

  #matching(identifier: DataSet): IndexedInstance[] {
    const out: IndexedInstance[] = [];
    for (const entry of this.#instances.values()) {
      if (!matchesIdentifier(entry.attributes, identifier)) continue;
      if (!this.#pnCaseInsensitive && !pnCaseSensitiveMatch(entry.attributes, identifier)) continue;
      out.push(entry);
    }
    return out;
  }

  /**
   * Runs a C-FIND identifier (relational: keys of any level match; a hierarchical query is a
   * special case of it): one response per matching entity of the Query/Retrieve Level, with the
   * requested return keys, including the computed counts and Modalities/SOP Classes in Study.
   * Throws {@link IndexQueryError} for a missing or unknown level.
   */
  find(identifier: DataSet, options: { retrieveAeTitle?: string } = {}): DataSet[] {
    const level = this.#levelOf(identifier);
    const depth = LEVEL_ORDER.indexOf(level);
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
    const matchKeys = identifier.clone();
    const computedKeys = new DataSet();
    for (const t of computed) {
      computedKeys.add(matchKeys.get(t)!);
      matchKeys.delete(t);
    }
    const matched = this.#matching(matchKeys);
    if (computed.length === 0) {
      return queryDataSets(matched.map((m) => m.attributes), identifier, options);
    }
    // Group the whole index by the level's unique key to count related entities.
    const uniqueKey = LEVEL_UNIQUE_KEYS[level];
    const all = new Map<string, IndexedInstance[]>();
    for (const entry of this.#instances.values()) {
      const id = entry.attributes.getString(uniqueKey)?.trim() ?? "";
      if (!all.has(id)) all.set(id, []);
      all.get(id)!.push(entry);
    }
    const candidates: DataSet[] = [];
    const seen = new Set<string>();
    for (const entry of matched) {
      const id = entry.attributes.getString(uniqueKey)?.trim() ?? "";
      if (seen.has(id)) continue;
      seen.add(id);
      const related = all.get(id) ?? [entry];
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
      candidates.push(ds);
    }
    const answers = queryDataSets(candidates, matchKeys, options);
    // Put the computed return keys back in.
    return answers.map((answer, i) => {
      for (const t of computed) {
        const e = candidates[i].get(t);
        answer.add(e ?? computedKeys.get(t)!);
      }
      return answer;
    });
  }

  /**
   * The instances a C-MOVE/C-GET identifier selects: those matching its keys (unique keys of the
   * level and above; PS3.4 C.4.2.2.1). Throws {@link IndexQueryError} for a missing level or an
   * identifier without any unique key.
   */
  select(identifier: DataSet): IndexedInstance[] {
    const level = this.#levelOf(identifier);
    const uniqueKey = LEVEL_UNIQUE_KEYS[level];
    if ((identifier.getString(uniqueKey)?.trim() ?? "") === "" && level !== "PATIENT") {
      throw new IndexQueryError(0xa900, `No ${level} unique key in the identifier`);
    }
    return this.#matching(identifier);
  }
}
