/**
 * Query/Retrieve information models (PS3.4 C.6) and the Modality Worklist model (PS3.4 K.6): their
 * SOP class UIDs for C-FIND, C-MOVE and C-GET, and the query levels each one has.
 * @module
 */
import type { Tag } from "../core/tag.ts";

/** A Query/Retrieve level, the value of (0008,0052) Query/Retrieve Level (PS3.4 C.3). */
export type QueryLevel = "PATIENT" | "STUDY" | "SERIES" | "IMAGE";

/**
 * The four levels, highest first.
 * @example
 * ```ts
 * import { QUERY_LEVELS } from "./query_models.ts";
 * QUERY_LEVELS.includes("SERIES"); // true
 * ```
 */
export const QUERY_LEVELS: readonly QueryLevel[] = Object.freeze([
  "PATIENT",
  "STUDY",
  "SERIES",
  "IMAGE",
]);

/**
 * The unique key of each level (PS3.4 C.3.1-C.3.4): Patient ID, Study Instance UID, Series
 * Instance UID, SOP Instance UID.
 * @example
 * ```ts
 * import { LEVEL_UNIQUE_KEYS } from "./query_models.ts";
 * LEVEL_UNIQUE_KEYS.STUDY; // 0x0020000d
 * ```
 */
export const LEVEL_UNIQUE_KEYS: Readonly<Record<QueryLevel, Tag>> = Object.freeze({
  PATIENT: 0x00100020,
  STUDY: 0x0020000d,
  SERIES: 0x0020000e,
  IMAGE: 0x00080018,
});

/**
 * Patient Root Query/Retrieve Information Model - FIND (PS3.4 C.6.1.3.1).
 * @example
 * ```ts
 * import { PATIENT_ROOT_FIND } from "./query_models.ts";
 * PATIENT_ROOT_FIND; // "1.2.840.10008.5.1.4.1.2.1.1"
 * ```
 */
export const PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
/**
 * Patient Root Query/Retrieve Information Model - MOVE (PS3.4 C.6.1.3.2).
 * @example
 * ```ts
 * import { PATIENT_ROOT_MOVE } from "./query_models.ts";
 * PATIENT_ROOT_MOVE; // "1.2.840.10008.5.1.4.1.2.1.2"
 * ```
 */
export const PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
/**
 * Patient Root Query/Retrieve Information Model - GET (PS3.4 C.6.1.3.3).
 * @example
 * ```ts
 * import { PATIENT_ROOT_GET } from "./query_models.ts";
 * PATIENT_ROOT_GET; // "1.2.840.10008.5.1.4.1.2.1.3"
 * ```
 */
export const PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";
/**
 * Study Root Query/Retrieve Information Model - FIND (PS3.4 C.6.2.3.1).
 * @example
 * ```ts
 * import { STUDY_ROOT_FIND } from "./query_models.ts";
 * STUDY_ROOT_FIND; // "1.2.840.10008.5.1.4.1.2.2.1"
 * ```
 */
export const STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
/**
 * Study Root Query/Retrieve Information Model - MOVE (PS3.4 C.6.2.3.2).
 * @example
 * ```ts
 * import { STUDY_ROOT_MOVE } from "./query_models.ts";
 * STUDY_ROOT_MOVE; // "1.2.840.10008.5.1.4.1.2.2.2"
 * ```
 */
export const STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
/**
 * Study Root Query/Retrieve Information Model - GET (PS3.4 C.6.2.3.3).
 * @example
 * ```ts
 * import { STUDY_ROOT_GET } from "./query_models.ts";
 * STUDY_ROOT_GET; // "1.2.840.10008.5.1.4.1.2.2.3"
 * ```
 */
export const STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
/**
 * Patient/Study Only Query/Retrieve Information Model - FIND (retired, PS3.4-2004 C.6.3).
 * @example
 * ```ts
 * import { PATIENT_STUDY_ONLY_FIND } from "./query_models.ts";
 * PATIENT_STUDY_ONLY_FIND; // "1.2.840.10008.5.1.4.1.2.3.1"
 * ```
 */
export const PATIENT_STUDY_ONLY_FIND = "1.2.840.10008.5.1.4.1.2.3.1";
/**
 * Patient/Study Only Query/Retrieve Information Model - MOVE (retired).
 * @example
 * ```ts
 * import { PATIENT_STUDY_ONLY_MOVE } from "./query_models.ts";
 * PATIENT_STUDY_ONLY_MOVE; // "1.2.840.10008.5.1.4.1.2.3.2"
 * ```
 */
export const PATIENT_STUDY_ONLY_MOVE = "1.2.840.10008.5.1.4.1.2.3.2";
/**
 * Patient/Study Only Query/Retrieve Information Model - GET (retired).
 * @example
 * ```ts
 * import { PATIENT_STUDY_ONLY_GET } from "./query_models.ts";
 * PATIENT_STUDY_ONLY_GET; // "1.2.840.10008.5.1.4.1.2.3.3"
 * ```
 */
export const PATIENT_STUDY_ONLY_GET = "1.2.840.10008.5.1.4.1.2.3.3";
/**
 * Modality Worklist Information Model - FIND (PS3.4 K.6.1.2).
 * @example
 * ```ts
 * import { MODALITY_WORKLIST_FIND } from "./query_models.ts";
 * MODALITY_WORKLIST_FIND; // "1.2.840.10008.5.1.4.31"
 * ```
 */
export const MODALITY_WORKLIST_FIND = "1.2.840.10008.5.1.4.31";

/** The names the CLI and options use for the information models. */
export type QueryModelName = "patient" | "study" | "patient-study" | "worklist";

/** An information model: its SOP classes and levels. */
export interface QueryModel {
  /** Short name (`--model`). */
  readonly name: QueryModelName;
  /** What it is called in PS3.4. */
  readonly title: string;
  /** The C-FIND SOP class. */
  readonly find: string;
  /** The C-MOVE SOP class; `undefined` for the worklist. */
  readonly move: string | undefined;
  /** The C-GET SOP class; `undefined` for the worklist. */
  readonly get: string | undefined;
  /** The levels that can be queried, highest first; empty for the worklist (no levels). */
  readonly levels: readonly QueryLevel[];
}

/**
 * The information models by name.
 * @example
 * ```ts
 * import { QUERY_MODELS } from "./query_models.ts";
 * QUERY_MODELS.study.levels; // ["STUDY", "SERIES", "IMAGE"]
 * ```
 */
export const QUERY_MODELS: Readonly<Record<QueryModelName, QueryModel>> = Object.freeze({
  patient: Object.freeze({
    name: "patient",
    title: "Patient Root Query/Retrieve Information Model",
    find: PATIENT_ROOT_FIND,
    move: PATIENT_ROOT_MOVE,
    get: PATIENT_ROOT_GET,
    levels: QUERY_LEVELS,
  }),
  study: Object.freeze({
    name: "study",
    title: "Study Root Query/Retrieve Information Model",
    find: STUDY_ROOT_FIND,
    move: STUDY_ROOT_MOVE,
    get: STUDY_ROOT_GET,
    levels: Object.freeze(["STUDY", "SERIES", "IMAGE"] as QueryLevel[]),
  }),
  "patient-study": Object.freeze({
    name: "patient-study",
    title: "Patient/Study Only Query/Retrieve Information Model (retired)",
    find: PATIENT_STUDY_ONLY_FIND,
    move: PATIENT_STUDY_ONLY_MOVE,
    get: PATIENT_STUDY_ONLY_GET,
    levels: Object.freeze(["PATIENT", "STUDY"] as QueryLevel[]),
  }),
  worklist: Object.freeze({
    name: "worklist",
    title: "Modality Worklist Information Model",
    find: MODALITY_WORKLIST_FIND,
    move: undefined,
    get: undefined,
    levels: Object.freeze([] as QueryLevel[]),
  }),
});

/** A Query/Retrieve operation. */
export type QueryOperation = "find" | "move" | "get";

/**
 * The model and operation of a Query/Retrieve or worklist SOP class UID, or `undefined`.
 * @example
 * ```ts
 * import { queryModelOf } from "./query_models.ts";
 * queryModelOf("1.2.840.10008.5.1.4.1.2.2.2"); // { model: QUERY_MODELS.study, operation: "move" }
 * ```
 */
export function queryModelOf(
  sopClassUid: string,
): { model: QueryModel; operation: QueryOperation } | undefined {
  for (const model of Object.values(QUERY_MODELS)) {
    for (const operation of ["find", "move", "get"] as const) {
      if (model[operation] === sopClassUid) return { model, operation };
    }
  }
  return undefined;
}

/**
 * True when the text is one of the four levels.
 * @example
 * ```ts
 * import { isQueryLevel } from "./query_models.ts";
 * isQueryLevel("SERIES"); // true
 * isQueryLevel("FRAME"); // false
 * ```
 */
export function isQueryLevel(text: string): text is QueryLevel {
  return (QUERY_LEVELS as readonly string[]).includes(text);
}

/**
 * True when the name is one of the models (`patient`, `study`, `patient-study`, `worklist`).
 * @example
 * ```ts
 * import { isQueryModelName } from "./query_models.ts";
 * isQueryModelName("study"); // true
 * ```
 */
export function isQueryModelName(text: string): text is QueryModelName {
  return Object.hasOwn(QUERY_MODELS, text);
}
