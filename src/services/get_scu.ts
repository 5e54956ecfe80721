/**
 * C-GET as SCU (PS3.4 C.4.3.2; PS3.7 9.1.3): ask an SCP for the instances an identifier selects
 * and receive them as C-STORE sub-operations on the same association. For that the association
 * must propose the storage SOP classes with SCP role selection (PS3.7 D.3.3.4):
 * {@link getStorageContexts} gives such contexts.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import type { Association, RequestHandler } from "../net/association/association.ts";
import type { RequestedContext } from "../net/acse/association_request.ts";
import type { CStoreRq } from "../net/dimse/messages.ts";
import { EXPLICIT_VR_LE, IMPLICIT_VR_LE } from "./_dataset_bytes.ts";
import {
  type RetrieveOptions,
  type RetrieveProgress,
  type RetrieveResult,
  runRetrieve,
} from "./_retrieve_scu.ts";
import type { EncodedInstance } from "./encoded_instance.ts";
import { STUDY_ROOT_GET } from "./query_models.ts";

export type { RetrieveOptions, RetrieveProgress, RetrieveResult };

/**
 * Storage SOP classes a C-GET SCU proposes by default: the common image, waveform, structured
 * report, presentation state, RT and document classes (102 of them, leaving room in the 128
 * presentation contexts of an association for the C-GET and C-FIND ones).
 * @example
 * ```ts
 * import { COMMON_STORAGE_SOP_CLASSES } from "./get_scu.ts";
 * COMMON_STORAGE_SOP_CLASSES.includes("1.2.840.10008.5.1.4.1.1.2"); // true (CT Image Storage)
 * ```
 */
export const COMMON_STORAGE_SOP_CLASSES: readonly string[] = Object.freeze(
  [
    // Projection radiography: CR, DX, mammography, intra-oral (PS3.4 B.5).
    "1",
    "1.1",
    "1.1.1",
    "1.2",
    "1.2.1",
    "1.3",
    "1.3.1",
    // CT, MR, US, SC.
    "2",
    "2.1",
    "2.2",
    "3.1",
    "4",
    "4.1",
    "4.2",
    "4.3",
    "4.4",
    "6.1",
    "6.2",
    "7",
    "7.1",
    "7.2",
    "7.3",
    "7.4",
    // Waveforms.
    "9.1.1",
    "9.1.2",
    "9.1.3",
    "9.2.1",
    "9.3.1",
    "9.4.1",
    "9.4.2",
    "9.5.1",
    "9.6.1",
    // Presentation states.
    "11.1",
    "11.2",
    "11.3",
    "11.4",
    "11.5",
    // XA, XRF, 3D X-ray, tomosynthesis, IVOCT.
    "12.1",
    "12.1.1",
    "12.2",
    "12.2.1",
    "13.1.1",
    "13.1.2",
    "13.1.3",
    "13.1.4",
    "13.1.5",
    "14.1",
    "14.2",
    // NM, parametric map, raw data, registration, segmentation, RWV mapping.
    "20",
    "30",
    "66",
    "66.1",
    "66.2",
    "66.3",
    "66.4",
    "66.5",
    "67",
    // Visible light.
    "77.1.1",
    "77.1.1.1",
    "77.1.2",
    "77.1.2.1",
    "77.1.3",
    "77.1.4",
    "77.1.4.1",
    "77.1.5.1",
    "77.1.5.2",
    "77.1.5.4",
    "77.1.6",
    // Structured reports and key objects.
    "88.11",
    "88.22",
    "88.33",
    "88.34",
    "88.35",
    "88.40",
    "88.50",
    "88.59",
    "88.65",
    "88.67",
    "88.68",
    "88.69",
    "88.71",
    "88.73",
    // Encapsulated documents.
    "104.1",
    "104.2",
    "104.3",
    // PET.
    "128",
    "128.1",
    "130",
    // Radiotherapy.
    "481.1",
    "481.2",
    "481.3",
    "481.4",
    "481.5",
    "481.6",
    "481.7",
    "481.8",
    "481.9",
    // Basic structured display, eddy current, photoacoustic, surface scan, tractography.
    "131",
    "6.3",
    "68.1",
    "68.2",
    "66.6",
  ].map((suffix) => `1.2.840.10008.5.1.4.1.1.${suffix}`),
);

/** Options of {@link getStorageContexts}. */
export interface GetStorageContextsOptions {
  /** Storage SOP classes to receive. Default {@link COMMON_STORAGE_SOP_CLASSES}. */
  readonly sopClasses?: readonly string[];
  /**
   * Transfer syntaxes to offer for each (the SCP picks one per context). Default Explicit VR
   * Little Endian, Implicit VR Little Endian.
   */
  readonly transferSyntaxes?: readonly string[];
}

/**
 * The presentation contexts a C-GET SCU proposes: the C-GET SOP class, then each storage SOP class
 * with SCP role selection (SCU-role 0, SCP-role 1, as DCMTK's getscu) so that the SCP may send
 * C-STORE-RQ on them.
 * @example
 * ```ts
 * import { requestAssociation } from "../net/association/request_association.ts";
 * import { getStorageContexts } from "./get_scu.ts";
 * import { STUDY_ROOT_GET } from "./query_models.ts";
 * const association = await requestAssociation({
 *   host: "127.0.0.1", port: 11112, callingAeTitle: "GETSCU", calledAeTitle: "QRSCP",
 *   contexts: [{ abstractSyntax: STUDY_ROOT_GET }, ...getStorageContexts()],
 * });
 * ```
 */
export function getStorageContexts(options: GetStorageContextsOptions = {}): RequestedContext[] {
  const transferSyntaxes = options.transferSyntaxes ?? [EXPLICIT_VR_LE, IMPLICIT_VR_LE];
  return (options.sopClasses ?? COMMON_STORAGE_SOP_CLASSES).map((abstractSyntax) => ({
    abstractSyntax,
    transferSyntaxes,
    roles: { scu: false, scp: true },
  }));
}

/**
 * Receives one instance of a C-GET (or any C-STORE-RQ): returns the C-STORE status to answer
 * (default 0x0000); throwing answers 0xA700 (out of resources) with the error as comment.
 */
export type InstanceReceiver = (
  instance: EncodedInstance,
  request: CStoreRq,
) => number | void | Promise<number | void>;

/**
 * A request handler answering C-STORE-RQ: it hands each instance to `receive` and answers with
 * its status. Other requests are left alone.
 * @example
 * ```ts
 * import { storeReceiver } from "./get_scu.ts";
 * const received: string[] = [];
 * const handler = storeReceiver((instance) => {
 *   received.push(instance.sopInstanceUid);
 * });
 * ```
 */
export function storeReceiver(receive: InstanceReceiver): RequestHandler {
  return async (received, association) => {
    if (received.message.type !== "C-STORE-RQ") return;
    const rq = received.message;
    let status = 0x0000;
    let errorComment: string | undefined;
    if (received.context === undefined || received.dataSet === undefined) {
      status = 0xc000; // PS3.4 B.2.3: Error, cannot understand
      errorComment = "No data set or unknown presentation context";
    } else {
      try {
        const answer = await receive({
          sopClassUid: rq.affectedSopClassUid,
          sopInstanceUid: rq.affectedSopInstanceUid,
          transferSyntaxUid: received.context.transferSyntax,
          dataSet: received.dataSet,
        }, rq);
        if (typeof answer === "number") status = answer;
      } catch (error) {
        status = 0xa700;
        errorComment = ((error as Error).message ?? String(error)).slice(0, 64);
      }
    }
    await association.send({
      type: "C-STORE-RSP",
      messageIdBeingRespondedTo: rq.messageId,
      affectedSopClassUid: rq.affectedSopClassUid,
      affectedSopInstanceUid: rq.affectedSopInstanceUid,
      status,
      hasDataSet: false,
      ...(errorComment === undefined ? {} : { errorComment }),
    }, { presentationContextId: received.presentationContextId });
  };
}

/** Options of {@link getScu}. */
export interface GetOptions extends RetrieveOptions {
  /** Receives each instance (e.g. writes it to a file); its return value is the C-STORE status. */
  readonly onInstance: InstanceReceiver;
}

/** How a C-GET ended, with the number of instances received. */
export interface GetResult extends RetrieveResult {
  /** Instances handed to `onInstance` that it accepted (no failure status, no error). */
  readonly received: number;
}

/**
 * Sends a C-GET-RQ (Study Root by default), receives the instances through `onInstance`, and
 * resolves with the final status and counts. While it runs, its C-STORE handler is the
 * association's request handler (replacing any other, which is restored afterwards only if it
 * was given as `previousHandler`).
 * @throws {NoContextError} when no presentation context for the SOP class was accepted.
 * @example
 * ```ts
 * import type { Association } from "../net/association/association.ts";
 * import { buildIdentifier } from "./identifier.ts";
 * import { getScu } from "./get_scu.ts";
 * declare const association: Association;
 * const identifier = buildIdentifier(["StudyInstanceUID=1.2.3"], { level: "STUDY" });
 * const result = await getScu(association, identifier, {
 *   onInstance: (instance) => console.log(instance.sopInstanceUid),
 * });
 * console.log(result.status, result.received);
 * ```
 */
export async function getScu(
  association: Association,
  identifier: DataSet,
  options: GetOptions & { readonly previousHandler?: RequestHandler },
): Promise<GetResult> {
  let received = 0;
  association.setRequestHandler(storeReceiver(async (instance, rq) => {
    const status = await options.onInstance(instance, rq);
    if (typeof status !== "number" || status === 0 || (status & 0xf000) === 0xb000) received++;
    return status;
  }));
  try {
    const result = await runRetrieve(
      association,
      identifier,
      { type: "C-GET-RQ" },
      options.sopClassUid ?? STUDY_ROOT_GET,
      options,
    );
    return { ...result, received };
  } finally {
    association.setRequestHandler(options.previousHandler);
  }
}
