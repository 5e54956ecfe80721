/**
 * The Storage SCP (PS3.4 Annex B; PS3.7 9.1.1 C-STORE): accepts every storage SOP class in the
 * native and common compressed transfer syntaxes, streams each received data set into an
 * {@link InstanceStore} as a Part 10 file (preamble, file meta, then the data set fragments as
 * they arrive, never the whole data set in memory), and answers the C-STORE-RQ only once the
 * store has committed it (e.g. written, synced and renamed on disk).
 * @module
 */
import { writeDataSet } from "../codec/write_dataset.ts";
import { buildFileMeta } from "../codec/write_file.ts";
import { DataSet } from "../core/dataset.ts";
import {
  ANY_STORAGE_SOP_CLASS,
  type SupportedAbstractSyntax,
} from "../net/acse/negotiate_contexts.ts";
import type {
  Association,
  AssociationOptions,
  ReceivedMessage,
  RequestHandler,
} from "../net/association/association.ts";
import type { DataSetSink } from "../net/dimse/message_assembler.ts";
import type { CStoreRq, DimseMessage } from "../net/dimse/messages.ts";
import { StatusError } from "./status_error.ts";
import { answerEcho, VERIFICATION_SUPPORTED } from "./verification.ts";

/**
 * The transfer syntaxes the SCP accepts, in its order of preference (the acceptor's list decides,
 * PS3.8 9.3.3.2): Explicit VR Little Endian first, then the other native ones, then the common
 * compressed ones (JPEG baseline/extended/lossless, JPEG-LS, JPEG 2000, HTJ2K, JPEG XL, RLE,
 * Deflated Image Frame Compression, Encapsulated Uncompressed, MPEG-2/4, HEVC).
 * @example
 * ```ts
 * import { STORAGE_TRANSFER_SYNTAXES } from "./storage_scp.ts";
 * STORAGE_TRANSFER_SYNTAXES[0]; // "1.2.840.10008.1.2.1"
 * ```
 */
export const STORAGE_TRANSFER_SYNTAXES: readonly string[] = Object.freeze([
  "1.2.840.10008.1.2.1", // Explicit VR Little Endian
  "1.2.840.10008.1.2", // Implicit VR Little Endian
  "1.2.840.10008.1.2.1.99", // Deflated Explicit VR Little Endian
  "1.2.840.10008.1.2.2", // Explicit VR Big Endian (retired)
  "1.2.840.10008.1.2.4.50", // JPEG Baseline (Process 1)
  "1.2.840.10008.1.2.4.51", // JPEG Extended (Process 2 & 4)
  "1.2.840.10008.1.2.4.57", // JPEG Lossless (Process 14)
  "1.2.840.10008.1.2.4.70", // JPEG Lossless SV1
  "1.2.840.10008.1.2.4.80", // JPEG-LS Lossless
  "1.2.840.10008.1.2.4.81", // JPEG-LS Near-Lossless
  "1.2.840.10008.1.2.4.90", // JPEG 2000 Lossless Only
  "1.2.840.10008.1.2.4.91", // JPEG 2000
  "1.2.840.10008.1.2.4.92", // JPEG 2000 Part 2 Multi-component Lossless Only
  "1.2.840.10008.1.2.4.93", // JPEG 2000 Part 2 Multi-component
  "1.2.840.10008.1.2.4.201", // HTJ2K Lossless
  "1.2.840.10008.1.2.4.202", // HTJ2K Lossless RPCL
  "1.2.840.10008.1.2.4.203", // HTJ2K
  "1.2.840.10008.1.2.4.110", // JPEG XL Lossless
  "1.2.840.10008.1.2.4.111", // JPEG XL JPEG Recompression
  "1.2.840.10008.1.2.4.112", // JPEG XL
  "1.2.840.10008.1.2.5", // RLE Lossless
  "1.2.840.10008.1.2.8.1", // Deflated Image Frame Compression
  "1.2.840.10008.1.2.1.98", // Encapsulated Uncompressed Explicit VR Little Endian
  "1.2.840.10008.1.2.4.100", // MPEG2 MP@ML
  "1.2.840.10008.1.2.4.100.1",
  "1.2.840.10008.1.2.4.101", // MPEG2 MP@HL
  "1.2.840.10008.1.2.4.101.1",
  "1.2.840.10008.1.2.4.102", // MPEG-4 AVC/H.264
  "1.2.840.10008.1.2.4.102.1",
  "1.2.840.10008.1.2.4.103",
  "1.2.840.10008.1.2.4.103.1",
  "1.2.840.10008.1.2.4.104",
  "1.2.840.10008.1.2.4.104.1",
  "1.2.840.10008.1.2.4.105",
  "1.2.840.10008.1.2.4.105.1",
  "1.2.840.10008.1.2.4.106",
  "1.2.840.10008.1.2.4.106.1",
  "1.2.840.10008.1.2.4.107", // HEVC/H.265 Main
  "1.2.840.10008.1.2.4.108", // HEVC/H.265 Main 10
]);

/** What is known of an instance when its data set starts to arrive. */
export interface IncomingInstance {
  /** Affected SOP Class UID of the C-STORE-RQ. */
  readonly sopClassUid: string;
  /** Affected SOP Instance UID of the C-STORE-RQ. */
  readonly sopInstanceUid: string;
  /** The presentation context's transfer syntax (the data set's encoding). */
  readonly transferSyntaxUid: string;
  /** The requestor's AE title. */
  readonly callingAeTitle: string;
  /** The acceptor's (our) AE title as called. */
  readonly calledAeTitle: string;
}

/**
 * Receives one instance's bytes, in order, then commits or abandons them. `write` must not throw
 * for I/O failures that happen later: report them from `commit` instead.
 */
export interface InstanceWriter {
  /** The next bytes (the Part 10 header, then data set fragments). Views: keep, don't modify. */
  write(chunk: Uint8Array): void;
  /**
   * Makes the instance durable; resolves with where it is (a path), rejects on failure (0xA700,
   * or the status of a `StatusError`).
   */
  commit(): Promise<string>;
  /** Abandons the instance (removes partial output). Never rejects. */
  abort(): Promise<void>;
}

/**
 * Where received instances go: a folder (`createFsInstanceStore` in `instance_store_fs.ts`),
 * memory ({@link MemoryInstanceStore}) or nowhere ({@link discardInstanceStore}).
 * @example
 * ```ts
 * import type { InstanceStore } from "./storage_scp.ts";
 * const store: InstanceStore = {
 *   begin: () => ({ write() {}, commit: () => Promise.resolve("nowhere"), abort: () => Promise.resolve() }),
 * };
 * ```
 */
export interface InstanceStore {
  /** Starts an instance; may throw (the C-STORE then fails with 0xA700). */
  begin(instance: IncomingInstance): InstanceWriter;
}

/**
 * A store that keeps nothing (for benchmarks: the network alone).
 * @example
 * ```ts
 * import { discardInstanceStore } from "./storage_scp.ts";
 * const store = discardInstanceStore();
 * ```
 */
export function discardInstanceStore(): InstanceStore {
  return {
    begin: (instance) => ({
      write() {},
      commit: () => Promise.resolve(`discarded:${instance.sopInstanceUid}`),
      abort: () => Promise.resolve(),
    }),
  };
}

/**
 * A store that keeps each instance's Part 10 bytes in memory, by SOP Instance UID (for tests).
 * @example
 * ```ts
 * import { MemoryInstanceStore } from "./storage_scp.ts";
 * const store = new MemoryInstanceStore();
 * store.files.size; // 0
 * ```
 */
export class MemoryInstanceStore implements InstanceStore {
  /** The committed files: SOP Instance UID to Part 10 bytes. */
  readonly files: Map<string, Uint8Array> = new Map();

  /** Starts collecting one instance. */
  begin(instance: IncomingInstance): InstanceWriter {
    const chunks: Uint8Array[] = [];
    let length = 0;
    return {
      write: (chunk) => {
        chunks.push(chunk);
        length += chunk.length;
      },
      commit: () => {
        const out = new Uint8Array(length);
        let at = 0;
        for (const c of chunks) {
          out.set(c, at);
          at += c.length;
        }
        this.files.set(instance.sopInstanceUid, out);
        return Promise.resolve(`memory:${instance.sopInstanceUid}`);
      },
      abort: () => Promise.resolve(),
    };
  }
}

/**
 * The 128-byte preamble, "DICM" and the file meta information (PS3.10 7.1) for a received
 * instance: SOP class and instance from the command, the context's transfer syntax, dicomsim's
 * implementation class UID and version name, and (0002,0016) Source AE Title when given.
 * @example
 * ```ts
 * import { part10Header } from "./storage_scp.ts";
 * const header = part10Header({
 *   sopClassUid: "1.2.840.10008.5.1.4.1.1.2", sopInstanceUid: "1.2.3",
 *   transferSyntaxUid: "1.2.840.10008.1.2.1", sourceAeTitle: "STORESCU",
 * });
 * new TextDecoder().decode(header.subarray(128, 132)); // "DICM"
 * ```
 */
export function part10Header(instance: {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  sourceAeTitle?: string;
}): Uint8Array {
  const ids = new DataSet();
  ids.set(0x00080016, instance.sopClassUid, "UI");
  ids.set(0x00080018, instance.sopInstanceUid, "UI");
  const meta = buildFileMeta(ids, instance.transferSyntaxUid);
  if (instance.sourceAeTitle) meta.set(0x00020016, instance.sourceAeTitle, "AE");
  const metaBytes = writeDataSet(meta, { explicitVr: true, littleEndian: true });
  const out = new Uint8Array(132 + metaBytes.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(metaBytes, 132);
  return out;
}

/** One received instance, as reported to `onStored` and `onFailed`. */
export interface StorageEvent {
  /** The instance. */
  readonly instance: IncomingInstance;
  /** The status answered. */
  readonly status: number;
  /** Where the store put it (on success). */
  readonly location?: string;
  /** The error comment answered (on failure). */
  readonly errorComment?: string;
  /** Data set bytes received. */
  readonly bytes: number;
  /** The association it came on. */
  readonly association: Association;
}

/** Options of {@link storageScp}. */
export interface StorageScpOptions {
  /** Where instances go. */
  readonly store: InstanceStore;
  /** Accepted transfer syntaxes in preference order. Default {@link STORAGE_TRANSFER_SYNTAXES}. */
  readonly transferSyntaxes?: readonly string[];
  /** Also support Verification (answer C-ECHO-RQ). Default true. */
  readonly verification?: boolean;
  /** Called after each stored instance was acknowledged. */
  readonly onStored?: (event: StorageEvent) => void;
  /** Called after each instance answered with a failure status. */
  readonly onFailed?: (event: StorageEvent) => void;
  /** Handles requests other than C-STORE-RQ (and C-ECHO-RQ). Default: none. */
  readonly otherRequests?: RequestHandler;
}

/**
 * What to give an acceptor (`listenAssociations`, `acceptAssociation`): spread it into the
 * options together with the AE title.
 */
export interface StorageScp {
  /** Storage (any storage SOP class) and, unless disabled, Verification. */
  readonly supported: SupportedAbstractSyntax[];
  /** Answers C-STORE-RQ (and C-ECHO-RQ). */
  readonly onRequest: RequestHandler;
  /** Streams C-STORE data sets to the store. */
  readonly dataSetSink: NonNullable<AssociationOptions["dataSetSink"]>;
}

/** Status codes the SCP answers (PS3.4 B.2.3, PS3.7 C). */
const STATUS_OUT_OF_RESOURCES = 0xa700;
const STATUS_CANNOT_UNDERSTAND = 0xc000;
const STATUS_SOP_CLASS_NOT_SUPPORTED = 0x0122;

/** An instance whose data set is arriving. */
interface Incoming {
  instance: IncomingInstance;
  writer: InstanceWriter | undefined;
  bytes: number;
  /** A failure decided before or while receiving: [status, comment]. */
  refusal: [number, string] | undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** (0000,0902) Error Comment is LO: at most 64 characters (PS3.7 C.5, PS3.5 6.2). */
function comment(text: string): string {
  return text.length <= 64 ? text : text.slice(0, 61) + "...";
}

/**
 * A Storage SCP: accepts every storage SOP class ({@link ANY_STORAGE_SOP_CLASS}) in
 * {@link STORAGE_TRANSFER_SYNTAXES}, streams each received data set into `store` as a Part 10
 * file, and sends C-STORE-RSP Success only after `store` committed it; 0xA700 (Out of
 * Resources) when the store fails, 0xC000 (Cannot understand) for a request without an Affected
 * SOP Instance UID or data set, 0x0122 when the SOP class is not the context's.
 * @example
 * ```ts
 * import { listenAssociations } from "../net/association/accept_association.ts";
 * import { MemoryInstanceStore, storageScp } from "./storage_scp.ts";
 * const server = await listenAssociations({
 *   aeTitle: "DICOMSIM",
 *   ...storageScp({ store: new MemoryInstanceStore() }),
 * });
 * await server.close();
 * ```
 */
export function storageScp(options: StorageScpOptions): StorageScp {
  const verification = options.verification ?? true;
  const supported: SupportedAbstractSyntax[] = [{
    abstractSyntax: ANY_STORAGE_SOP_CLASS,
    transferSyntaxes: options.transferSyntaxes ?? STORAGE_TRANSFER_SYNTAXES,
  }];
  if (verification) supported.push(VERIFICATION_SUPPORTED);
  const incoming = new WeakMap<Association, Map<number, Incoming>>();

  const pendingOf = (association: Association): Map<number, Incoming> => {
    let map = incoming.get(association);
    if (map === undefined) {
      const created = new Map<number, Incoming>();
      map = created;
      incoming.set(association, created);
      // An association that ends mid-transfer leaves no partial files behind.
      association.closed.then(() => {
        for (const entry of created.values()) void entry.writer?.abort();
        created.clear();
      });
    }
    return map;
  };

  const dataSetSink = (
    message: DimseMessage,
    presentationContextId: number,
    association: Association,
  ): DataSetSink | undefined => {
    if (message.type !== "C-STORE-RQ") return undefined;
    const context = association.negotiated.contexts.find((c) => c.id === presentationContextId);
    if (context === undefined) return undefined;
    const negotiated = association.negotiated;
    const instance: IncomingInstance = {
      sopClassUid: message.affectedSopClassUid,
      sopInstanceUid: message.affectedSopInstanceUid,
      transferSyntaxUid: context.transferSyntax,
      callingAeTitle: negotiated.callingAeTitle,
      calledAeTitle: negotiated.calledAeTitle,
    };
    const entry: Incoming = { instance, writer: undefined, bytes: 0, refusal: undefined };
    pendingOf(association).set(message.messageId, entry);
    if (!instance.sopInstanceUid) {
      entry.refusal = [STATUS_CANNOT_UNDERSTAND, "No Affected SOP Instance UID"];
    } else if (context.abstractSyntax !== instance.sopClassUid) {
      entry.refusal = [
        STATUS_SOP_CLASS_NOT_SUPPORTED,
        comment(`SOP class is not the context's ${context.abstractSyntax}`),
      ];
    } else {
      try {
        entry.writer = options.store.begin(instance);
        entry.writer.write(part10Header({ ...instance, sourceAeTitle: instance.callingAeTitle }));
      } catch (error) {
        entry.refusal = [STATUS_OUT_OF_RESOURCES, comment(`Cannot store: ${errorText(error)}`)];
      }
    }
    return {
      write(fragment) {
        entry.bytes += fragment.length;
        if (entry.refusal !== undefined || entry.writer === undefined) return;
        try {
          entry.writer.write(fragment);
        } catch (error) {
          entry.refusal = [STATUS_OUT_OF_RESOURCES, comment(`Cannot store: ${errorText(error)}`)];
        }
      },
    };
  };

  const answerStore = async (request: ReceivedMessage, association: Association) => {
    const message = request.message as CStoreRq;
    const map = pendingOf(association);
    const entry = map.get(message.messageId);
    map.delete(message.messageId);
    let status = 0;
    let errorComment: string | undefined;
    let location: string | undefined;
    if (entry === undefined) {
      status = STATUS_CANNOT_UNDERSTAND;
      errorComment = request.context === undefined ? "Unknown presentation context" : "No data set";
    } else if (entry.refusal === undefined && entry.bytes === 0) {
      entry.refusal = [STATUS_CANNOT_UNDERSTAND, "Empty data set"];
    }
    if (entry !== undefined) {
      if (entry.refusal !== undefined) {
        await entry.writer?.abort();
        [status, errorComment] = entry.refusal;
      } else {
        try {
          location = await entry.writer!.commit();
        } catch (error) {
          await entry.writer!.abort();
          // A store may choose the status (e.g. 0xC000 for a data set it cannot parse).
          status = error instanceof StatusError ? error.status : STATUS_OUT_OF_RESOURCES;
          errorComment = comment(
            error instanceof StatusError ? error.message : `Cannot store: ${errorText(error)}`,
          );
        }
      }
    }
    // PS3.7 9.3.1.2: the response names the SOP class and instance of the request.
    await association.send({
      type: "C-STORE-RSP",
      messageIdBeingRespondedTo: message.messageId,
      affectedSopClassUid: message.affectedSopClassUid,
      affectedSopInstanceUid: message.affectedSopInstanceUid,
      status,
      errorComment,
      hasDataSet: false,
    }, { presentationContextId: request.presentationContextId });
    const event: StorageEvent = {
      instance: entry?.instance ?? {
        sopClassUid: message.affectedSopClassUid,
        sopInstanceUid: message.affectedSopInstanceUid,
        transferSyntaxUid: request.context?.transferSyntax ?? "",
        callingAeTitle: association.negotiated.callingAeTitle,
        calledAeTitle: association.negotiated.calledAeTitle,
      },
      status,
      location,
      errorComment,
      bytes: entry?.bytes ?? request.dataSet?.length ?? 0,
      association,
    };
    if (status === 0) options.onStored?.(event);
    else options.onFailed?.(event);
  };

  const onRequest: RequestHandler = async (request, association) => {
    const type = request.message.type;
    if (type === "C-STORE-RQ") return await answerStore(request, association);
    if (type === "C-ECHO-RQ" && verification) {
      await answerEcho(request, association);
      return;
    }
    await options.otherRequests?.(request, association);
  };

  return { supported, onRequest, dataSetSink };
}
