/**
 * The mock PACS node: Storage, Query/Retrieve (Patient Root and Study Root C-FIND, C-MOVE,
 * C-GET), Modality Worklist, Storage Commitment, MPPS and Verification SCP over one AE, with the
 * index rebuilt from storage on start and the configured faults injected.
 * {@link createPacsNode} gives acceptor options (for the in-memory transport);
 * {@link startPacs} listens on TCP.
 * @module
 */
import { dataSetFromJson } from "../../codec/dicom_json.ts";
import { type DicomFile, readDicom } from "../../codec/read_file.ts";
import { DataSet } from "../../core/dataset.ts";
import { DataElement } from "../../core/element.ts";
import { isStorageSopClass } from "../../core/uid_registry.ts";
import { transferSyntaxOrThrow } from "../../core/transfer_syntax.ts";
import {
  ANY_STORAGE_SOP_CLASS,
  type SupportedAbstractSyntax,
} from "../../net/acse/negotiate_contexts.ts";
import type { Roles } from "../../net/acse/role_selection.ts";
import { acceptAssociation, type AcceptOptions } from "../../net/association/accept_association.ts";
import { listenTcp } from "../../net/transport/tcp.ts";
import type {
  Association,
  ReceivedMessage,
  RequestHandler,
} from "../../net/association/association.ts";
import { requestAssociation } from "../../net/association/request_association.ts";
import type { DimseMessage, NActionRq, NCreateRq, NSetRq } from "../../net/dimse/messages.ts";
import type { TransportServer } from "../../net/transport/transport.ts";
import { instanceFromPart10 } from "../../services/encoded_instance.ts";
import { transcodePart10 } from "../../services/storage_scu.ts";
import { handleFind } from "../../services/find_scp.ts";
import { handleGet } from "../../services/get_scp.ts";
import { handleMove } from "../../services/move_scp.ts";
import {
  handleNRequest,
  isNRequest,
  nEventReport,
  type NIncoming,
} from "../../services/n_services.ts";
import { queryDataSets } from "../../services/query_match.ts";
import {
  MODALITY_WORKLIST_FIND,
  PATIENT_ROOT_FIND,
  PATIENT_ROOT_GET,
  PATIENT_ROOT_MOVE,
  STUDY_ROOT_FIND,
  STUDY_ROOT_GET,
  STUDY_ROOT_MOVE,
} from "../../services/query_models.ts";
import { type ScpRequest, scpRequestOf } from "../../services/scp_request.ts";
import { StatusError } from "../../services/status_error.ts";
import {
  type IncomingInstance,
  type InstanceStore,
  type InstanceWriter,
  STORAGE_TRANSFER_SYNTAXES,
  type StorageEvent,
  storageScp,
} from "../../services/storage_scp.ts";
import type { RetrieveSource } from "../../services/suboperations.ts";
import { VERIFICATION_SUPPORTED } from "../../services/verification.ts";
import {
  DEFAULT_PACS_CONFIG,
  type GetScpRolePolicy,
  type PacsConfig,
  PacsConfigError,
} from "./pacs_config.ts";
import { type FaultDecision, FaultPlan } from "./pacs_faults.ts";
import { IndexQueryError, PacsIndex, type QuerySearchMethod } from "./pacs_index.ts";
import { quirksOf } from "./pacs_presets.ts";
import { createMemoryPacsStorage, type PacsStorage } from "./pacs_storage.ts";

/**
 * Storage Commitment Push Model SOP Class (PS3.4 J.3).
 * @example
 * ```ts
 * import { STORAGE_COMMITMENT_SOP_CLASS } from "./pacs_node.ts";
 * STORAGE_COMMITMENT_SOP_CLASS; // "1.2.840.10008.1.20.1"
 * ```
 */
export const STORAGE_COMMITMENT_SOP_CLASS = "1.2.840.10008.1.20.1";
/** Its well-known SOP instance. */
const STORAGE_COMMITMENT_INSTANCE = "1.2.840.10008.1.20.1.1";
/**
 * Modality Performed Procedure Step SOP Class (PS3.4 F.7).
 * @example
 * ```ts
 * import { MPPS_SOP_CLASS } from "./pacs_node.ts";
 * MPPS_SOP_CLASS; // "1.2.840.10008.3.1.2.3.3"
 * ```
 */
export const MPPS_SOP_CLASS = "1.2.840.10008.3.1.2.3.3";

const EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
const IMPLICIT_VR_LE = "1.2.840.10008.1.2";
const QR_SYNTAXES = [EXPLICIT_VR_LE, IMPLICIT_VR_LE];
const QR_SOP_CLASSES = [
  PATIENT_ROOT_FIND,
  STUDY_ROOT_FIND,
  PATIENT_ROOT_MOVE,
  STUDY_ROOT_MOVE,
  PATIENT_ROOT_GET,
  STUDY_ROOT_GET,
];

/** One final response the node sent (what an SCU under test was told). */
export interface ResponseRecord {
  /** The response, e.g. `"C-STORE-RSP"`. */
  readonly type: string;
  /** Its status, after any injected fault. */
  readonly status: number;
  /** Its Affected SOP Instance UID, when it has one (C-STORE-RSP). */
  readonly sopInstanceUid?: string;
  /** The calling AE title of the association. */
  readonly callingAeTitle: string;
}

/** One Storage Commitment request and what was reported. */
export interface CommitmentRecord {
  /** Transaction UID (0008,1195). */
  readonly transactionUid: string;
  /** The requestor's AE title. */
  readonly callingAeTitle: string;
  /** SOP Instance UIDs reported committed. */
  readonly committed: string[];
  /** SOP Instance UIDs reported failed. */
  readonly failed: string[];
  /** Set once the N-EVENT-REPORT was answered; the error when it could not be sent. */
  reported?: true | Error;
}

/** Options of {@link createPacsNode} and {@link startPacs}. */
export interface PacsNodeOptions {
  /** Where instances go. Default: memory ({@link createMemoryPacsStorage}). */
  readonly storage?: PacsStorage;
  /** More acceptor options (timeouts, onEvent, clock...). Default none. */
  readonly accept?: Partial<AcceptOptions>;
  /** Called after each instance was stored and indexed. */
  readonly onStored?: (event: StorageEvent) => void;
  /** Called after each C-STORE answered with a failure. */
  readonly onFailed?: (event: StorageEvent) => void;
  /** Called with text for a log (problems met while loading and serving). Default: none. */
  readonly log?: (line: string) => void;
}

/** A configured node, not yet listening. */
export interface PacsNode {
  /** The configuration in effect (defaults filled). */
  readonly config: PacsConfig;
  /** The index (rebuilt from storage by {@link PacsNode.load}). */
  readonly index: PacsIndex;
  /** MPPS instances created and set by modalities, by SOP Instance UID. */
  readonly mpps: Map<string, DataSet>;
  /** Storage Commitment requests, in order. */
  readonly commitments: CommitmentRecord[];
  /**
   * The final responses sent, in order (statuses after injected faults): what the SCUs that
   * called it were told, for scenarios that test an SCU.
   */
  readonly responses: ResponseRecord[];
  /** Acceptor options for `acceptAssociation`/`listenAssociations`. */
  readonly acceptOptions: AcceptOptions;
  /** Indexes every stored file; resolves with the problems met (files that did not parse). */
  load(): Promise<string[]>;
  /** Resolves once every request being served has been answered. */
  idle(): Promise<void>;
}

/** A listening node. */
export interface Pacs extends PacsNode {
  /** The TCP port. */
  readonly port: number;
  /** Problems met while rebuilding the index. */
  readonly loadProblems: readonly string[];
  /** Stops listening and waits for requests in flight, then closes the server. */
  close(): Promise<void>;
}

interface AssociationState {
  served: number;
  bytes: number;
  readonly decisions: Map<number, FaultDecision>;
  readonly proxy: Association;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The roles the acceptor allows a C-GET SCU for a storage SOP class (PS3.7 D.3.3.4). */
function getRoles(policy: GetScpRolePolicy): Roles | undefined {
  if (policy === "accept") return { scu: true, scp: true };
  if (policy === "refuse") return { scu: true, scp: false };
  return undefined; // "ignore": no role selection reply, default roles
}

function isFailure(status: number): boolean {
  return status !== 0 && status !== 0xff00 && status !== 0xff01 && (status & 0xf000) !== 0xb000 &&
    status !== 0x0107 && status !== 0x0116;
}

/** Instances up to this size are parsed before the store commits them. */
const PARSE_BEFORE_COMMIT_BYTES = 64 * 1024 * 1024;

/** The first `length` bytes of the chunks, copied only when they span several chunks. */
function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length > 0 && chunks[0].length >= length) return chunks[0].subarray(0, length);
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    if (at >= length) break;
    const part = c.subarray(0, length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * How many leading bytes hold the header: up to 12 bytes past the first (7FE0,0010) Pixel Data
 * tag (little or big endian), or all of them when there is none. Only the header is parsed
 * (reading stops before Pixel Data), so the megabytes of pixels are never copied.
 */
function headerLength(chunks: readonly Uint8Array[], length: number): number {
  let word = 0;
  let at = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      word = ((word << 8) | chunk[i]) >>> 0;
      // Bytes E0 7F 10 00 (little endian) or 7F E0 00 10 (big endian).
      if (word === 0xe07f1000 || word === 0x7fe00010) return Math.min(length, at + i + 1 + 12);
    }
    at += chunk.length;
  }
  return length;
}

/** Parses the header of a received instance from its chunks (see {@link parseReceived}). */
function parseReceivedChunks(chunks: readonly Uint8Array[], length: number): DicomFile {
  const header = headerLength(chunks, length);
  if (header < length) {
    try {
      return readDicom(concat(chunks, header), { stopBeforePixels: true });
    } catch {
      // The pattern was inside a value (or the header is broken): decide on all the bytes.
    }
  }
  return parseReceived(concat(chunks, length));
}

/**
 * Reads a received Part 10 file's header; a data set that does not parse is a C-STORE failure
 * 0xC000 "Cannot understand" (PS3.4 B.2.3), not 0xA700 "Out of Resources" (kept for failures of
 * the store itself, e.g. a full disk).
 */
function parseReceived(bytes: Uint8Array): DicomFile {
  try {
    return readDicom(bytes, { stopBeforePixels: true });
  } catch (error) {
    throw new StatusError(
      STATUS_CANNOT_UNDERSTAND,
      `Data set does not parse: ${(error as Error).message}`,
    );
  }
}

const STATUS_CANNOT_UNDERSTAND = 0xc000;

/** The most final responses a node remembers (oldest dropped first). */
const MAX_RESPONSE_RECORDS = 10_000;

function newUid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return `2.25.${n}`;
}

function sopClassOf(message: DimseMessage): string {
  const m = message as { affectedSopClassUid?: string; requestedSopClassUid?: string };
  return m.affectedSopClassUid ?? m.requestedSopClassUid ?? "";
}

function sopInstanceOf(message: DimseMessage): string | undefined {
  const m = message as { affectedSopInstanceUid?: string; requestedSopInstanceUid?: string };
  return (m.affectedSopInstanceUid ?? m.requestedSopInstanceUid)?.replace(/\0+$/, "").trim();
}

function fullConfig(config: Partial<PacsConfig>): PacsConfig {
  return { ...DEFAULT_PACS_CONFIG, ...config };
}

/**
 * Builds a node: its index, services and fault plan, as acceptor options.
 * @example
 * ```ts
 * import { createPacsNode } from "./pacs_node.ts";
 * const node = createPacsNode({ aeTitle: "PACS" });
 * await node.load();
 * node.acceptOptions.aeTitle; // "PACS"
 * ```
 */
export function createPacsNode(
  partial: Partial<PacsConfig> = {},
  options: PacsNodeOptions = {},
): PacsNode {
  const config = fullConfig(partial);
  const storage = options.storage ?? createMemoryPacsStorage();
  const quirks = quirksOf(config.presets);
  const index = new PacsIndex({
    extraKeys: config.extraKeys,
    pnCaseInsensitive: quirks.pnCaseInsensitive ?? config.pnCaseInsensitive,
  });
  const plan = new FaultPlan(config.faults);
  const mpps = new Map<string, DataSet>();
  const commitments: CommitmentRecord[] = [];
  const responses: ResponseRecord[] = [];
  const worklist = config.worklist.map((item) => dataSetFromJson(item));
  const log = options.log ?? (() => {});
  const inFlight = new Set<Promise<unknown>>();

  // Index each instance before it is acknowledged: a C-FIND right after the C-STORE-RSP sees it.
  // The bytes are kept as they arrive (up to PARSE_BEFORE_COMMIT_BYTES) and parsed before the
  // store commits, so a data set that does not parse never appears in the store.
  // A keyword (from a config given as an object, not parsed) is resolved here.
  const storeTs = config.storeTransferSyntax === undefined
    ? undefined
    : transferSyntaxOrThrow(config.storeTransferSyntax).uid;
  const indexingStore: InstanceStore = {
    begin(instance) {
      if (storeTs !== undefined && instance.transferSyntaxUid !== storeTs) {
        return transcodingWriter(instance, storeTs);
      }
      const writer = storage.store.begin(instance);
      let chunks: Uint8Array[] | undefined = [];
      let length = 0;
      return {
        write: (chunk) => {
          writer.write(chunk);
          if (chunks === undefined) return;
          length += chunk.length;
          if (length > PARSE_BEFORE_COMMIT_BYTES) chunks = undefined;
          else chunks.push(chunk);
        },
        abort: () => writer.abort(),
        commit: async () => {
          if (chunks !== undefined) {
            const file = parseReceivedChunks(chunks, length);
            chunks = undefined;
            const location = await writer.commit();
            index.addFile(file, location);
            return location;
          }
          // Too large to keep: parse what was written, and take it out again if it fails.
          const location = await writer.commit();
          try {
            index.addFile(parseReceived(await storage.read(location)), location);
          } catch (error) {
            await storage.remove(location);
            if (index.get(instance.sopInstanceUid)?.location === location) {
              index.delete(instance.sopInstanceUid);
            }
            throw error;
          }
          return location;
        },
      };
    },
  };
  /**
   * Collects an instance received in another syntax than `storeTransferSyntax`, transcodes it
   * (pixel data decompressed or compressed as needed) and stores the result.
   */
  const transcodingWriter = (instance: IncomingInstance, to: string): InstanceWriter => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    let writer: InstanceWriter | undefined;
    return {
      write: (chunk) => {
        chunks.push(chunk);
        length += chunk.length;
      },
      abort: () => writer?.abort() ?? Promise.resolve(),
      commit: async () => {
        let bytes = concat(chunks, length);
        chunks.length = 0;
        parseReceived(bytes); // 0xC000 for a data set that does not parse, before anything else
        try {
          bytes = await transcodePart10(bytes, to);
        } catch (error) {
          const why = `Cannot store ${instance.sopInstanceUid} in ${to}: ${
            (error as Error).message
          }`;
          // PS3.7 C.4.2: 0x0110 Processing failure.
          if (config.storeTranscodeFailure === "fail") throw new StatusError(0x0110, why);
          log(`${why}; stored as received`);
        }
        const file = parseReceived(bytes);
        writer = storage.store.begin(instance);
        writer.write(bytes);
        const location = await writer.commit();
        index.addFile(file, location);
        return location;
      },
    };
  };

  const storage_ = storageScp({
    store: indexingStore,
    transferSyntaxes: config.transferSyntaxes ?? STORAGE_TRANSFER_SYNTAXES,
    onStored: options.onStored,
    onFailed: options.onFailed,
  });

  const states = new WeakMap<Association, AssociationState>();
  const stateOf = (association: Association): AssociationState => {
    let state = states.get(association);
    if (state !== undefined) return state;
    const decisions = new Map<number, FaultDecision>();
    const send: Association["send"] = async (message, sendOptions) => {
      const id = (message as { messageIdBeingRespondedTo?: number }).messageIdBeingRespondedTo;
      const decision = id === undefined ? undefined : decisions.get(id);
      if (decision !== undefined) {
        if (decision.noResponse) return;
        if (decision.delayMs > 0) await sleep(decision.delayMs);
        const status = (message as { status?: number }).status;
        if (decision.status !== undefined && status !== 0xff00 && status !== 0xff01) {
          message = {
            ...message,
            status: decision.status,
            errorComment: decision.errorComment,
          } as DimseMessage;
          if (isFailure(decision.status)) {
            message = { ...message, hasDataSet: false } as DimseMessage;
            sendOptions = { ...sendOptions, dataSet: undefined };
          }
        }
      }
      const final = (message as { status?: number }).status;
      if (final !== undefined && final !== 0xff00 && final !== 0xff01) {
        if (responses.length >= MAX_RESPONSE_RECORDS) responses.shift();
        responses.push({
          type: message.type,
          status: final,
          callingAeTitle: association.negotiated.callingAeTitle.trim(),
          ...((message as { affectedSopInstanceUid?: string }).affectedSopInstanceUid
            ? {
              sopInstanceUid:
                (message as { affectedSopInstanceUid: string }).affectedSopInstanceUid,
            }
            : {}),
        });
      }
      return await association.send(message, sendOptions);
    };
    const proxy = new Proxy(association, {
      get(target, key) {
        if (key === "send") return send;
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    state = { served: 0, bytes: 0, decisions, proxy };
    states.set(association, state);
    states.set(proxy, state);
    return state;
  };

  const decide = (message: DimseMessage, association: Association): FaultDecision => {
    const state = stateOf(association);
    const messageId = (message as { messageId: number }).messageId;
    const known = state.decisions.get(messageId);
    if (known !== undefined) return known;
    const decision = plan.decide({
      callingAeTitle: association.negotiated.callingAeTitle,
      command: message.type,
      sopClassUid: sopClassOf(message),
      sopInstanceUid: sopInstanceOf(message),
    });
    state.decisions.set(messageId, decision);
    return decision;
  };

  const endAssociation = (association: Association, kind: "abort" | "close") => {
    if (kind === "abort") association.abort();
    else association.transport.destroy();
  };

  const countingSink = (
    sink: { write(fragment: Uint8Array, isLast: boolean): void },
    association: Association,
  ) => {
    const end = plan.endAfter(association.negotiated.callingAeTitle);
    if (end?.afterBytes === undefined) return sink;
    const state = stateOf(association);
    const limit = end.afterBytes;
    return {
      write(fragment: Uint8Array, isLast: boolean) {
        state.bytes += fragment.length;
        if (state.bytes > limit) endAssociation(association, end.kind);
        else sink.write(fragment, isLast);
      },
    };
  };

  const dataSetSink: AcceptOptions["dataSetSink"] = (message, pcId, association) => {
    if (message.type !== "C-STORE-RQ") return undefined;
    const sink = storeSink(message, pcId, association);
    return sink === undefined ? undefined : countingSink(sink, association);
  };

  const storeSink = (
    message: DimseMessage & { type: "C-STORE-RQ" },
    pcId: number,
    association: Association,
  ) => {
    const decision = decide(message, association);
    const discard = { write() {} };
    if (decision.noResponse || (decision.status !== undefined && isFailure(decision.status))) {
      return discard;
    }
    const uid = message.affectedSopInstanceUid.replace(/\0+$/, "").trim();
    if (config.duplicates !== "overwrite" && index.has(uid)) {
      // PS3.4 B.2.3 has no duplicate status: "keep" answers Success, "reject" duplicateStatus.
      if (decision.status === undefined) {
        decision.status = config.duplicates === "keep" ? 0 : config.duplicateStatus;
        decision.errorComment = config.duplicates === "keep"
          ? undefined
          : "Duplicate SOP Instance UID: the stored copy was kept";
      }
      return discard;
    }
    return storage_.dataSetSink(message, pcId, stateOf(association).proxy);
  };

  const toSource = (
    entry: {
      sopClassUid: string;
      sopInstanceUid: string;
      transferSyntaxUid: string;
      location: string;
    },
  ): RetrieveSource => ({
    sopClassUid: entry.sopClassUid,
    sopInstanceUid: entry.sopInstanceUid,
    transferSyntaxUid: entry.transferSyntaxUid,
    dataSet: async () => instanceFromPart10(await storage.read(entry.location)).dataSet,
  });
  const lookup = (identifier: DataSet, request: ScpRequest) => {
    try {
      return index.select(identifier, {
        root: request.sopClassUid === PATIENT_ROOT_MOVE || request.sopClassUid === PATIENT_ROOT_GET
          ? "PATIENT"
          : "STUDY",
        method: searchMethod(request),
      }).map(toSource);
    } catch (error) {
      if (error instanceof IndexQueryError) throw new StatusError(error.status, error.message);
      throw error;
    }
  };

  // PS3.4 C.4.1.3.2, C.4.2.3.2: relational queries (relational-retrieve for C-MOVE/C-GET) only
  // when configured so, or (negotiated) agreed upon.
  const searchMethod = (request: ScpRequest): QuerySearchMethod => {
    if (config.queryMethod !== "negotiated") return config.queryMethod;
    const agreed = request.association.negotiated.sopClassExtended.find((item) =>
      item.sopClassUid.replace(/\0+$/, "").trim() === request.sopClassUid
    );
    return agreed?.serviceClassApplicationInformation[0] === 1 ? "relational" : "hierarchical";
  };

  const match = (identifier: DataSet, request: ScpRequest): DataSet[] => {
    let answers: DataSet[];
    if (request.sopClassUid === MODALITY_WORKLIST_FIND) {
      answers = queryDataSets(worklist, identifier);
    } else {
      try {
        answers = index.find(identifier, {
          root: request.sopClassUid === PATIENT_ROOT_FIND ? "PATIENT" : "STUDY",
          method: searchMethod(request),
        });
      } catch (error) {
        if (error instanceof IndexQueryError) throw new StatusError(error.status, error.message);
        throw error;
      }
    }
    if (quirks.charsetOnlyWhenAsked && !identifier.has(0x00080005)) {
      for (const answer of answers) answer.delete(0x00080005);
    }
    const decision = stateOf(request.association).decisions.get(request.messageId);
    if (decision?.maxMatches !== undefined && answers.length > decision.maxMatches) {
      const limit = decision.maxMatches;
      const status = decision.limitStatus ?? 0xa700;
      // Return a generator: the first `limit` matches, then the failure.
      return {
        *[Symbol.iterator]() {
          yield* answers.slice(0, limit);
          throw new StatusError(status, `More than ${limit} matches`);
        },
      } as unknown as DataSet[];
    }
    return answers;
  };

  const reportCommitment = async (
    association: Association,
    record: CommitmentRecord,
    refs: DataSet[],
  ) => {
    if (config.storageCommitment.delayMs > 0) await sleep(config.storageCommitment.delayMs);
    const info = new DataSet();
    info.set(0x00081195, record.transactionUid, "UI");
    const item = (uid: string, reason?: number) => {
      const ref = refs.find((r) => r.getString(0x00081155)?.trim() === uid);
      const ds = new DataSet();
      ds.set(0x00081150, ref?.getString(0x00081150)?.trim() ?? "", "UI");
      ds.set(0x00081155, uid, "UI");
      if (reason !== undefined) ds.set(0x00081197, reason, "US");
      return ds;
    };
    if (record.committed.length > 0) {
      info.add(DataElement.fromItems(0x00081199, record.committed.map((u) => item(u))));
    }
    if (record.failed.length > 0) {
      // PS3.4 J.3.3.1.1: 0x0112 No such object instance.
      info.add(DataElement.fromItems(0x00081198, record.failed.map((u) => item(u, 0x0112))));
    }
    const event = {
      sopClassUid: STORAGE_COMMITMENT_SOP_CLASS,
      sopInstanceUid: STORAGE_COMMITMENT_INSTANCE,
      eventTypeId: record.failed.length > 0 ? 2 : 1,
      eventInformation: info,
    };
    try {
      if (config.storageCommitment.report === "same") {
        await nEventReport(association, event);
      } else {
        const peer = config.destinations[record.callingAeTitle];
        if (peer === undefined) throw new Error(`No address for ${record.callingAeTitle}`);
        const sub = await requestAssociation({
          host: peer.host,
          port: peer.port,
          callingAeTitle: config.aeTitle,
          calledAeTitle: record.callingAeTitle,
          contexts: [{
            abstractSyntax: STORAGE_COMMITMENT_SOP_CLASS,
            transferSyntaxes: QR_SYNTAXES,
            roles: { scu: false, scp: true },
          }],
        });
        try {
          await nEventReport(sub, event);
        } finally {
          await sub.release();
        }
      }
      record.reported = true;
    } catch (error) {
      record.reported = error as Error;
      log(`Storage commitment report failed: ${(error as Error).message}`);
    }
  };

  const nOptions = {
    sopClasses: {
      [STORAGE_COMMITMENT_SOP_CLASS]: {
        nAction: (request: NIncoming<NActionRq>) => {
          if (request.message.actionTypeId !== 1) {
            throw new StatusError(0x0123, "No such action type");
          }
          const ds = request.dataSet;
          const transactionUid = ds?.getString(0x00081195)?.trim() ?? "";
          if (!transactionUid) throw new StatusError(0x0120, "Missing Transaction UID");
          const refs = ds?.getItems(0x00081199) ?? [];
          const record: CommitmentRecord = {
            transactionUid,
            callingAeTitle: request.association.negotiated.callingAeTitle.trim(),
            committed: [],
            failed: [],
          };
          for (const ref of refs) {
            const uid = ref.getString(0x00081155)?.trim() ?? "";
            const cls = ref.getString(0x00081150)?.trim() ?? "";
            const stored = index.get(uid);
            const ok = stored !== undefined && (cls === "" || stored.sopClassUid === cls) &&
              !config.storageCommitment.failInstances.includes(uid);
            (ok ? record.committed : record.failed).push(uid);
          }
          commitments.push(record);
          return { afterResponse: () => reportCommitment(request.association, record, refs) };
        },
      },
      [MPPS_SOP_CLASS]: {
        nCreate: (request: NIncoming<NCreateRq>) => {
          const uid = request.sopInstanceUid ?? newUid();
          if (mpps.has(uid)) throw new StatusError(0x0111, "Duplicate SOP Instance");
          mpps.set(uid, request.dataSet?.clone() ?? new DataSet());
          return { sopInstanceUid: uid };
        },
        nSet: (request: NIncoming<NSetRq>) => {
          const uid = request.sopInstanceUid ?? "";
          const record = mpps.get(uid);
          if (record === undefined) throw new StatusError(0x0112, "No such SOP Instance");
          const state = record.getString(0x00400252)?.trim();
          // PS3.4 F.7.2.2.2: a COMPLETED or DISCONTINUED step may no longer be set.
          if (state === "COMPLETED" || state === "DISCONTINUED") {
            throw new StatusError(0x0110, `Performed Procedure Step is ${state}`);
          }
          for (const e of request.dataSet?.clone().elements() ?? []) record.add(e);
        },
      },
    },
  };

  const pendingForever = async (
    received: ReceivedMessage,
    association: Association,
    request: ScpRequest,
  ) => {
    const rq = received.message as { messageId: number; affectedSopClassUid: string };
    const respond = (status: number) =>
      association.send({
        type: "C-MOVE-RSP",
        messageIdBeingRespondedTo: rq.messageId,
        affectedSopClassUid: rq.affectedSopClassUid,
        status,
        numberOfRemainingSuboperations: 1,
        numberOfCompletedSuboperations: 0,
        numberOfFailedSuboperations: 0,
        numberOfWarningSuboperations: 0,
        hasDataSet: false,
      }, { presentationContextId: received.presentationContextId });
    await respond(0xff00);
    await new Promise<void>((resolve) => {
      request.signal.addEventListener("abort", () => resolve(), { once: true });
      association.closed.then(() => resolve(), () => resolve());
    });
    if (request.signal.aborted) await respond(0xfe00).catch(() => {});
  };

  const respondDirectly = async (
    received: ReceivedMessage,
    association: Association,
    status: number,
    comment?: string,
  ) => {
    const rq = received.message as {
      type: string;
      messageId: number;
      affectedSopClassUid?: string;
    };
    await association.send({
      type: rq.type.replace(/-RQ$/, "-RSP"),
      messageIdBeingRespondedTo: rq.messageId,
      affectedSopClassUid: rq.affectedSopClassUid ?? "",
      status,
      hasDataSet: false,
      ...(comment === undefined ? {} : { errorComment: comment.slice(0, 64) }),
    } as DimseMessage, { presentationContextId: received.presentationContextId });
  };

  const serve = async (received: ReceivedMessage, association: Association) => {
    const state = stateOf(association);
    state.served++;
    const end = plan.endAfter(association.negotiated.callingAeTitle);
    if (
      end?.afterMessages !== undefined && state.served > end.afterMessages
    ) {
      endAssociation(association, end.kind);
      return;
    }
    const message = received.message;
    const decision = decide(message, association);
    const proxy = state.proxy;
    try {
      if (decision.noResponse) return;
      const type = message.type;
      if (
        decision.status !== undefined && isFailure(decision.status) &&
        (type === "C-FIND-RQ" || type === "C-MOVE-RQ" || type === "C-GET-RQ" ||
          type === "C-ECHO-RQ")
      ) {
        if (decision.delayMs > 0) await sleep(decision.delayMs);
        await respondDirectly(received, association, decision.status, decision.errorComment);
        return;
      }
      switch (type) {
        case "C-STORE-RQ":
        case "C-ECHO-RQ":
          await storage_.onRequest(received, proxy);
          return;
        case "C-FIND-RQ":
          await handleFind(received, proxy, {
            match,
            sopClasses: [PATIENT_ROOT_FIND, STUDY_ROOT_FIND, MODALITY_WORKLIST_FIND],
          });
          return;
        case "C-MOVE-RQ": {
          if (decision.pendingForever) {
            await pendingForever(received, proxy, scpRequestOf(received, association));
            return;
          }
          await handleMove(received, proxy, {
            instances: lookup,
            sopClasses: [PATIENT_ROOT_MOVE, STUDY_ROOT_MOVE],
            aeTitle: config.aeTitle,
            resolveDestination: (ae) => config.destinations[ae.trim()],
          });
          return;
        }
        case "C-GET-RQ":
          await handleGet(received, proxy, {
            instances: lookup,
            sopClasses: [PATIENT_ROOT_GET, STUDY_ROOT_GET],
          });
          return;
        default:
          if (isNRequest(type)) await handleNRequest(received, proxy, nOptions);
      }
    } finally {
      state.decisions.delete((message as { messageId: number }).messageId);
    }
  };

  const onRequest: RequestHandler = (received, association) => {
    const running = serve(received, association).catch((error) => {
      log(`Request ${received.message.type} failed: ${(error as Error).message}`);
    });
    inFlight.add(running);
    running.finally(() => inFlight.delete(running));
    return running;
  };

  const storageTs = config.transferSyntaxes ?? STORAGE_TRANSFER_SYNTAXES;
  const syntaxesOf = (uid: string, otherwise: readonly string[]) =>
    config.sopClasses[uid]?.transferSyntaxes ?? otherwise;
  const supported: SupportedAbstractSyntax[] = [
    // SOP classes configured one by one: an exact UID wins over the storage wildcard.
    ...Object.entries(config.sopClasses).filter(([uid]) => isStorageSopClass(uid)).map((
      [uid, c],
    ) => ({
      abstractSyntax: uid,
      transferSyntaxes: c.transferSyntaxes ?? storageTs,
      roles: getRoles(c.getScpRole ?? config.getScpRole),
    })),
    // C-GET SCP: accept the storage SCP role of a C-GET SCU (PS3.4 C.4.3.3, PS3.7 D.3.3.4).
    {
      abstractSyntax: ANY_STORAGE_SOP_CLASS,
      transferSyntaxes: storageTs,
      roles: getRoles(config.getScpRole),
    },
    {
      ...VERIFICATION_SUPPORTED,
      transferSyntaxes: syntaxesOf(
        VERIFICATION_SUPPORTED.abstractSyntax,
        VERIFICATION_SUPPORTED.transferSyntaxes,
      ),
    },
    ...[
      PATIENT_ROOT_FIND,
      STUDY_ROOT_FIND,
      PATIENT_ROOT_MOVE,
      STUDY_ROOT_MOVE,
      PATIENT_ROOT_GET,
      STUDY_ROOT_GET,
      MODALITY_WORKLIST_FIND,
      STORAGE_COMMITMENT_SOP_CLASS,
      MPPS_SOP_CLASS,
    ].map((abstractSyntax) => ({
      abstractSyntax,
      transferSyntaxes: syntaxesOf(abstractSyntax, QR_SYNTAXES),
    })),
  ];
  for (const uid of Object.keys(config.sopClasses)) {
    if (!isStorageSopClass(uid) && !supported.some((s) => s.abstractSyntax === uid)) {
      throw new PacsConfigError(`sopClasses.${uid}`, "not a SOP class this node serves");
    }
  }

  const acceptOptions: AcceptOptions = {
    ...options.accept,
    aeTitle: config.aeTitle,
    acceptAnyCalledAeTitle: config.acceptAnyCalledAeTitle,
    callingAeTitles: config.callingAeTitles,
    maxPduLength: config.maxPduLength ?? options.accept?.maxPduLength,
    supported,
    admit: (rq) => {
      if (quirks.rejectAsyncWindow && rq.userInformation?.asynchronousOperationsWindow) {
        return { result: 1, source: 1, reason: 1 }; // permanent, service-user, no reason given
      }
      return plan.admit(rq.callingAeTitle) ?? options.accept?.admit?.(rq);
    },
    onRequest,
    dataSetSink,
    // PS3.4 C.5.1.1 / C.5.2.1 / C.5.3.1: byte 1 is relational-queries (C-FIND) or
    // relational-retrieval (C-MOVE, C-GET); the others (combined date-time matching, fuzzy PN,
    // timezone adjustment, enhanced multi-frame conversion) are not supported (0).
    sopClassExtended: (item) => {
      const uid = item.sopClassUid.replace(/\0+$/, "").trim();
      if (!QR_SOP_CLASSES.includes(uid)) return options.accept?.sopClassExtended?.(item);
      const reply = new Uint8Array(Math.max(1, item.serviceClassApplicationInformation.length));
      reply[0] = config.queryMethod !== "hierarchical" &&
          item.serviceClassApplicationInformation[0] === 1
        ? 1
        : 0;
      return reply;
    },
  };

  return {
    config,
    index,
    mpps,
    commitments,
    responses,
    acceptOptions,
    async load() {
      const problems: string[] = [];
      for (const location of await storage.list()) {
        try {
          index.addPart10(await storage.read(location), location);
        } catch (error) {
          problems.push(`${location}: ${(error as Error).message}`);
        }
      }
      for (const p of problems) log(`Not indexed: ${p}`);
      return problems;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * Starts a node listening on TCP (`config.host`, `config.port`; port 0 picks one), after
 * rebuilding the index from `options.storage`.
 * @example
 * ```ts
 * import { startPacs } from "./pacs_node.ts";
 * const pacs = await startPacs({ aeTitle: "PACS" });
 * console.log(pacs.port);
 * await pacs.close();
 * ```
 */
export async function startPacs(
  config: Partial<PacsConfig> = {},
  options: PacsNodeOptions = {},
): Promise<Pacs> {
  const node = createPacsNode(config, options);
  const loadProblems = await node.load();
  const log = options.log ?? (() => {});
  const maxAssociations = node.config.maxAssociations;
  const acceptDelayMs = new FaultPlan(node.config.faults).acceptDelayMs();
  let connections = 0;
  const accept: AcceptOptions = {
    ...node.acceptOptions,
    admit: (rq) => {
      if (maxAssociations !== undefined && connections > maxAssociations) {
        return { result: 2, source: 3, reason: 2 }; // transient, presentation, local limit exceeded
      }
      return node.acceptOptions.admit?.(rq);
    },
  };
  // Our own listener (not listenAssociations) so that the A-ASSOCIATE-RQ can wait: the transport
  // keeps what arrives until the association reads it.
  const server: TransportServer = await listenTcp(
    { host: node.config.host, port: node.config.port },
    (transport) => {
      connections++;
      transport.closed.then(() => connections--);
      const start = () =>
        acceptAssociation(transport, accept).then((result) => {
          if (!result.accepted) log(`Association rejected: ${result.description}`);
        }).catch((error) => log(`Association failed: ${(error as Error).message ?? error}`));
      if (acceptDelayMs > 0) setTimeout(start, acceptDelayMs);
      else void start();
    },
  );
  return {
    ...node,
    port: server.port,
    loadProblems,
    async close() {
      await node.idle();
      await server.close();
    },
  };
}
