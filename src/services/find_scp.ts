/**
 * C-FIND as SCP (PS3.4 C.4.1.2, K.4.1.2; PS3.7 9.1.2): a request handler that asks a callback for
 * the matches of a query, answers each with a pending response carrying it, and ends with
 * success, cancel (after C-CANCEL-RQ) or a failure.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import type {
  Association,
  ReceivedMessage,
  RequestHandler,
} from "../net/association/association.ts";
import type { CFindRq } from "../net/dimse/messages.ts";
import { decodeDataSet, encodeDataSet } from "./_dataset_bytes.ts";
import { QUERY_MODELS } from "./query_models.ts";
import { type ScpRequest, scpRequestOf } from "./scp_request.ts";
import { StatusError } from "./status_error.ts";

/**
 * A match: the identifier to return (its return keys filled in), with status 0xFF00 by default
 * or 0xFF01 when optional keys were not supported (PS3.4 C.4.1.1.4).
 */
export type FindMatch = DataSet | { readonly identifier: DataSet; readonly status?: number };

/**
 * Gives the matches of a query identifier: an array, an iterable or an async iterable (to stream
 * them; iteration stops after C-CANCEL-RQ). Throw {@link StatusError} to fail with a chosen status,
 * anything else fails with 0xC000 (unable to process).
 */
export type FindMatcher = (
  identifier: DataSet,
  request: ScpRequest,
) =>
  | Iterable<FindMatch>
  | AsyncIterable<FindMatch>
  | Promise<Iterable<FindMatch> | AsyncIterable<FindMatch>>;

/** Options of {@link handleFind} and {@link findScp}. */
export interface FindScpOptions {
  /** Finds the matches. */
  readonly match: FindMatcher;
  /**
   * C-FIND SOP classes served; others are refused with 0x0122 (SOP class not supported).
   * Default: the FIND SOP classes of every model in `QUERY_MODELS`.
   */
  readonly sopClasses?: readonly string[];
}

const DEFAULT_FIND_SOP_CLASSES = Object.values(QUERY_MODELS).map((m) => m.find);

/**
 * Serves one C-FIND-RQ: decodes the identifier, sends a pending C-FIND-RSP (0xFF00) per match and
 * a final one: 0x0000, 0xFE00 when cancelled, 0x0122 for an unserved SOP class, 0xC000 when the
 * identifier cannot be decoded or the callback fails, or a {@link StatusError}'s status. Resolves
 * with the final status.
 * @example
 * ```ts
 * import type { Association, ReceivedMessage } from "../net/association/association.ts";
 * import { handleFind } from "./find_scp.ts";
 * declare const received: ReceivedMessage;
 * declare const association: Association;
 * await handleFind(received, association, { match: () => [] }); // 0
 * ```
 */
export async function handleFind(
  received: ReceivedMessage,
  association: Association,
  options: FindScpOptions,
): Promise<number> {
  const rq = received.message as CFindRq;
  const request = scpRequestOf(received, association);
  const transferSyntax = received.context?.transferSyntax;
  const respond = (status: number, identifier?: DataSet, errorComment?: string) =>
    association.send({
      type: "C-FIND-RSP",
      messageIdBeingRespondedTo: rq.messageId,
      affectedSopClassUid: rq.affectedSopClassUid,
      status,
      hasDataSet: identifier !== undefined,
      ...(errorComment === undefined ? {} : { errorComment: errorComment.slice(0, 64) }),
    }, {
      presentationContextId: received.presentationContextId,
      dataSet: identifier === undefined ? undefined : encodeDataSet(identifier, transferSyntax!),
    });
  const fail = async (status: number, comment: string) => {
    await respond(status, undefined, comment);
    return status;
  };
  if (!(options.sopClasses ?? DEFAULT_FIND_SOP_CLASSES).includes(rq.affectedSopClassUid)) {
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
  try {
    const matches = await options.match(identifier, request);
    for await (const match of matches) {
      if (request.signal.aborted) break;
      const [ds, status] = "identifier" in match
        ? [match.identifier, match.status ?? 0xff00]
        : [match, 0xff00];
      await respond(status, ds);
    }
  } catch (error) {
    if (error instanceof StatusError) return await fail(error.status, error.message);
    return await fail(0xc000, (error as Error).message ?? String(error));
  }
  // PS3.4 C.4.1.2.3: after a C-CANCEL the final response has status Cancel.
  const status = request.signal.aborted ? 0xfe00 : 0x0000;
  await respond(status);
  return status;
}

/**
 * A request handler serving C-FIND-RQ with {@link handleFind}; other requests are left alone
 * (compose it with other services' handlers).
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { listenAssociations } from "../net/association/accept_association.ts";
 * import { findScp } from "./find_scp.ts";
 * import { STUDY_ROOT_FIND } from "./query_models.ts";
 * const patient = new DataSet();
 * patient.set("PatientID", "1");
 * const server = await listenAssociations({
 *   aeTitle: "QRSCP",
 *   supported: [{ abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes: ["1.2.840.10008.1.2"] }],
 *   onRequest: findScp({ match: () => [patient] }),
 * });
 * ```
 */
export function findScp(options: FindScpOptions): RequestHandler {
  return async (received, association) => {
    if (received.message.type === "C-FIND-RQ") await handleFind(received, association, options);
  };
}
