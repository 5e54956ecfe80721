/**
 * C-FIND as SCU (PS3.4 C.4.1, K.4; PS3.7 9.1.2): send a query identifier, collect the matches of
 * the pending responses, stop early with C-CANCEL.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import type { Association, ReceivedMessage } from "../net/association/association.ts";
import { findContextFor } from "../net/acse/negotiated_association.ts";
import type { CFindRsp } from "../net/dimse/messages.ts";
import { statusCategory } from "../net/dimse/status.ts";
import { decodeDataSet, encodeDataSet } from "./_dataset_bytes.ts";
import { NoContextError } from "./no_context_error.ts";
import { STUDY_ROOT_FIND } from "./query_models.ts";

/** Options of {@link findScuResponses} and {@link findScu}. */
export interface FindOptions {
  /** The C-FIND SOP class (information model). Default Study Root (`STUDY_ROOT_FIND`). */
  readonly sopClassUid?: string;
  /** Priority (0000,0700): 0 medium, 1 high, 2 low. Default 0. */
  readonly priority?: number;
  /** Aborting it sends C-CANCEL-RQ; the SCP then ends with status 0xFE00 (Cancel). */
  readonly signal?: AbortSignal;
}

/** One C-FIND-RSP. */
export interface FindResponse {
  /** The response's status (0xFF00/0xFF01 pending with a match, else final). */
  readonly status: number;
  /** The response command. */
  readonly message: CFindRsp;
  /** The identifier it carried (a match, for a pending response), decoded. */
  readonly identifier: DataSet | undefined;
}

/**
 * Sends a C-FIND-RQ and yields every response, the pending ones (each with a match) and last the
 * final one.
 * @throws {NoContextError} when no presentation context for the SOP class was accepted.
 * @example
 * ```ts
 * import type { Association } from "../net/association/association.ts";
 * import { buildIdentifier } from "./identifier.ts";
 * import { findScuResponses } from "./find_scu.ts";
 * declare const association: Association;
 * const identifier = buildIdentifier(["PatientID", "PatientName"], { level: "PATIENT" });
 * for await (const response of findScuResponses(association, identifier)) {
 *   console.log(response.status, response.identifier?.getString("PatientID"));
 * }
 * ```
 */
export async function* findScuResponses(
  association: Association,
  identifier: DataSet,
  options: FindOptions = {},
): AsyncGenerator<FindResponse> {
  const sopClassUid = options.sopClassUid ?? STUDY_ROOT_FIND;
  const context = findContextFor(association.negotiated, sopClassUid);
  if (context === undefined) throw new NoContextError(sopClassUid);
  const responses = association.request({
    type: "C-FIND-RQ",
    messageId: 0,
    affectedSopClassUid: sopClassUid,
    priority: options.priority ?? 0,
    hasDataSet: true,
  }, {
    presentationContextId: context.id,
    dataSet: encodeDataSet(identifier, context.transferSyntax),
    signal: options.signal,
  });
  for await (const response of responses) yield toFindResponse(response, context.transferSyntax);
}

function toFindResponse(response: ReceivedMessage, transferSyntaxUid: string): FindResponse {
  const message = response.message as CFindRsp;
  return {
    status: message.status,
    message,
    identifier: response.dataSet !== undefined
      ? decodeDataSet(response.dataSet, response.context?.transferSyntax ?? transferSyntaxUid)
      : undefined,
  };
}

/** What {@link findScu} found. */
export interface FindResult {
  /** The final status: 0x0000 matching complete, 0xFE00 cancelled, else a failure. */
  readonly status: number;
  /** The matches, in the order they came. */
  readonly matches: DataSet[];
  /** The final response. */
  readonly final: CFindRsp;
}

/**
 * Sends a C-FIND-RQ and resolves with all matches and the final status; `onMatch` sees each
 * match as it comes (e.g. to print it, or to cancel after a few through `signal`).
 * @throws {NoContextError} when no presentation context for the SOP class was accepted.
 * @example
 * ```ts
 * import type { Association } from "../net/association/association.ts";
 * import { buildIdentifier } from "./identifier.ts";
 * import { findScu } from "./find_scu.ts";
 * import { PATIENT_ROOT_FIND } from "./query_models.ts";
 * declare const association: Association;
 * const identifier = buildIdentifier(["PatientID", "PatientName=DOE*"], { level: "PATIENT" });
 * const { status, matches } = await findScu(association, identifier, {
 *   sopClassUid: PATIENT_ROOT_FIND,
 * });
 * ```
 */
export async function findScu(
  association: Association,
  identifier: DataSet,
  options: FindOptions & { readonly onMatch?: (match: DataSet, response: FindResponse) => void } =
    {},
): Promise<FindResult> {
  const matches: DataSet[] = [];
  let last: FindResponse | undefined;
  for await (const response of findScuResponses(association, identifier, options)) {
    last = response;
    if (statusCategory(response.status) === "Pending" && response.identifier) {
      matches.push(response.identifier);
      options.onMatch?.(response.identifier, response);
    }
  }
  return { status: last!.status, matches, final: last!.message };
}
