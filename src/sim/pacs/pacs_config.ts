/**
 * The mock PACS configuration: a typed object with documented defaults, and
 * {@link parsePacsConfig} that validates JSON (e.g. a config file) into it with errors naming
 * the bad field.
 * @module
 */
import { tagFromKeyword } from "../../core/dictionary.ts";
import { parseTag, type Tag } from "../../core/tag.ts";
import { isStorageSopClass, lookupUid, uidFromKeyword } from "../../core/uid_registry.ts";
import {
  MODALITY_WORKLIST_FIND,
  PATIENT_ROOT_FIND,
  PATIENT_ROOT_GET,
  PATIENT_ROOT_MOVE,
  STUDY_ROOT_FIND,
  STUDY_ROOT_GET,
  STUDY_ROOT_MOVE,
} from "../../services/query_models.ts";
import type { PacsFault } from "./pacs_faults.ts";
import { parseFaults } from "./pacs_faults.ts";
import { PACS_PRESETS } from "./pacs_presets.ts";

/** What to do with a C-STORE of a SOP Instance UID already stored. */
export type DuplicatePolicy = "overwrite" | "keep" | "reject";

/** A C-MOVE destination (or Storage Commitment report target): where an AE title listens. */
export interface PeerAddress {
  /** Host name or address. */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
}

/** Storage Commitment SCP behaviour (PS3.4 J). */
export interface StorageCommitmentConfig {
  /**
   * Where the N-EVENT-REPORT goes: `"same"` on the association of the N-ACTION (after its
   * response), `"new"` on a new association to the requestor's AE title looked up in
   * `destinations`. Default `"same"`.
   */
  readonly report: "same" | "new";
  /** Wait this long (ms) before reporting. Default 0. */
  readonly delayMs: number;
  /** SOP Instance UIDs always reported as failed (a fault). Default none. */
  readonly failInstances: readonly string[];
}

/**
 * How the node answers the SCP/SCU role selection a C-GET SCU proposes for a storage SOP class
 * (PS3.7 D.3.3.4): `"accept"` the SCP role (C-GET can send the instances), `"refuse"` it (SCP-role
 * 0: an SCU that proposed only the SCP role, as DCMTK getscu does, is left without a role and the
 * context is rejected), `"ignore"` it (no role selection reply: default roles, the SCU stays SCU
 * only). After "refuse" or "ignore" a C-GET of
 * such instances fails its sub-operations (PS3.4 C.4.3.3).
 */
export type GetScpRolePolicy = "accept" | "refuse" | "ignore";

/**
 * How C-FIND keys of levels other than the Query/Retrieve Level are treated, and what a C-MOVE or
 * C-GET identifier must hold: `"relational"` keys of any level match and retrieves need only the
 * unique key of their level, without negotiation (as Orthanc and most archives do);
 * `"hierarchical"` the baseline only (PS3.4 C.4.1.3.1, C.4.2.2.1: a single value in the unique key
 * of every level above, else 0xA900; other keys of other levels not matched), relational-queries
 * and relational-retrieval refused in extended negotiation; `"negotiated"` hierarchical unless the
 * SCU negotiated the relational option for that SOP class (PS3.4 C.5.1.1, C.5.2.1, C.5.3.1), as
 * the standard has it.
 */
export type QueryMethodPolicy = "relational" | "hierarchical" | "negotiated";

/** Settings of one SOP class (a key of {@link PacsConfig.sopClasses}). */
export interface SopClassConfig {
  /**
   * Transfer syntaxes accepted for it, in our order of preference (the first one the requestor
   * proposed is accepted, PS3.8 9.3.3.2); `"*"` stands for any proposed one. Default: the node's.
   */
  readonly transferSyntaxes?: readonly string[];
  /** The C-GET role policy of this storage SOP class. Default: the node's `getScpRole`. */
  readonly getScpRole?: GetScpRolePolicy;
}

/** The whole configuration of a mock PACS node. Every field has a default. */
export interface PacsConfig {
  /** Our AE title. Default `"DICOMSIM"`. */
  readonly aeTitle: string;
  /** Address to listen on. Default `"127.0.0.1"`. */
  readonly host: string;
  /** TCP port; 0 picks a free one. Default 0. */
  readonly port: number;
  /** Accept any called AE title. Default false (only `aeTitle`). */
  readonly acceptAnyCalledAeTitle: boolean;
  /** Calling AE titles allowed to associate. Default: any. */
  readonly callingAeTitles?: readonly string[];
  /** Maximum PDU length we receive. Default: the association layer's (16 KiB... see acse). */
  readonly maxPduLength?: number;
  /** At most this many simultaneous associations; more are rejected. Default: no limit. */
  readonly maxAssociations?: number;
  /** Storage transfer syntaxes in our order of preference. Default `STORAGE_TRANSFER_SYNTAXES`. */
  readonly transferSyntaxes?: readonly string[];
  /**
   * Per SOP class UID (JSON may name it by keyword, e.g. `"CTImageStorage"`): its transfer
   * syntax preference order and, for storage SOP classes, its C-GET role policy. Default none.
   */
  readonly sopClasses: Readonly<Record<string, SopClassConfig>>;
  /** The SCP role for C-GET, for every storage SOP class. Default `"accept"`. */
  readonly getScpRole: GetScpRolePolicy;
  /** C-FIND search method. Default `"relational"`. */
  readonly queryMethod: QueryMethodPolicy;
  /**
   * Store every instance in this transfer syntax (UID or keyword), decompressing or compressing
   * the pixel data as needed. Default: as received.
   */
  readonly storeTransferSyntax?: string;
  /**
   * When an instance cannot be transcoded to `storeTransferSyntax` (no codec, corrupt frames):
   * `"keep"` stores it as received (and logs why), `"fail"` answers 0xA700. Default `"keep"`.
   */
  readonly storeTranscodeFailure: "keep" | "fail";
  /**
   * Duplicate SOP Instance UID: `"overwrite"` replaces the stored copy (Success), `"keep"` keeps
   * it and answers Success, `"reject"` keeps it and answers `duplicateStatus`. Default
   * `"overwrite"`.
   */
  readonly duplicates: DuplicatePolicy;
  /**
   * The status of a rejected duplicate. Default 0xB006 (warning "Elements Discarded",
   * PS3.4 B.2.3: the new copy's elements are discarded; PS3.4 defines no duplicate status for
   * C-STORE, and a warning lets the sender go on).
   */
  readonly duplicateStatus: number;
  /** Match PN keys without regard to case (like Orthanc). Default true (PS3.4 C.2.2.2.1 allows it). */
  readonly pnCaseInsensitive: boolean;
  /** Keys indexed beyond the PS3.4 Annex C ones (tags). Default none. */
  readonly extraKeys: readonly Tag[];
  /** C-MOVE destinations (and Storage Commitment report targets) by AE title. Default none. */
  readonly destinations: Readonly<Record<string, PeerAddress>>;
  /** Scheduled procedure steps of the Modality Worklist, as DICOM JSON (PS3.18 F.2). */
  readonly worklist: readonly unknown[];
  /** Storage Commitment. */
  readonly storageCommitment: StorageCommitmentConfig;
  /** Faults to inject. Default none. */
  readonly faults: readonly PacsFault[];
  /** Named peer quirks (`PACS_PRESETS` in `pacs_presets.ts`), applied over the rest. Default none. */
  readonly presets: readonly string[];
}

/**
 * The defaults of every field.
 * @example
 * ```ts
 * import { DEFAULT_PACS_CONFIG } from "./pacs_config.ts";
 * DEFAULT_PACS_CONFIG.aeTitle; // "DICOMSIM"
 * ```
 */
export const DEFAULT_PACS_CONFIG: PacsConfig = Object.freeze({
  aeTitle: "DICOMSIM",
  host: "127.0.0.1",
  port: 0,
  acceptAnyCalledAeTitle: false,
  sopClasses: {},
  getScpRole: "accept",
  queryMethod: "relational",
  storeTranscodeFailure: "keep",
  duplicates: "overwrite",
  duplicateStatus: 0xb006,
  pnCaseInsensitive: true,
  extraKeys: [],
  destinations: {},
  worklist: [],
  storageCommitment: { report: "same" as const, delayMs: 0, failInstances: [] },
  faults: [],
  presets: [],
});

/**
 * A configuration that is not valid; `field` is the dotted path of the bad field.
 * @example
 * ```ts
 * import { PacsConfigError } from "./pacs_config.ts";
 * new PacsConfigError("port", "expected a port number").message;
 * // "Invalid PACS configuration: port: expected a port number"
 * ```
 */
export class PacsConfigError extends TypeError {
  /** The dotted path of the bad field. */
  readonly field: string;
  /** Creates it. */
  constructor(field: string, detail: string) {
    super(`Invalid PACS configuration: ${field}: ${detail}`);
    this.name = "PacsConfigError";
    this.field = field;
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Field readers over a JSON object that throw {@link PacsConfigError} naming the field.
 * @example
 * ```ts
 * import { ConfigReader } from "./pacs_config.ts";
 * new ConfigReader({ port: 104 }, "node").integer("port", 0, 65535); // 104
 * ```
 */
export class ConfigReader {
  readonly #object: Json;
  readonly #path: string;

  /** Reads fields of `object`, found at `path`. */
  constructor(object: unknown, path: string) {
    if (!isObject(object)) throw new PacsConfigError(path || "(root)", "expected an object");
    this.#object = object;
    this.#path = path;
  }

  /** The full path of a field. */
  path(key: string): string {
    return this.#path ? `${this.#path}.${key}` : key;
  }

  /** Throws for keys not in `known`. */
  only(known: readonly string[]): void {
    for (const key of Object.keys(this.#object)) {
      if (!known.includes(key)) throw new PacsConfigError(this.path(key), "unknown field");
    }
  }

  /** The raw value. */
  raw(key: string): unknown {
    return this.#object[key];
  }

  /** A string, or undefined when absent. */
  string(key: string): string | undefined {
    const v = this.#object[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw new PacsConfigError(this.path(key), "expected a string");
    return v;
  }

  /** A boolean, or undefined when absent. */
  boolean(key: string): boolean | undefined {
    const v = this.#object[key];
    if (v === undefined) return undefined;
    if (typeof v !== "boolean") throw new PacsConfigError(this.path(key), "expected true or false");
    return v;
  }

  /** A whole number in [min, max] (also "0x..." strings), or undefined when absent. */
  integer(key: string, min: number, max: number): number | undefined {
    let v = this.#object[key];
    if (v === undefined) return undefined;
    if (typeof v === "string" && /^0x[0-9a-f]+$/i.test(v)) v = parseInt(v.slice(2), 16);
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      throw new PacsConfigError(this.path(key), `expected a whole number from ${min} to ${max}`);
    }
    return v;
  }

  /** An array of strings, or undefined when absent. */
  strings(key: string): string[] | undefined {
    const v = this.#object[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) {
      throw new PacsConfigError(this.path(key), "expected an array of strings");
    }
    return v as string[];
  }

  /** One of the given strings, or undefined when absent. */
  oneOf<T extends string>(key: string, choices: readonly T[]): T | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    if (!(choices as readonly string[]).includes(v)) {
      throw new PacsConfigError(this.path(key), `expected one of ${choices.join(", ")}`);
    }
    return v as T;
  }
}

const TOP_FIELDS = [
  "aeTitle",
  "host",
  "port",
  "acceptAnyCalledAeTitle",
  "callingAeTitles",
  "maxPduLength",
  "maxAssociations",
  "transferSyntaxes",
  "sopClasses",
  "getScpRole",
  "queryMethod",
  "storeTransferSyntax",
  "storeTranscodeFailure",
  "duplicates",
  "duplicateStatus",
  "pnCaseInsensitive",
  "extraKeys",
  "destinations",
  "worklist",
  "storageCommitment",
  "faults",
  "presets",
];

function parseKey(text: string, field: string): Tag {
  const byKeyword = tagFromKeyword(text);
  if (byKeyword !== undefined) return byKeyword;
  const tag = parseTag(text);
  if (tag === undefined) {
    throw new PacsConfigError(field, `not a keyword or (gggg,eeee) tag: ${text}`);
  }
  return tag;
}

const UID_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/** A UID, given as a UID or as a registry keyword (e.g. `CTImageStorage`). */
function uidOrKeyword(text: string, field: string): string {
  const uid = UID_PATTERN.test(text) ? text : uidFromKeyword(text);
  if (uid === undefined || uid.length > 64) {
    throw new PacsConfigError(field, `not a UID or a UID keyword: ${text}`);
  }
  return uid;
}

/** A transfer syntax preference list: known transfer syntaxes (or keywords), or `"*"`. */
function transferSyntaxList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new PacsConfigError(field, "expected a non-empty array of transfer syntax UIDs");
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    const at = `${field}[${i}]`;
    if (typeof item !== "string") throw new PacsConfigError(at, "expected a string");
    const uid = item === "*" ? item : uidOrKeyword(item, at);
    if (uid !== "*" && lookupUid(uid)?.type !== "Transfer Syntax") {
      throw new PacsConfigError(at, `not a transfer syntax: ${item}`);
    }
    if (out.includes(uid)) throw new PacsConfigError(at, `listed twice: ${item}`);
    out.push(uid);
  });
  return out;
}

const GET_SCP_ROLES = ["accept", "refuse", "ignore"] as const;

/**
 * The SOP classes other than storage that a node serves (Verification, Patient and Study Root
 * C-FIND/C-MOVE/C-GET, Modality Worklist, Storage Commitment, MPPS).
 * @example
 * ```ts
 * import { PACS_SERVICE_SOP_CLASSES } from "./pacs_config.ts";
 * PACS_SERVICE_SOP_CLASSES.includes("1.2.840.10008.1.1"); // true (Verification)
 * ```
 */
export const PACS_SERVICE_SOP_CLASSES: readonly string[] = Object.freeze([
  "1.2.840.10008.1.1",
  PATIENT_ROOT_FIND,
  STUDY_ROOT_FIND,
  PATIENT_ROOT_MOVE,
  STUDY_ROOT_MOVE,
  PATIENT_ROOT_GET,
  STUDY_ROOT_GET,
  MODALITY_WORKLIST_FIND,
  "1.2.840.10008.1.20.1", // Storage Commitment Push Model
  "1.2.840.10008.3.1.2.3.3", // Modality Performed Procedure Step
]);

function parseSopClasses(value: unknown): Record<string, SopClassConfig> {
  const out: Record<string, SopClassConfig> = {};
  if (value === undefined) return out;
  const r = new ConfigReader(value, "sopClasses");
  for (const key of Object.keys(value as Json)) {
    const field = `sopClasses.${key}`;
    const uid = uidOrKeyword(key, field);
    if (uid in out) throw new PacsConfigError(field, `${uid} is configured twice`);
    if (!isStorageSopClass(uid) && !PACS_SERVICE_SOP_CLASSES.includes(uid)) {
      throw new PacsConfigError(field, `not a SOP class this node serves: ${uid}`);
    }
    const er = new ConfigReader(r.raw(key), field);
    er.only(["transferSyntaxes", "getScpRole"]);
    const getScpRole = er.oneOf("getScpRole", GET_SCP_ROLES);
    if (getScpRole !== undefined && !isStorageSopClass(uid)) {
      throw new PacsConfigError(`${field}.getScpRole`, `not a storage SOP class: ${uid}`);
    }
    const raw = er.raw("transferSyntaxes");
    out[uid] = {
      ...(raw === undefined
        ? {}
        : { transferSyntaxes: transferSyntaxList(raw, `${field}.transferSyntaxes`) }),
      ...(getScpRole === undefined ? {} : { getScpRole }),
    };
  }
  return out;
}

function aeTitle(text: string, field: string): string {
  if (text.trim() === "" || text.length > 16 || /\\/.test(text) || [...text].some((c) => c < " ")) {
    throw new PacsConfigError(field, `not an AE title (1-16 characters, no backslash): ${text}`);
  }
  return text;
}

/**
 * Validates a JSON value into a {@link PacsConfig}, filling defaults; throws
 * {@link PacsConfigError} naming the first bad field (unknown fields are errors too).
 * @example
 * ```ts
 * import { parsePacsConfig } from "./pacs_config.ts";
 * const config = parsePacsConfig({ aeTitle: "PACS", destinations: { STORESCP: { host: "127.0.0.1", port: 11113 } } });
 * config.duplicates; // "overwrite"
 * ```
 */
export function parsePacsConfig(json: unknown): PacsConfig {
  const r = new ConfigReader(json, "");
  r.only(TOP_FIELDS);
  const d = DEFAULT_PACS_CONFIG;
  const destinations: Record<string, PeerAddress> = {};
  const rawDestinations = r.raw("destinations");
  if (rawDestinations !== undefined) {
    const dr = new ConfigReader(rawDestinations, "destinations");
    for (const ae of Object.keys(rawDestinations as Json)) {
      const field = `destinations.${ae}`;
      aeTitle(ae, field);
      const entry = dr.raw(ae);
      if (typeof entry === "string") {
        destinations[ae] = parsePeerAddress(entry, field);
        continue;
      }
      const er = new ConfigReader(entry, field);
      er.only(["host", "port"]);
      destinations[ae] = {
        host: er.string("host") ?? "127.0.0.1",
        port: er.integer("port", 1, 65535) ??
          (() => {
            throw new PacsConfigError(`${field}.port`, "required");
          })(),
      };
    }
  }
  const worklist = r.raw("worklist");
  if (worklist !== undefined && !Array.isArray(worklist)) {
    throw new PacsConfigError("worklist", "expected an array of DICOM JSON objects");
  }
  (worklist as unknown[] | undefined)?.forEach((item, i) => {
    if (!isObject(item)) {
      throw new PacsConfigError(`worklist[${i}]`, "expected a DICOM JSON object");
    }
  });
  let storageCommitment = d.storageCommitment;
  if (r.raw("storageCommitment") !== undefined) {
    const sr = new ConfigReader(r.raw("storageCommitment"), "storageCommitment");
    sr.only(["report", "delayMs", "failInstances"]);
    storageCommitment = {
      report: sr.oneOf("report", ["same", "new"] as const) ?? "same",
      delayMs: sr.integer("delayMs", 0, 3_600_000) ?? 0,
      failInstances: sr.strings("failInstances") ?? [],
    };
  }
  const callingAeTitles = r.strings("callingAeTitles");
  callingAeTitles?.forEach((ae, i) => aeTitle(ae, `callingAeTitles[${i}]`));
  return {
    aeTitle: aeTitle(r.string("aeTitle") ?? d.aeTitle, "aeTitle"),
    host: r.string("host") ?? d.host,
    port: r.integer("port", 0, 65535) ?? d.port,
    acceptAnyCalledAeTitle: r.boolean("acceptAnyCalledAeTitle") ?? d.acceptAnyCalledAeTitle,
    callingAeTitles,
    maxPduLength: r.integer("maxPduLength", 0, 0xffffffff),
    maxAssociations: r.integer("maxAssociations", 1, 100_000),
    transferSyntaxes: r.raw("transferSyntaxes") === undefined
      ? undefined
      : transferSyntaxList(r.raw("transferSyntaxes"), "transferSyntaxes"),
    sopClasses: parseSopClasses(r.raw("sopClasses")),
    getScpRole: r.oneOf("getScpRole", GET_SCP_ROLES) ?? d.getScpRole,
    queryMethod: r.oneOf("queryMethod", ["relational", "hierarchical", "negotiated"] as const) ??
      d.queryMethod,
    storeTransferSyntax: r.raw("storeTransferSyntax") === undefined
      ? undefined
      : transferSyntaxList([r.raw("storeTransferSyntax")], "storeTransferSyntax")[0],
    storeTranscodeFailure: r.oneOf("storeTranscodeFailure", ["keep", "fail"] as const) ??
      d.storeTranscodeFailure,
    duplicates: r.oneOf("duplicates", ["overwrite", "keep", "reject"] as const) ?? d.duplicates,
    duplicateStatus: r.integer("duplicateStatus", 0, 0xffff) ?? d.duplicateStatus,
    pnCaseInsensitive: r.boolean("pnCaseInsensitive") ?? d.pnCaseInsensitive,
    extraKeys: (r.strings("extraKeys") ?? []).map((k, i) => parseKey(k, `extraKeys[${i}]`)),
    destinations,
    worklist: worklist as unknown[] ?? [],
    storageCommitment,
    faults: parseFaults(r.raw("faults"), "faults"),
    presets: (r.strings("presets") ?? []).map((name, i) => {
      if (!(name in PACS_PRESETS)) {
        throw new PacsConfigError(
          `presets[${i}]`,
          `unknown preset ${name} (known: ${Object.keys(PACS_PRESETS).join(", ")})`,
        );
      }
      return name;
    }),
  };
}

/**
 * Parses `HOST:PORT` (the value of `--peer AET=HOST:PORT` and of a destination given as a string).
 * @example
 * ```ts
 * import { parsePeerAddress } from "./pacs_config.ts";
 * parsePeerAddress("127.0.0.1:11113", "destinations.X"); // { host: "127.0.0.1", port: 11113 }
 * ```
 */
export function parsePeerAddress(text: string, field: string): PeerAddress {
  const m = /^(.+):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[2]) : 0;
  if (!m || port < 1 || port > 65535) {
    throw new PacsConfigError(field, `expected HOST:PORT, got ${text}`);
  }
  return { host: m[1], port };
}
