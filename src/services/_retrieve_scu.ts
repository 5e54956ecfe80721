/**
 * Internal: the part of a C-MOVE and a C-GET SCU that is the same: send the request, follow the
 * pending responses' counts, read the final status, counts and Failed SOP Instance UID List.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import type { Association } from "../net/association/association.ts";
import { findContextFor } from "../net/acse/negotiated_association.ts";
import type { CGetRsp, CMoveRsp } from "../net/dimse/messages.ts";
import { decodeDataSet, encodeDataSet } from "./_dataset_bytes.ts";
import { NoContextError } from "./no_context_error.ts";

/** Counts of a C-MOVE-RSP or C-GET-RSP (absent when the response left them out). */
export interface RetrieveProgress {
  /** The response's status (0xFF00 while pending). */
  readonly status: number;
  /** Number of Remaining Sub-operations. */
  readonly remaining: number | undefined;
  /** Number of Completed Sub-operations. */
  readonly completed: number | undefined;
  /** Number of Failed Sub-operations. */
  readonly failed: number | undefined;
  /** Number of Warning Sub-operations. */
  readonly warning: number | undefined;
  /** The response command. */
  readonly message: CMoveRsp | CGetRsp;
}

/** Options of a C-MOVE or C-GET SCU. */
export interface RetrieveOptions {
  /** The retrieve SOP class (information model). Default Study Root (MOVE or GET). */
  readonly sopClassUid?: string;
  /** Priority (0000,0700): 0 medium, 1 high, 2 low. Default 0. */
  readonly priority?: number;
  /** Aborting it sends C-CANCEL-RQ; the SCP then ends with status 0xFE00 (Cancel). */
  readonly signal?: AbortSignal;
  /** Sees every response as it comes, the pending ones and the final one. */
  readonly onProgress?: (progress: RetrieveProgress) => void;
}

/** How a C-MOVE or C-GET ended. */
export interface RetrieveResult {
  /** The final status: 0x0000, 0xB000 (some failed), 0xFE00 (cancelled), or a failure. */
  readonly status: number;
  /** Sub-operations completed (from the final response, else the last that gave it). */
  readonly completed: number;
  /** Sub-operations failed. */
  readonly failed: number;
  /** Sub-operations with a warning. */
  readonly warning: number;
  /** Sub-operations not attempted (cancelled), when the SCP said. */
  readonly remaining: number | undefined;
  /** The Failed SOP Instance UID List (0008,0058) of the final response. */
  readonly failedSopInstanceUids: string[];
  /** The final response. */
  readonly final: CMoveRsp | CGetRsp;
  /** The final response's identifier, when it had one. */
  readonly identifier: DataSet | undefined;
}

function progressOf(message: CMoveRsp | CGetRsp): RetrieveProgress {
  return {
    status: message.status,
    remaining: message.numberOfRemainingSuboperations,
    completed: message.numberOfCompletedSuboperations,
    failed: message.numberOfFailedSuboperations,
    warning: message.numberOfWarningSuboperations,
    message,
  };
}

/** Sends a C-MOVE-RQ or C-GET-RQ and follows it to the final response. */
export async function runRetrieve(
  association: Association,
  identifier: DataSet,
  request: { type: "C-MOVE-RQ"; moveDestination: string } | { type: "C-GET-RQ" },
  sopClassUid: string,
  options: RetrieveOptions,
): Promise<RetrieveResult> {
  const context = findContextFor(association.negotiated, sopClassUid);
  if (context === undefined) throw new NoContextError(sopClassUid);
  const responses = association.request({
    ...request,
    messageId: 0,
    affectedSopClassUid: sopClassUid,
    priority: options.priority ?? 0,
    hasDataSet: true,
  }, {
    presentationContextId: context.id,
    dataSet: encodeDataSet(identifier, context.transferSyntax),
    signal: options.signal,
  });
  let last: RetrieveProgress | undefined;
  let counted: RetrieveProgress | undefined;
  let finalIdentifier: DataSet | undefined;
  for await (const response of responses) {
    const progress = progressOf(response.message as CMoveRsp | CGetRsp);
    last = progress;
    if (progress.completed !== undefined || progress.failed !== undefined) counted = progress;
    if (response.dataSet && response.dataSet.length > 0) {
      try {
        finalIdentifier = decodeDataSet(response.dataSet, context.transferSyntax);
      } catch {
        finalIdentifier = undefined;
      }
    }
    options.onProgress?.(progress);
  }
  const final = last!;
  return {
    status: final.status,
    completed: counted?.completed ?? 0,
    failed: counted?.failed ?? 0,
    warning: counted?.warning ?? 0,
    remaining: final.remaining,
    failedSopInstanceUids: finalIdentifier?.getStrings(0x00080058) ?? [],
    final: final.message,
    identifier: finalIdentifier,
  };
}
