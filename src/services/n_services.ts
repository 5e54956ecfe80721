/**
 * DIMSE-N services (PS3.7 10): SCU helpers that send N-GET, N-SET, N-ACTION, N-CREATE, N-DELETE
 * and N-EVENT-REPORT and resolve with the response's status and data set, and an SCP request
 * handler that routes incoming N-* requests to per-SOP-class handlers. Storage Commitment
 * (N-ACTION, then N-EVENT-REPORT from the SCP, PS3.4 J) and MPPS (N-CREATE, N-SET, PS3.4 F) are
 * built on these.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import type { Tag } from "../core/tag.ts";
import type {
  Association,
  ReceivedMessage,
  RequestHandler,
} from "../net/association/association.ts";
import { type AcceptedContext, findContextFor } from "../net/acse/negotiated_association.ts";
import type {
  DimseMessage,
  DimseMessageOf,
  NActionRq,
  NActionRsp,
  NCreateRq,
  NCreateRsp,
  NDeleteRq,
  NDeleteRsp,
  NEventReportRq,
  NEventReportRsp,
  NGetRq,
  NGetRsp,
  NSetRq,
  NSetRsp,
} from "../net/dimse/messages.ts";
import { decodeDataSet, encodeDataSet } from "./_dataset_bytes.ts";
import { NoContextError } from "./no_context_error.ts";
import { StatusError } from "./status_error.ts";

/**
 * A data set carried by an N-* message: a `DataSet` (encoded in the presentation context's
 * transfer syntax) or bytes already encoded in it.
 */
export type NDataSet = DataSet | Uint8Array;

/** Options of the SCU helpers. */
export interface NRequestOptions {
  /**
   * The presentation context to send on. Default: the lowest accepted context of the SOP class
   * on which this side plays the invoking role (SCU; SCP for N-EVENT-REPORT, PS3.7 10.1.1),
   * else any accepted context of the SOP class.
   */
  readonly presentationContextId?: number;
}

/** What an SCU helper resolves with. */
export interface NResult<M extends DimseMessage> {
  /** The response's status (see `statusCategory`, `statusName`). */
  readonly status: number;
  /** The response command. */
  readonly message: M;
  /** The response's data set, decoded; undefined when it had none. */
  readonly dataSet: DataSet | undefined;
  /**
   * The SOP instance the response is about: its Affected SOP Instance UID, else the request's
   * (for N-CREATE, the instance the SCP created when the request named none).
   */
  readonly sopInstanceUid: string | undefined;
}

/** An N-GET request (PS3.7 10.1.2). */
export interface NGetRequest {
  /** Requested SOP Class UID. */
  readonly sopClassUid: string;
  /** Requested SOP Instance UID. */
  readonly sopInstanceUid: string;
  /** The attributes wanted (Attribute Identifier List); all when absent. */
  readonly attributes?: readonly Tag[];
}

/** An N-SET request (PS3.7 10.1.3). */
export interface NSetRequest {
  /** Requested SOP Class UID. */
  readonly sopClassUid: string;
  /** Requested SOP Instance UID. */
  readonly sopInstanceUid: string;
  /** The Modification List. */
  readonly modifications: NDataSet;
}

/** An N-ACTION request (PS3.7 10.1.4). */
export interface NActionRequest {
  /** Requested SOP Class UID. */
  readonly sopClassUid: string;
  /** Requested SOP Instance UID (a well-known one for e.g. Storage Commitment). */
  readonly sopInstanceUid: string;
  /** Action Type ID. */
  readonly actionTypeId: number;
  /** Action Information. Default: none. */
  readonly actionInformation?: NDataSet;
}

/** An N-CREATE request (PS3.7 10.1.5). */
export interface NCreateRequest {
  /** Affected SOP Class UID. */
  readonly sopClassUid: string;
  /** Affected SOP Instance UID. Default: none, the SCP assigns one (see `NResult.sopInstanceUid`). */
  readonly sopInstanceUid?: string;
  /** The Attribute List. Default: none. */
  readonly attributes?: NDataSet;
}

/** An N-DELETE request (PS3.7 10.1.6). */
export interface NDeleteRequest {
  /** Requested SOP Class UID. */
  readonly sopClassUid: string;
  /** Requested SOP Instance UID. */
  readonly sopInstanceUid: string;
}

/** An N-EVENT-REPORT request (PS3.7 10.1.1). */
export interface NEventReportRequest {
  /** Affected SOP Class UID. */
  readonly sopClassUid: string;
  /** Affected SOP Instance UID. */
  readonly sopInstanceUid: string;
  /** Event Type ID. */
  readonly eventTypeId: number;
  /** Event Information. Default: none. */
  readonly eventInformation?: NDataSet;
}

/**
 * The accepted context to invoke an N-* operation of a SOP class on: one where this side plays
 * `role`, else any one of that SOP class.
 */
function contextFor(
  association: Association,
  sopClassUid: string,
  role: "scu" | "scp",
  options: NRequestOptions,
): AcceptedContext {
  const negotiated = association.negotiated;
  if (options.presentationContextId !== undefined) {
    const given = negotiated.contexts.find((c) => c.id === options.presentationContextId);
    if (given === undefined) {
      throw new NoContextError(sopClassUid, `(context ${options.presentationContextId})`);
    }
    return given;
  }
  const context = findContextFor(negotiated, sopClassUid, { role }) ??
    negotiated.contexts.find((c) => c.abstractSyntax === sopClassUid);
  if (context === undefined) throw new NoContextError(sopClassUid);
  return context;
}

function toBytes(dataSet: NDataSet | undefined, context: AcceptedContext): Uint8Array | undefined {
  if (dataSet === undefined || dataSet instanceof Uint8Array) return dataSet;
  return encodeDataSet(dataSet, context.transferSyntax);
}

function fromBytes(bytes: Uint8Array | undefined, context: AcceptedContext): DataSet | undefined {
  return bytes === undefined || bytes.length === 0
    ? undefined
    : decodeDataSet(bytes, context.transferSyntax);
}

async function invoke<M extends DimseMessage>(
  association: Association,
  message: DimseMessage,
  context: AcceptedContext,
  dataSet: NDataSet | undefined,
  requestedInstance: string | undefined,
): Promise<NResult<M>> {
  const response = await association.requestFinal(message, {
    presentationContextId: context.id,
    dataSet: toBytes(dataSet, context),
  });
  const rsp = response.message as M & { status: number; affectedSopInstanceUid?: string };
  return {
    status: rsp.status,
    message: rsp,
    dataSet: fromBytes(response.dataSet, response.context ?? context),
    sopInstanceUid: rsp.affectedSopInstanceUid ?? requestedInstance,
  };
}

/**
 * Sends an N-GET-RQ and resolves with the status and the Attribute List (PS3.7 10.1.2).
 * @throws {NoContextError} when no presentation context of the SOP class was accepted
 * @example
 * ```ts ignore
 * import { nGet } from "./n_services.ts";
 * const { status, dataSet } = await nGet(association, {
 *   sopClassUid: "1.2.840.10008.5.1.1.16", // Printer
 *   sopInstanceUid: "1.2.840.10008.5.1.1.17",
 *   attributes: [0x21100010], // Printer Status
 * });
 * ```
 */
export async function nGet(
  association: Association,
  request: NGetRequest,
  options: NRequestOptions = {},
): Promise<NResult<NGetRsp>> {
  const context = contextFor(association, request.sopClassUid, "scu", options);
  const message: NGetRq = {
    type: "N-GET-RQ",
    messageId: 0,
    requestedSopClassUid: request.sopClassUid,
    requestedSopInstanceUid: request.sopInstanceUid,
    hasDataSet: false,
    ...(request.attributes ? { attributeIdentifierList: request.attributes } : {}),
  };
  return await invoke(association, message, context, undefined, request.sopInstanceUid);
}

/**
 * Sends an N-SET-RQ with a Modification List and resolves with the status (PS3.7 10.1.3).
 * @throws {NoContextError} when no presentation context of the SOP class was accepted
 * @example
 * ```ts ignore
 * import { DataSet } from "../core/dataset.ts";
 * import { nSet } from "./n_services.ts";
 * const modifications = new DataSet();
 * modifications.set("PerformedProcedureStepStatus", "COMPLETED");
 * const { status } = await nSet(association, {
 *   sopClassUid: "1.2.840.10008.3.1.2.3.3", sopInstanceUid: mppsUid, modifications,
 * });
 * ```
 */
export async function nSet(
  association: Association,
  request: NSetRequest,
  options: NRequestOptions = {},
): Promise<NResult<NSetRsp>> {
  const context = contextFor(association, request.sopClassUid, "scu", options);
  const message: NSetRq = {
    type: "N-SET-RQ",
    messageId: 0,
    requestedSopClassUid: request.sopClassUid,
    requestedSopInstanceUid: request.sopInstanceUid,
    hasDataSet: true,
  };
  return await invoke(association, message, context, request.modifications, request.sopInstanceUid);
}

/**
 * Sends an N-ACTION-RQ and resolves with the status and the Action Reply, if any
 * (PS3.7 10.1.4).
 * @throws {NoContextError} when no presentation context of the SOP class was accepted
 * @example
 * ```ts ignore
 * import { nAction } from "./n_services.ts";
 * // Storage Commitment Push Model: request commitment (action 1), PS3.4 J.3.2
 * const { status } = await nAction(association, {
 *   sopClassUid: "1.2.840.10008.1.20.1",
 *   sopInstanceUid: "1.2.840.10008.1.20.1.1",
 *   actionTypeId: 1,
 *   actionInformation: transaction,
 * });
 * ```
 */
export async function nAction(
  association: Association,
  request: NActionRequest,
  options: NRequestOptions = {},
): Promise<NResult<NActionRsp>> {
  const context = contextFor(association, request.sopClassUid, "scu", options);
  const message: NActionRq = {
    type: "N-ACTION-RQ",
    messageId: 0,
    requestedSopClassUid: request.sopClassUid,
    requestedSopInstanceUid: request.sopInstanceUid,
    actionTypeId: request.actionTypeId,
    hasDataSet: request.actionInformation !== undefined,
  };
  return await invoke(
    association,
    message,
    context,
    request.actionInformation,
    request.sopInstanceUid,
  );
}

/**
 * Sends an N-CREATE-RQ and resolves with the status and the instance created (PS3.7 10.1.5).
 * @throws {NoContextError} when no presentation context of the SOP class was accepted
 * @example
 * ```ts ignore
 * import { nCreate } from "./n_services.ts";
 * const { status, sopInstanceUid } = await nCreate(association, {
 *   sopClassUid: "1.2.840.10008.3.1.2.3.3", // MPPS
 *   attributes: inProgress,
 * });
 * ```
 */
export async function nCreate(
  association: Association,
  request: NCreateRequest,
  options: NRequestOptions = {},
): Promise<NResult<NCreateRsp>> {
  const context = contextFor(association, request.sopClassUid, "scu", options);
  const message: NCreateRq = {
    type: "N-CREATE-RQ",
    messageId: 0,
    affectedSopClassUid: request.sopClassUid,
    hasDataSet: request.attributes !== undefined,
    ...(request.sopInstanceUid ? { affectedSopInstanceUid: request.sopInstanceUid } : {}),
  };
  return await invoke(association, message, context, request.attributes, request.sopInstanceUid);
}

/**
 * Sends an N-DELETE-RQ and resolves with the status (PS3.7 10.1.6).
 * @throws {NoContextError} when no presentation context of the SOP class was accepted
 * @example
 * ```ts ignore
 * import { nDelete } from "./n_services.ts";
 * const { status } = await nDelete(association, {
 *   sopClassUid: "1.2.840.10008.5.1.1.1", sopInstanceUid: filmSessionUid,
 * });
 * ```
 */
export async function nDelete(
  association: Association,
  request: NDeleteRequest,
  options: NRequestOptions = {},
): Promise<NResult<NDeleteRsp>> {
  const context = contextFor(association, request.sopClassUid, "scu", options);
  const message: NDeleteRq = {
    type: "N-DELETE-RQ",
    messageId: 0,
    requestedSopClassUid: request.sopClassUid,
    requestedSopInstanceUid: request.sopInstanceUid,
    hasDataSet: false,
  };
  return await invoke(association, message, context, undefined, request.sopInstanceUid);
}

/**
 * Sends an N-EVENT-REPORT-RQ and resolves with the status and the Event Reply, if any
 * (PS3.7 10.1.1). The SCP of a SOP class invokes it, on the association the SCU opened
 * (acceptor to requestor) or on one it opened itself.
 * @throws {NoContextError} when no presentation context of the SOP class was accepted
 * @example
 * ```ts ignore
 * import { nEventReport } from "./n_services.ts";
 * // Storage Commitment result: all instances committed (event 1), PS3.4 J.3.3
 * const { status } = await nEventReport(association, {
 *   sopClassUid: "1.2.840.10008.1.20.1",
 *   sopInstanceUid: "1.2.840.10008.1.20.1.1",
 *   eventTypeId: 1,
 *   eventInformation: result,
 * });
 * ```
 */
export async function nEventReport(
  association: Association,
  request: NEventReportRequest,
  options: NRequestOptions = {},
): Promise<NResult<NEventReportRsp>> {
  const context = contextFor(association, request.sopClassUid, "scp", options);
  const message: NEventReportRq = {
    type: "N-EVENT-REPORT-RQ",
    messageId: 0,
    affectedSopClassUid: request.sopClassUid,
    affectedSopInstanceUid: request.sopInstanceUid,
    eventTypeId: request.eventTypeId,
    hasDataSet: request.eventInformation !== undefined,
  };
  return await invoke(
    association,
    message,
    context,
    request.eventInformation,
    request.sopInstanceUid,
  );
}

// ---- SCP

/** The N-* request types the SCP dispatcher serves. */
export type NRequestType =
  | "N-EVENT-REPORT-RQ"
  | "N-GET-RQ"
  | "N-SET-RQ"
  | "N-ACTION-RQ"
  | "N-CREATE-RQ"
  | "N-DELETE-RQ";

/** An incoming N-* request, as a handler sees it. */
export interface NIncoming<M extends DimseMessage> {
  /** The request command. */
  readonly message: M;
  /** The SOP class it is about (Affected or Requested SOP Class UID). */
  readonly sopClassUid: string;
  /** The SOP instance it is about; undefined for an N-CREATE-RQ that leaves it to the SCP. */
  readonly sopInstanceUid: string | undefined;
  /** Its data set, decoded (Modification List, Action/Event Information, Attribute List). */
  readonly dataSet: DataSet | undefined;
  /** The association it came on (to send an N-EVENT-REPORT later, for instance). */
  readonly association: Association;
  /** The request as received. */
  readonly received: ReceivedMessage;
}

/** A handler's answer; every field is optional. */
export interface NAnswer {
  /** The status. Default 0x0000 (Success). */
  readonly status?: number;
  /** The response's data set (Attribute List, Action Reply, Event Reply). Default: none. */
  readonly dataSet?: NDataSet;
  /**
   * Affected SOP Instance UID of the response. Default: the request's. An N-CREATE handler
   * whose request named none must give the one it created (PS3.7 10.1.5.1.2).
   */
  readonly sopInstanceUid?: string;
  /** Attribute Identifier List (0000,1005), with an attribute list warning. Default: none. */
  readonly attributeIdentifierList?: readonly Tag[];
  /** Error Comment (0000,0902), at most 64 characters. Default: none. */
  readonly errorComment?: string;
  /** Error ID (0000,0903). Default: none. */
  readonly errorId?: number;
  /** Offending Element (0000,0901). Default: none. */
  readonly offendingElement?: readonly Tag[];
  /**
   * Called once the response has been handed to the transport, e.g. to send the
   * N-EVENT-REPORT of a Storage Commitment after the N-ACTION-RSP (PS3.4 J.3.3). Its failure is
   * reported as an association 'error' event. Default: none.
   */
  readonly afterResponse?: () => void | Promise<void>;
}

/**
 * Answers one kind of N-* request. Return the answer (or nothing for plain Success); throw a
 * {@link StatusError} to fail with a chosen status; any other error fails with 0x0110
 * (Processing failure).
 */
export type NHandler<M extends DimseMessage> = (
  request: NIncoming<M>,
) => NAnswer | void | Promise<NAnswer | void>;

/** The handlers of one SOP class; an operation without one is refused with 0x0211. */
export interface NSopClassHandlers {
  /** N-EVENT-REPORT-RQ (this side is the SCU of the SOP class, told of an event). */
  readonly nEventReport?: NHandler<NEventReportRq>;
  /** N-GET-RQ. */
  readonly nGet?: NHandler<NGetRq>;
  /** N-SET-RQ. */
  readonly nSet?: NHandler<NSetRq>;
  /** N-ACTION-RQ. */
  readonly nAction?: NHandler<NActionRq>;
  /** N-CREATE-RQ. */
  readonly nCreate?: NHandler<NCreateRq>;
  /** N-DELETE-RQ. */
  readonly nDelete?: NHandler<NDeleteRq>;
}

/** Options of {@link handleNRequest} and {@link nServiceScp}. */
export interface NServiceScpOptions {
  /** Handlers by SOP class UID; requests for other SOP classes get 0x0118 (No such SOP Class). */
  readonly sopClasses: Readonly<Record<string, NSopClassHandlers>>;
}

const HANDLER_OF: Readonly<Record<NRequestType, keyof NSopClassHandlers>> = {
  "N-EVENT-REPORT-RQ": "nEventReport",
  "N-GET-RQ": "nGet",
  "N-SET-RQ": "nSet",
  "N-ACTION-RQ": "nAction",
  "N-CREATE-RQ": "nCreate",
  "N-DELETE-RQ": "nDelete",
};

/**
 * True for the N-* request types.
 * @example
 * ```ts
 * import { isNRequest } from "./n_services.ts";
 * isNRequest("N-ACTION-RQ"); // true
 * isNRequest("C-ECHO-RQ"); // false
 * ```
 */
export function isNRequest(type: string): type is NRequestType {
  return Object.hasOwn(HANDLER_OF, type);
}

type NRq = DimseMessageOf<NRequestType>;

function sopClassOf(rq: NRq): string {
  return rq.type === "N-CREATE-RQ" || rq.type === "N-EVENT-REPORT-RQ"
    ? rq.affectedSopClassUid
    : rq.requestedSopClassUid;
}

function sopInstanceOf(rq: NRq): string | undefined {
  return rq.type === "N-CREATE-RQ" || rq.type === "N-EVENT-REPORT-RQ"
    ? rq.affectedSopInstanceUid
    : rq.requestedSopInstanceUid;
}

/** The response to `rq`, with the fields PS3.7 Tables 10.3-2 to 10.3-12 give each type. */
function responseTo(rq: NRq, answer: NAnswer, hasDataSet: boolean): DimseMessage {
  const common = {
    messageIdBeingRespondedTo: rq.messageId,
    status: answer.status ?? 0,
    hasDataSet,
    affectedSopClassUid: sopClassOf(rq),
    ...(answer.sopInstanceUid ?? sopInstanceOf(rq)
      ? { affectedSopInstanceUid: answer.sopInstanceUid ?? sopInstanceOf(rq) }
      : {}),
    ...(answer.errorComment !== undefined
      ? { errorComment: answer.errorComment.slice(0, 64) }
      : {}),
    ...(answer.errorId !== undefined ? { errorId: answer.errorId } : {}),
    ...(answer.offendingElement ? { offendingElement: answer.offendingElement } : {}),
  };
  const attributes = answer.attributeIdentifierList
    ? { attributeIdentifierList: answer.attributeIdentifierList }
    : {};
  switch (rq.type) {
    case "N-EVENT-REPORT-RQ":
      return { type: "N-EVENT-REPORT-RSP", ...common, eventTypeId: rq.eventTypeId };
    case "N-GET-RQ":
      return { type: "N-GET-RSP", ...common, ...attributes };
    case "N-SET-RQ":
      return { type: "N-SET-RSP", ...common, ...attributes };
    case "N-ACTION-RQ":
      return { type: "N-ACTION-RSP", ...common, actionTypeId: rq.actionTypeId };
    case "N-CREATE-RQ":
      return { type: "N-CREATE-RSP", ...common, ...attributes };
    case "N-DELETE-RQ":
      return { type: "N-DELETE-RSP", ...common };
  }
}

async function answerOf(
  rq: NRq,
  received: ReceivedMessage,
  association: Association,
  options: NServiceScpOptions,
): Promise<NAnswer> {
  const sopClassUid = sopClassOf(rq);
  const handlers = Object.hasOwn(options.sopClasses, sopClassUid)
    ? options.sopClasses[sopClassUid]
    : undefined;
  if (handlers === undefined) {
    return { status: 0x0118, errorComment: `No such SOP Class: ${sopClassUid}` };
  }
  const handler = handlers[HANDLER_OF[rq.type]] as NHandler<NRq> | undefined;
  if (handler === undefined) {
    // PS3.7 C.5.x: Unrecognized operation, not one agreed for this SOP class.
    return { status: 0x0211, errorComment: `${rq.type} is not served for ${sopClassUid}` };
  }
  let dataSet: DataSet | undefined;
  try {
    dataSet = received.context ? fromBytes(received.dataSet, received.context) : undefined;
  } catch (error) {
    return { status: 0x0110, errorComment: `Cannot decode the data set: ${messageOf(error)}` };
  }
  try {
    const answer = await handler({
      message: rq,
      sopClassUid,
      sopInstanceUid: sopInstanceOf(rq),
      dataSet,
      association,
      received,
    });
    return answer ?? {};
  } catch (error) {
    if (error instanceof StatusError) return { status: error.status, errorComment: error.message };
    return { status: 0x0110, errorComment: messageOf(error) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Serves one N-* request: finds the handler of its SOP class and operation, sends the response
 * (0x0118 for an unknown SOP class, 0x0211 for an operation without a handler, 0x0110 when the
 * handler fails or the data set cannot be decoded), then runs the answer's `afterResponse`.
 * Resolves to false, sending nothing, when the request is not an N-* request, so that handlers
 * chain.
 * @example
 * ```ts ignore
 * import { handleNRequest } from "./n_services.ts";
 * const served = await handleNRequest(received, association, {
 *   sopClasses: { "1.2.840.10008.3.1.2.3.3": { nCreate: () => ({ status: 0 }) } },
 * });
 * ```
 */
export async function handleNRequest(
  received: ReceivedMessage,
  association: Association,
  options: NServiceScpOptions,
): Promise<boolean> {
  const rq = received.message;
  if (!isNRequest(rq.type)) return false;
  const request = rq as NRq;
  const answer = await answerOf(request, received, association, options);
  let bytes: Uint8Array | undefined;
  try {
    bytes = answer.dataSet !== undefined && received.context
      ? toBytes(answer.dataSet, received.context)
      : undefined;
  } catch (error) {
    await association.send(
      responseTo(request, {
        status: 0x0110,
        errorComment: `Cannot encode the reply: ${messageOf(error)}`,
      }, false),
      { presentationContextId: received.presentationContextId },
    );
    return true;
  }
  await association.send(responseTo(request, answer, bytes !== undefined), {
    presentationContextId: received.presentationContextId,
    dataSet: bytes,
  });
  await answer.afterResponse?.();
  return true;
}

/**
 * A request handler serving N-* requests with {@link handleNRequest}; other requests are left
 * alone (compose it with other services' handlers).
 * @example
 * ```ts
 * import { listenAssociations } from "../net/association/accept_association.ts";
 * import { nServiceScp } from "./n_services.ts";
 * const MPPS = "1.2.840.10008.3.1.2.3.3";
 * const server = await listenAssociations({
 *   aeTitle: "MPPSSCP",
 *   supported: [{ abstractSyntax: MPPS, transferSyntaxes: ["1.2.840.10008.1.2"] }],
 *   onRequest: nServiceScp({
 *     sopClasses: {
 *       [MPPS]: {
 *         nCreate: ({ sopInstanceUid }) => ({ sopInstanceUid: sopInstanceUid ?? "1.2.3.4" }),
 *         nSet: () => ({ status: 0 }),
 *       },
 *     },
 *   }),
 * });
 * await server.close();
 * ```
 */
export function nServiceScp(options: NServiceScpOptions): RequestHandler {
  return async (received, association) => {
    await handleNRequest(received, association, options);
  };
}
