/**
 * C-STORE sub-operations of C-MOVE and C-GET (PS3.4 C.4.2.3, C.4.3.3): the instances a retrieve
 * sends, the presentation contexts to propose for them, sending one, counting outcomes, and the
 * final status with its Failed SOP Instance UID List.
 * @module
 */
import { DataSet } from "../core/dataset.ts";
import { DataElement } from "../core/element.ts";
import type { Association } from "../net/association/association.ts";
import type { RequestedContext } from "../net/acse/association_request.ts";
import {
  type AcceptedContext,
  findContextFor,
  type NegotiatedAssociation,
} from "../net/acse/negotiated_association.ts";
import type { CStoreRq } from "../net/dimse/messages.ts";
import { statusCategory } from "../net/dimse/status.ts";
import { EXPLICIT_VR_LE, IMPLICIT_VR_LE, isNativeTransferSyntax } from "./_dataset_bytes.ts";
import { canTranscodePixelData } from "../pixel/transcode_pixels.ts";
import { transcodeInstanceDataSet } from "./storage_scu.ts";

/**
 * An instance a C-MOVE or C-GET SCP sends: what it is, its transfer syntax, and its data set bytes
 * in that syntax, or a function loading them when the sub-operation comes (an `EncodedInstance`
 * fits).
 */
export interface RetrieveSource {
  /** SOP Class UID. */
  readonly sopClassUid: string;
  /** SOP Instance UID. */
  readonly sopInstanceUid: string;
  /** The transfer syntax of the data set bytes. */
  readonly transferSyntaxUid: string;
  /** The data set bytes, or a function giving them. */
  readonly dataSet: Uint8Array | (() => Uint8Array | Promise<Uint8Array>);
}

/** Sub-operation counts as a retrieve goes, with the UIDs of the failed ones. */
export interface RetrieveTally {
  /** Not yet attempted. */
  remaining: number;
  /** Stored with success. */
  completed: number;
  /** Failed (refused, error, or could not be sent). */
  failed: number;
  /** Stored with a warning status. */
  warning: number;
  /** SOP Instance UIDs of the failed sub-operations (PS3.4 C.4.2.1.4.2). */
  failedSopInstanceUids: string[];
}

/**
 * Presentation contexts to propose for sending `sources` (a C-MOVE sub-association): per SOP
 * class one context offering the native syntaxes (those of the sources first, then Explicit and
 * Implicit VR Little Endian: native data sets are re-encoded when needed), and one per
 * encapsulated (compressed) syntax a source is in, offering just that one.
 * @example
 * ```ts
 * import { proposeStorageContexts } from "./suboperations.ts";
 * proposeStorageContexts([{
 *   sopClassUid: "1.2.840.10008.5.1.4.1.1.2", sopInstanceUid: "1.2.3",
 *   transferSyntaxUid: "1.2.840.10008.1.2", dataSet: new Uint8Array(0),
 * }]);
 * // [{ abstractSyntax: "1.2.840.10008.5.1.4.1.1.2",
 * //    transferSyntaxes: ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1"] }]
 * ```
 */
export function proposeStorageContexts(
  sources: readonly Pick<RetrieveSource, "sopClassUid" | "transferSyntaxUid">[],
): RequestedContext[] {
  const native = new Map<string, Set<string>>();
  const encapsulated = new Map<string, Set<string>>();
  for (const s of sources) {
    const map = isNativeTransferSyntax(s.transferSyntaxUid) ? native : encapsulated;
    if (!map.has(s.sopClassUid)) map.set(s.sopClassUid, new Set());
    map.get(s.sopClassUid)!.add(s.transferSyntaxUid);
  }
  const out: RequestedContext[] = [];
  for (const [sopClassUid, syntaxes] of native) {
    out.push({
      abstractSyntax: sopClassUid,
      transferSyntaxes: [...new Set([...syntaxes, EXPLICIT_VR_LE, IMPLICIT_VR_LE])],
    });
  }
  for (const [sopClassUid, syntaxes] of encapsulated) {
    for (const ts of syntaxes) out.push({ abstractSyntax: sopClassUid, transferSyntaxes: [ts] });
    // A destination that takes no compressed syntax gets the instances decompressed, on a
    // context of its own (in one shared context it could choose to have them decompressed).
    const decodable = [...syntaxes].some((ts) => canTranscodePixelData(ts, EXPLICIT_VR_LE));
    if (decodable && !native.has(sopClassUid)) {
      out.push({ abstractSyntax: sopClassUid, transferSyntaxes: [EXPLICIT_VR_LE, IMPLICIT_VR_LE] });
    }
  }
  return out;
}

/**
 * The accepted context on which this side can send a C-STORE-RQ for `source` (this side SCU for
 * the SOP class, as a C-GET SCP is after role selection): one in the source's own transfer
 * syntax, else one in a native syntax (re-encoded, or for a compressed source decompressed when
 * a codec can).
 * @example
 * ```ts
 * import type { NegotiatedAssociation } from "../net/acse/negotiated_association.ts";
 * import { chooseStoreContext } from "./suboperations.ts";
 * declare const negotiated: NegotiatedAssociation;
 * chooseStoreContext(negotiated, {
 *   sopClassUid: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxUid: "1.2.840.10008.1.2.1",
 * })?.id;
 * ```
 */
export function chooseStoreContext(
  negotiated: Pick<NegotiatedAssociation, "side" | "contexts">,
  source: Pick<RetrieveSource, "sopClassUid" | "transferSyntaxUid">,
): AcceptedContext | undefined {
  const exact = findContextFor(negotiated, source.sopClassUid, {
    transferSyntaxes: [source.transferSyntaxUid],
    role: "scu",
  });
  if (exact !== undefined) return exact;
  if (
    !isNativeTransferSyntax(source.transferSyntaxUid) &&
    !canTranscodePixelData(source.transferSyntaxUid, EXPLICIT_VR_LE)
  ) return undefined;
  const candidates = negotiated.contexts.filter((c) =>
    c.abstractSyntax === source.sopClassUid && isNativeTransferSyntax(c.transferSyntax)
  ).map((c) => c.transferSyntax);
  const preferred = [EXPLICIT_VR_LE, IMPLICIT_VR_LE, ...candidates];
  return findContextFor(negotiated, source.sopClassUid, {
    transferSyntaxes: preferred,
    role: "scu",
  });
}

/** How one sub-operation ended. */
export type SuboperationOutcome = "completed" | "warning" | "failed";

/** Options of {@link storeSuboperation}. */
export interface StoreSuboperationOptions {
  /** Priority of the C-STORE-RQ. Default 0 (medium). */
  readonly priority?: number;
  /** For a C-MOVE: (0000,1030) Move Originator AE Title and (0000,1031) its Message ID. */
  readonly moveOriginator?: { readonly aeTitle: string; readonly messageId: number };
}

/**
 * Sends one C-STORE sub-operation and tells how it ended: failed when there is no usable context,
 * the data set cannot be loaded or re-encoded, the association fails, or the status is a failure.
 * @example
 * ```ts
 * import type { Association } from "../net/association/association.ts";
 * import { storeSuboperation } from "./suboperations.ts";
 * declare const association: Association;
 * await storeSuboperation(association, {
 *   sopClassUid: "1.2.840.10008.5.1.4.1.1.7", sopInstanceUid: "1.2.3",
 *   transferSyntaxUid: "1.2.840.10008.1.2", dataSet: new Uint8Array(0),
 * }); // "completed"
 * ```
 */
export async function storeSuboperation(
  association: Association,
  source: RetrieveSource,
  options: StoreSuboperationOptions = {},
): Promise<SuboperationOutcome> {
  try {
    const context = chooseStoreContext(association.negotiated, source);
    if (context === undefined) return "failed";
    const raw = typeof source.dataSet === "function" ? await source.dataSet() : source.dataSet;
    const dataSet = await transcodeInstanceDataSet(
      raw,
      source.transferSyntaxUid,
      context.transferSyntax,
    );
    const rq: CStoreRq = {
      type: "C-STORE-RQ",
      messageId: 0,
      affectedSopClassUid: source.sopClassUid,
      affectedSopInstanceUid: source.sopInstanceUid,
      priority: options.priority ?? 0,
      hasDataSet: true,
    };
    if (options.moveOriginator) {
      rq.moveOriginatorAeTitle = options.moveOriginator.aeTitle;
      rq.moveOriginatorMessageId = options.moveOriginator.messageId;
    }
    const response = await association.requestFinal(rq, {
      presentationContextId: context.id,
      dataSet,
    });
    const status = (response.message as { status: number }).status;
    const category = statusCategory(status, "C-STORE");
    return category === "Success" ? "completed" : category === "Warning" ? "warning" : "failed";
  } catch {
    return "failed";
  }
}

/** Options of {@link runSuboperations}. */
export interface RunSuboperationsOptions {
  /** Performs one sub-operation. */
  readonly store: (source: RetrieveSource) => Promise<SuboperationOutcome>;
  /** Called after each sub-operation but the last, e.g. to send a pending response. */
  readonly onProgress?: (tally: Readonly<RetrieveTally>) => void | Promise<void>;
  /** Stops before the next sub-operation when aborted (C-CANCEL-RQ). */
  readonly signal?: AbortSignal;
}

/**
 * Runs the sub-operations one after the other, counting outcomes; stops early when `signal` is
 * aborted (then `cancelled` is true and `remaining` counts those not attempted).
 * @example
 * ```ts
 * import { runSuboperations } from "./suboperations.ts";
 * const { tally } = await runSuboperations([], { store: () => Promise.resolve("completed") });
 * tally.completed; // 0
 * ```
 */
export async function runSuboperations(
  sources: readonly RetrieveSource[],
  options: RunSuboperationsOptions,
): Promise<{ tally: RetrieveTally; cancelled: boolean }> {
  const tally: RetrieveTally = {
    remaining: sources.length,
    completed: 0,
    failed: 0,
    warning: 0,
    failedSopInstanceUids: [],
  };
  for (const source of sources) {
    if (options.signal?.aborted) return { tally, cancelled: true };
    const outcome = await options.store(source);
    tally.remaining--;
    tally[outcome]++;
    if (outcome === "failed") tally.failedSopInstanceUids.push(source.sopInstanceUid);
    if (tally.remaining > 0) await options.onProgress?.(tally);
  }
  return { tally, cancelled: false };
}

/**
 * The final status of a C-MOVE or C-GET (PS3.4 C.4.2.1.5, C.4.3.1.4): 0xFE00 when cancelled,
 * 0x0000 when every sub-operation succeeded, 0xA702 when all failed, else 0xB000.
 * @example
 * ```ts
 * import { finalRetrieveStatus } from "./suboperations.ts";
 * finalRetrieveStatus({ remaining: 0, completed: 3, failed: 1, warning: 0, failedSopInstanceUids: ["1.2"] }, false);
 * // 0xb000
 * ```
 */
export function finalRetrieveStatus(tally: Readonly<RetrieveTally>, cancelled: boolean): number {
  if (cancelled) return 0xfe00;
  if (tally.failed === 0 && tally.warning === 0) return 0x0000;
  if (tally.completed === 0 && tally.warning === 0) return 0xa702;
  return 0xb000;
}

/**
 * The identifier of a final C-MOVE/C-GET response: (0008,0058) Failed SOP Instance UID List when
 * sub-operations failed (PS3.4 C.4.2.1.4.2), else `undefined` (no data set).
 * @example
 * ```ts
 * import { failedInstancesIdentifier } from "./suboperations.ts";
 * failedInstancesIdentifier(["1.2.3"])?.getStrings(0x00080058); // ["1.2.3"]
 * ```
 */
export function failedInstancesIdentifier(uids: readonly string[]): DataSet | undefined {
  if (uids.length === 0) return undefined;
  return new DataSet([DataElement.fromStrings(0x00080058, "UI", uids)]);
}
