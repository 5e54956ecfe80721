/**
 * Internal: the part of a C-MOVE and a C-GET SCP that is the same (PS3.4 C.4.2.3, C.4.3.3):
 * decode the identifier, ask for the instances, run the sub-operations with pending responses,
 * answer with the final status, counts and Failed SOP Instance UID List.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import type { Association, ReceivedMessage } from "../net/association/association.ts";
import type { CGetRq, CMoveRq } from "../net/dimse/messages.ts";
import { decodeDataSet, encodeDataSet } from "./_dataset_bytes.ts";
import { type ScpRequest, scpRequestOf } from "./scp_request.ts";
import { StatusError } from "./status_error.ts";
import {
  failedInstancesIdentifier,
  finalRetrieveStatus,
  type RetrieveSource,
  type RetrieveTally,
  runSuboperations,
  type SuboperationOutcome,
} from "./suboperations.ts";

/** Gives the instances a retrieve identifier selects. */
export type InstanceLookup = (
  identifier: DataSet,
  request: ScpRequest,
) => readonly RetrieveSource[] | Promise<readonly RetrieveSource[]>;

/** How a retrieve SCP request ended. */
export interface RetrieveOutcome {
  /** The final status sent. */
  readonly status: number;
  /** The sub-operation counts (all zero when none ran). */
  readonly tally: Readonly<RetrieveTally>;
}

/** What differs between C-MOVE and C-GET. */
export interface RetrieveFlow {
  readonly responseType: "C-MOVE-RSP" | "C-GET-RSP";
  readonly sopClasses: readonly string[];
  readonly instances: InstanceLookup;
  /** Checks before the lookup (C-MOVE: the destination); a status ends the request. */
  readonly precheck?: (request: ScpRequest) => Promise<number | undefined>;
  /**
   * Opens what the sub-operations go on and gives the function performing one, or fails with a
   * status (then every sub-operation counts as failed). `close` ends it afterwards.
   */
  readonly open: (
    sources: readonly RetrieveSource[],
    request: ScpRequest,
  ) => Promise<{
    store: (source: RetrieveSource) => Promise<SuboperationOutcome>;
    close: () => Promise<void>;
  }>;
}

function emptyTally(): RetrieveTally {
  return { remaining: 0, completed: 0, failed: 0, warning: 0, failedSopInstanceUids: [] };
}

/** Serves one C-MOVE-RQ or C-GET-RQ. */
export async function serveRetrieve(
  received: ReceivedMessage,
  association: Association,
  flow: RetrieveFlow,
): Promise<RetrieveOutcome> {
  const rq = received.message as CMoveRq | CGetRq;
  const request = scpRequestOf(received, association);
  const transferSyntax = received.context?.transferSyntax;
  const respond = (
    status: number,
    tally: Readonly<RetrieveTally> | undefined,
    options: { remaining?: boolean; errorComment?: string } = {},
  ) => {
    const identifier = tally && status !== 0xff00
      ? failedInstancesIdentifier(tally.failedSopInstanceUids)
      : undefined;
    return association.send({
      type: flow.responseType,
      messageIdBeingRespondedTo: rq.messageId,
      affectedSopClassUid: rq.affectedSopClassUid,
      status,
      hasDataSet: identifier !== undefined,
      ...(tally === undefined ? {} : {
        // PS3.7 Table 9.3-10: Remaining only while pending (and optionally on cancel).
        ...(options.remaining ? { numberOfRemainingSuboperations: tally.remaining } : {}),
        numberOfCompletedSuboperations: tally.completed,
        numberOfFailedSuboperations: tally.failed,
        numberOfWarningSuboperations: tally.warning,
      }),
      ...(options.errorComment === undefined
        ? {}
        : { errorComment: options.errorComment.slice(0, 64) }),
    }, {
      presentationContextId: received.presentationContextId,
      dataSet: identifier && transferSyntax ? encodeDataSet(identifier, transferSyntax) : undefined,
    });
  };
  const fail = async (status: number, comment: string): Promise<RetrieveOutcome> => {
    await respond(status, undefined, { errorComment: comment });
    return { status, tally: emptyTally() };
  };
  if (!flow.sopClasses.includes(rq.affectedSopClassUid)) {
    return await fail(0x0122, `SOP class not supported: ${rq.affectedSopClassUid}`);
  }
  if (transferSyntax === undefined || received.dataSet === undefined) {
    return await fail(0xc000, "No identifier");
  }
  let identifier: DataSet;
  try {
    identifier = decodeDataSet(received.dataSet, transferSyntax);
  } catch (error) {
    return await fail(0xc000, `Cannot decode the identifier: ${(error as Error).message}`);
  }
  let sources: readonly RetrieveSource[];
  try {
    const refused = await flow.precheck?.(request);
    if (refused !== undefined) return await fail(refused, "Refused");
    sources = await flow.instances(identifier, request);
  } catch (error) {
    if (error instanceof StatusError) return await fail(error.status, error.message);
    return await fail(0xc000, (error as Error).message ?? String(error));
  }
  if (sources.length === 0) {
    const tally = emptyTally();
    await respond(0x0000, tally);
    return { status: 0x0000, tally };
  }
  let channel;
  try {
    channel = await flow.open(sources, request);
  } catch (error) {
    const tally: RetrieveTally = {
      ...emptyTally(),
      failed: sources.length,
      failedSopInstanceUids: sources.map((s) => s.sopInstanceUid),
    };
    const status = error instanceof StatusError ? error.status : 0xa702;
    await respond(status, tally, { errorComment: (error as Error).message ?? String(error) });
    return { status, tally };
  }
  let result;
  try {
    // A first pending response tells the SCU how many sub-operations there are.
    await respond(0xff00, { ...emptyTally(), remaining: sources.length }, { remaining: true });
    result = await runSuboperations(sources, {
      store: channel.store,
      signal: request.signal,
      onProgress: (tally) => respond(0xff00, tally, { remaining: true }),
    });
  } finally {
    await channel.close().catch(() => {});
  }
  const status = finalRetrieveStatus(result.tally, result.cancelled);
  await respond(status, result.tally, { remaining: result.cancelled });
  return { status, tally: result.tally };
}
