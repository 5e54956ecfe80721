/**
 * Typed DIMSE messages (PS3.7 9.3 DIMSE-C, 10.3 DIMSE-N) and their command sets: a discriminated
 * union `DimseMessage` with fields named after the command elements, and conversions to and from
 * the group 0000 data set. The fields each message carries are a table (`MESSAGE_FIELDS`).
 * @module
 */
import { DataSet } from "../../core/dataset.ts";
import { DataElement } from "../../core/element.ts";
import type { Tag } from "../../core/tag.ts";
import { COMMAND_FIELD, type DimseMessageType, messageTypeOf } from "./command_field.ts";
import { DATA_SET_TYPE_NONE, DATA_SET_TYPE_PRESENT } from "./command_set.ts";
import { DimseCommandError } from "./errors.ts";

/** Fields every message has. */
export interface DimseMessageBase {
  /** True when a data set follows the command: Command Data Set Type (0000,0800) is not 0x0101. */
  hasDataSet: boolean;
  /**
   * The Command Data Set Type value to write instead of the default (0x0001 with a data set,
   * 0x0101 without), e.g. to send a deliberately wrong one. `fromCommandSet` sets it only when
   * the peer sent a value other than those two, so that it is written back unchanged.
   */
  commandDataSetType?: number;
  /**
   * Elements of the command set that are not fields of this message type (retired elements,
   * fields of other messages, other groups): kept as read so that a command set round trips.
   * `toCommandSet` writes them after the fields; one with the tag of a field replaces it.
   */
  extraElements?: readonly DataElement[];
}

/** Fields every response has (PS3.7 9.3, 10.3 and the status-related fields of Annex C). */
export interface DimseResponseBase extends DimseMessageBase {
  /** (0000,0120) the Message ID of the request answered. */
  messageIdBeingRespondedTo: number;
  /** (0000,0900) the status (see `statusCategory`, `statusName`). */
  status: number;
  /** (0000,0901) elements in which an error was detected (PS3.7 C.5). */
  offendingElement?: readonly Tag[];
  /** (0000,0902) an application-specific description of the error (PS3.7 C.5). */
  errorComment?: string;
  /** (0000,0903) an application-specific error code (PS3.7 C.5). */
  errorId?: number;
}

/**
 * C-STORE-RQ (PS3.7 9.3.1.1, Table 9.3-1).
 * @example
 * ```ts
 * import type { CStoreRq } from "./messages.ts";
 * const rq: CStoreRq = {
 *   type: "C-STORE-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.5.1.4.1.1.2",
 *   affectedSopInstanceUid: "1.2.3", priority: 0, hasDataSet: true,
 * };
 * ```
 */
export interface CStoreRq extends DimseMessageBase {
  /** The message type. */
  type: "C-STORE-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid: string;
  /** (0000,1000) Affected SOP Instance UID. */
  affectedSopInstanceUid: string;
  /** (0000,0700) Priority: 0 medium, 1 high, 2 low (`DIMSE_PRIORITY`). */
  priority: number;
  /** (0000,1030) Move Originator Application Entity Title, in a C-MOVE sub-operation. */
  moveOriginatorAeTitle?: string;
  /** (0000,1031) Move Originator Message ID, in a C-MOVE sub-operation. */
  moveOriginatorMessageId?: number;
}

/**
 * C-STORE-RSP (PS3.7 9.3.1.2, Table 9.3-2).
 * @example
 * ```ts
 * import type { CStoreRsp } from "./messages.ts";
 * const rsp: CStoreRsp = { type: "C-STORE-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: false };
 * ```
 */
export interface CStoreRsp extends DimseResponseBase {
  /** The message type. */
  type: "C-STORE-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
  /** (0000,1000) Affected SOP Instance UID. */
  affectedSopInstanceUid?: string;
}

/**
 * C-FIND-RQ (PS3.7 9.3.2.1, Table 9.3-3); the identifier is the data set.
 * @example
 * ```ts
 * import type { CFindRq } from "./messages.ts";
 * const rq: CFindRq = {
 *   type: "C-FIND-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.5.1.4.1.2.2.1",
 *   priority: 0, hasDataSet: true,
 * };
 * ```
 */
export interface CFindRq extends DimseMessageBase {
  /** The message type. */
  type: "C-FIND-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid: string;
  /** (0000,0700) Priority. */
  priority: number;
}

/**
 * C-FIND-RSP (PS3.7 9.3.2.2, Table 9.3-4); a pending response carries the match as data set.
 * @example
 * ```ts
 * import type { CFindRsp } from "./messages.ts";
 * const rsp: CFindRsp = {
 *   type: "C-FIND-RSP", messageIdBeingRespondedTo: 1, status: 0xff00, hasDataSet: true,
 * };
 * ```
 */
export interface CFindRsp extends DimseResponseBase {
  /** The message type. */
  type: "C-FIND-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
}

/**
 * C-GET-RQ (PS3.7 9.3.3.1, Table 9.3-6).
 * @example
 * ```ts
 * import type { CGetRq } from "./messages.ts";
 * const rq: CGetRq = {
 *   type: "C-GET-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.5.1.4.1.2.2.3",
 *   priority: 0, hasDataSet: true,
 * };
 * ```
 */
export interface CGetRq extends DimseMessageBase {
  /** The message type. */
  type: "C-GET-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid: string;
  /** (0000,0700) Priority. */
  priority: number;
}

/** Sub-operation counts of C-GET-RSP and C-MOVE-RSP (PS3.7 9.3.3.2, 9.3.4.2). */
export interface SuboperationCounts {
  /** (0000,1020) Number of Remaining Sub-operations. */
  numberOfRemainingSuboperations?: number;
  /** (0000,1021) Number of Completed Sub-operations. */
  numberOfCompletedSuboperations?: number;
  /** (0000,1022) Number of Failed Sub-operations. */
  numberOfFailedSuboperations?: number;
  /** (0000,1023) Number of Warning Sub-operations. */
  numberOfWarningSuboperations?: number;
}

/**
 * C-GET-RSP (PS3.7 9.3.3.2, Table 9.3-7).
 * @example
 * ```ts
 * import type { CGetRsp } from "./messages.ts";
 * const rsp: CGetRsp = {
 *   type: "C-GET-RSP", messageIdBeingRespondedTo: 1, status: 0xff00, hasDataSet: false,
 *   numberOfRemainingSuboperations: 3, numberOfCompletedSuboperations: 1,
 * };
 * ```
 */
export interface CGetRsp extends DimseResponseBase, SuboperationCounts {
  /** The message type. */
  type: "C-GET-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
}

/**
 * C-MOVE-RQ (PS3.7 9.3.4.1, Table 9.3-9).
 * @example
 * ```ts
 * import type { CMoveRq } from "./messages.ts";
 * const rq: CMoveRq = {
 *   type: "C-MOVE-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.5.1.4.1.2.2.2",
 *   priority: 0, moveDestination: "STORESCP", hasDataSet: true,
 * };
 * ```
 */
export interface CMoveRq extends DimseMessageBase {
  /** The message type. */
  type: "C-MOVE-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid: string;
  /** (0000,0700) Priority. */
  priority: number;
  /** (0000,0600) Move Destination: the AE title the instances go to. */
  moveDestination: string;
}

/**
 * C-MOVE-RSP (PS3.7 9.3.4.2, Table 9.3-10).
 * @example
 * ```ts
 * import type { CMoveRsp } from "./messages.ts";
 * const rsp: CMoveRsp = {
 *   type: "C-MOVE-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: false,
 *   numberOfCompletedSuboperations: 4, numberOfFailedSuboperations: 0,
 * };
 * ```
 */
export interface CMoveRsp extends DimseResponseBase, SuboperationCounts {
  /** The message type. */
  type: "C-MOVE-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
}

/**
 * C-ECHO-RQ (PS3.7 9.3.5.1, Table 9.3-12).
 * @example
 * ```ts
 * import type { CEchoRq } from "./messages.ts";
 * const rq: CEchoRq = {
 *   type: "C-ECHO-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.1.1", hasDataSet: false,
 * };
 * ```
 */
export interface CEchoRq extends DimseMessageBase {
  /** The message type. */
  type: "C-ECHO-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid: string;
}

/**
 * C-ECHO-RSP (PS3.7 9.3.5.2, Table 9.3-13).
 * @example
 * ```ts
 * import type { CEchoRsp } from "./messages.ts";
 * const rsp: CEchoRsp = { type: "C-ECHO-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: false };
 * ```
 */
export interface CEchoRsp extends DimseResponseBase {
  /** The message type. */
  type: "C-ECHO-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
}

/**
 * C-CANCEL-RQ (PS3.7 9.3.2.3, 9.3.3.3, 9.3.4.3; Tables 9.3-5, 9.3-8, 9.3-11): cancels the C-FIND, C-GET or C-MOVE it names.
 * @example
 * ```ts
 * import type { CCancelRq } from "./messages.ts";
 * const rq: CCancelRq = { type: "C-CANCEL-RQ", messageIdBeingRespondedTo: 7, hasDataSet: false };
 * ```
 */
export interface CCancelRq extends DimseMessageBase {
  /** The message type. */
  type: "C-CANCEL-RQ";
  /** (0000,0120) the Message ID of the operation to cancel. */
  messageIdBeingRespondedTo: number;
}

/**
 * N-EVENT-REPORT-RQ (PS3.7 10.3.1.1, Table 10.3-1); the event information is the data set.
 * @example
 * ```ts
 * import type { NEventReportRq } from "./messages.ts";
 * const rq: NEventReportRq = {
 *   type: "N-EVENT-REPORT-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.1.20.1",
 *   affectedSopInstanceUid: "1.2.840.10008.1.20.1.1", eventTypeId: 1, hasDataSet: true,
 * };
 * ```
 */
export interface NEventReportRq extends DimseMessageBase {
  /** The message type. */
  type: "N-EVENT-REPORT-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid: string;
  /** (0000,1000) Affected SOP Instance UID. */
  affectedSopInstanceUid: string;
  /** (0000,1002) Event Type ID. */
  eventTypeId: number;
}

/**
 * N-EVENT-REPORT-RSP (PS3.7 10.3.1.2, Table 10.3-2).
 * @example
 * ```ts
 * import type { NEventReportRsp } from "./messages.ts";
 * const rsp: NEventReportRsp = {
 *   type: "N-EVENT-REPORT-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: false,
 * };
 * ```
 */
export interface NEventReportRsp extends DimseResponseBase {
  /** The message type. */
  type: "N-EVENT-REPORT-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
  /** (0000,1000) Affected SOP Instance UID. */
  affectedSopInstanceUid?: string;
  /** (0000,1002) Event Type ID. */
  eventTypeId?: number;
}

/**
 * N-GET-RQ (PS3.7 10.3.2.1, Table 10.3-3).
 * @example
 * ```ts
 * import type { NGetRq } from "./messages.ts";
 * const rq: NGetRq = {
 *   type: "N-GET-RQ", messageId: 1, requestedSopClassUid: "1.2.840.10008.5.1.1.16",
 *   requestedSopInstanceUid: "1.2.840.10008.5.1.1.17", hasDataSet: false,
 *   attributeIdentifierList: [0x21100010],
 * };
 * ```
 */
export interface NGetRq extends DimseMessageBase {
  /** The message type. */
  type: "N-GET-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0003) Requested SOP Class UID. */
  requestedSopClassUid: string;
  /** (0000,1001) Requested SOP Instance UID. */
  requestedSopInstanceUid: string;
  /** (0000,1005) Attribute Identifier List: the attributes wanted (all when absent). */
  attributeIdentifierList?: readonly Tag[];
}

/**
 * N-GET-RSP (PS3.7 10.3.2.2, Table 10.3-4); the attribute list is the data set.
 * @example
 * ```ts
 * import type { NGetRsp } from "./messages.ts";
 * const rsp: NGetRsp = { type: "N-GET-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: true };
 * ```
 */
export interface NGetRsp extends DimseResponseBase {
  /** The message type. */
  type: "N-GET-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
  /** (0000,1000) Affected SOP Instance UID. */
  affectedSopInstanceUid?: string;
  /** (0000,1005) Attribute Identifier List, with an attribute list warning (PS3.7 C.4.2). */
  attributeIdentifierList?: readonly Tag[];
}

/**
 * N-SET-RQ (PS3.7 10.3.3.1, Table 10.3-5); the modification list is the data set.
 * @example
 * ```ts
 * import type { NSetRq } from "./messages.ts";
 * const rq: NSetRq = {
 *   type: "N-SET-RQ", messageId: 1, requestedSopClassUid: "1.2.840.10008.3.1.2.3.3",
 *   requestedSopInstanceUid: "1.2.3", hasDataSet: true,
 * };
 * ```
 */
export interface NSetRq extends DimseMessageBase {
  /** The message type. */
  type: "N-SET-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0003) Requested SOP Class UID. */
  requestedSopClassUid: string;
  /** (0000,1001) Requested SOP Instance UID. */
  requestedSopInstanceUid: string;
}

/**
 * N-SET-RSP (PS3.7 10.3.3.2, Table 10.3-6).
 * @example
 * ```ts
 * import type { NSetRsp } from "./messages.ts";
 * const rsp: NSetRsp = { type: "N-SET-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: false };
 * ```
 */
export interface NSetRsp extends DimseResponseBase {
  /** The message type. */
  type: "N-SET-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
  /** (0000,1000) Affected SOP Instance UID. */
  affectedSopInstanceUid?: string;
  /** (0000,1005) Attribute Identifier List, with an attribute list warning (PS3.7 C.4.2). */
  attributeIdentifierList?: readonly Tag[];
}

/**
 * N-ACTION-RQ (PS3.7 10.3.4.1, Table 10.3-7); the action information is the data set.
 * @example
 * ```ts
 * import type { NActionRq } from "./messages.ts";
 * const rq: NActionRq = {
 *   type: "N-ACTION-RQ", messageId: 1, requestedSopClassUid: "1.2.840.10008.1.20.1",
 *   requestedSopInstanceUid: "1.2.840.10008.1.20.1.1", actionTypeId: 1, hasDataSet: true,
 * };
 * ```
 */
export interface NActionRq extends DimseMessageBase {
  /** The message type. */
  type: "N-ACTION-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0003) Requested SOP Class UID. */
  requestedSopClassUid: string;
  /** (0000,1001) Requested SOP Instance UID. */
  requestedSopInstanceUid: string;
  /** (0000,1008) Action Type ID. */
  actionTypeId: number;
}

/**
 * N-ACTION-RSP (PS3.7 10.3.4.2, Table 10.3-8).
 * @example
 * ```ts
 * import type { NActionRsp } from "./messages.ts";
 * const rsp: NActionRsp = {
 *   type: "N-ACTION-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: false,
 * };
 * ```
 */
export interface NActionRsp extends DimseResponseBase {
  /** The message type. */
  type: "N-ACTION-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
  /** (0000,1000) Affected SOP Instance UID. */
  affectedSopInstanceUid?: string;
  /** (0000,1008) Action Type ID. */
  actionTypeId?: number;
}

/**
 * N-CREATE-RQ (PS3.7 10.3.5.1, Table 10.3-9); the attribute list is the data set.
 * @example
 * ```ts
 * import type { NCreateRq } from "./messages.ts";
 * const rq: NCreateRq = {
 *   type: "N-CREATE-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.3.1.2.3.3",
 *   hasDataSet: true,
 * };
 * ```
 */
export interface NCreateRq extends DimseMessageBase {
  /** The message type. */
  type: "N-CREATE-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid: string;
  /** (0000,1000) Affected SOP Instance UID; when absent the SCP assigns one. */
  affectedSopInstanceUid?: string;
}

/**
 * N-CREATE-RSP (PS3.7 10.3.5.2, Table 10.3-10).
 * @example
 * ```ts
 * import type { NCreateRsp } from "./messages.ts";
 * const rsp: NCreateRsp = {
 *   type: "N-CREATE-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: false,
 *   affectedSopInstanceUid: "1.2.3.4",
 * };
 * ```
 */
export interface NCreateRsp extends DimseResponseBase {
  /** The message type. */
  type: "N-CREATE-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
  /** (0000,1000) Affected SOP Instance UID; required when the request had none. */
  affectedSopInstanceUid?: string;
  /** (0000,1005) Attribute Identifier List, with an attribute list warning (PS3.7 C.4.2). */
  attributeIdentifierList?: readonly Tag[];
}

/**
 * N-DELETE-RQ (PS3.7 10.3.6.1, Table 10.3-11).
 * @example
 * ```ts
 * import type { NDeleteRq } from "./messages.ts";
 * const rq: NDeleteRq = {
 *   type: "N-DELETE-RQ", messageId: 1, requestedSopClassUid: "1.2.840.10008.5.1.1.1",
 *   requestedSopInstanceUid: "1.2.3", hasDataSet: false,
 * };
 * ```
 */
export interface NDeleteRq extends DimseMessageBase {
  /** The message type. */
  type: "N-DELETE-RQ";
  /** (0000,0110) Message ID. */
  messageId: number;
  /** (0000,0003) Requested SOP Class UID. */
  requestedSopClassUid: string;
  /** (0000,1001) Requested SOP Instance UID. */
  requestedSopInstanceUid: string;
}

/**
 * N-DELETE-RSP (PS3.7 10.3.6.2, Table 10.3-12).
 * @example
 * ```ts
 * import type { NDeleteRsp } from "./messages.ts";
 * const rsp: NDeleteRsp = {
 *   type: "N-DELETE-RSP", messageIdBeingRespondedTo: 1, status: 0, hasDataSet: false,
 * };
 * ```
 */
export interface NDeleteRsp extends DimseResponseBase {
  /** The message type. */
  type: "N-DELETE-RSP";
  /** (0000,0002) Affected SOP Class UID. */
  affectedSopClassUid?: string;
  /** (0000,1000) Affected SOP Instance UID. */
  affectedSopInstanceUid?: string;
}

/**
 * Any DIMSE message, discriminated by `type`.
 * @example
 * ```ts
 * import type { DimseMessage } from "./messages.ts";
 * function describe(msg: DimseMessage): string {
 *   return msg.type === "C-STORE-RQ" ? msg.affectedSopInstanceUid : msg.type;
 * }
 * ```
 */
export type DimseMessage =
  | CStoreRq
  | CStoreRsp
  | CFindRq
  | CFindRsp
  | CGetRq
  | CGetRsp
  | CMoveRq
  | CMoveRsp
  | CEchoRq
  | CEchoRsp
  | CCancelRq
  | NEventReportRq
  | NEventReportRsp
  | NGetRq
  | NGetRsp
  | NSetRq
  | NSetRsp
  | NActionRq
  | NActionRsp
  | NCreateRq
  | NCreateRsp
  | NDeleteRq
  | NDeleteRsp;

/**
 * The message of one type.
 * @example
 * ```ts
 * import type { DimseMessageOf } from "./messages.ts";
 * type Echo = DimseMessageOf<"C-ECHO-RQ">; // CEchoRq
 * ```
 */
export type DimseMessageOf<T extends DimseMessageType> = Extract<DimseMessage, { type: T }>;

/**
 * Any response message (they all carry `status`).
 * @example
 * ```ts
 * import type { DimseResponse } from "./messages.ts";
 * const ok = (rsp: DimseResponse): boolean => rsp.status === 0;
 * ```
 */
export type DimseResponse = Extract<DimseMessage, { status: number }>;

/**
 * Priority (0000,0700) values (PS3.7 Table E.1-1: LOW 0002H, MEDIUM 0000H, HIGH 0001H).
 * @example
 * ```ts
 * import { DIMSE_PRIORITY } from "./messages.ts";
 * DIMSE_PRIORITY.HIGH; // 1
 * ```
 */
export const DIMSE_PRIORITY = { MEDIUM: 0x0000, HIGH: 0x0001, LOW: 0x0002 } as const;

/** The name of a command field of a message (not `type`, `hasDataSet` or the extras). */
export type DimseFieldName =
  | "messageId"
  | "messageIdBeingRespondedTo"
  | "affectedSopClassUid"
  | "requestedSopClassUid"
  | "affectedSopInstanceUid"
  | "requestedSopInstanceUid"
  | "priority"
  | "moveDestination"
  | "moveOriginatorAeTitle"
  | "moveOriginatorMessageId"
  | "status"
  | "offendingElement"
  | "errorComment"
  | "errorId"
  | "numberOfRemainingSuboperations"
  | "numberOfCompletedSuboperations"
  | "numberOfFailedSuboperations"
  | "numberOfWarningSuboperations"
  | "eventTypeId"
  | "actionTypeId"
  | "attributeIdentifierList";

/** How a field is encoded: its command element and VR (PS3.7 Table E.1-1). */
export interface DimseFieldSpec {
  /** The group 0000 tag. */
  readonly tag: Tag;
  /** UI/AE/LO text, US number, AT tag list. */
  readonly vr: "UI" | "AE" | "LO" | "US" | "AT";
}

/**
 * The command element of every message field (PS3.7 Table E.1-1).
 * @example
 * ```ts
 * import { DIMSE_FIELDS } from "./messages.ts";
 * DIMSE_FIELDS.messageId.tag; // 0x00000110
 * ```
 */
export const DIMSE_FIELDS: Readonly<Record<DimseFieldName, DimseFieldSpec>> = {
  affectedSopClassUid: { tag: 0x00000002, vr: "UI" },
  requestedSopClassUid: { tag: 0x00000003, vr: "UI" },
  messageId: { tag: 0x00000110, vr: "US" },
  messageIdBeingRespondedTo: { tag: 0x00000120, vr: "US" },
  moveDestination: { tag: 0x00000600, vr: "AE" },
  priority: { tag: 0x00000700, vr: "US" },
  status: { tag: 0x00000900, vr: "US" },
  offendingElement: { tag: 0x00000901, vr: "AT" },
  errorComment: { tag: 0x00000902, vr: "LO" },
  errorId: { tag: 0x00000903, vr: "US" },
  affectedSopInstanceUid: { tag: 0x00001000, vr: "UI" },
  requestedSopInstanceUid: { tag: 0x00001001, vr: "UI" },
  eventTypeId: { tag: 0x00001002, vr: "US" },
  attributeIdentifierList: { tag: 0x00001005, vr: "AT" },
  actionTypeId: { tag: 0x00001008, vr: "US" },
  numberOfRemainingSuboperations: { tag: 0x00001020, vr: "US" },
  numberOfCompletedSuboperations: { tag: 0x00001021, vr: "US" },
  numberOfFailedSuboperations: { tag: 0x00001022, vr: "US" },
  numberOfWarningSuboperations: { tag: 0x00001023, vr: "US" },
  moveOriginatorAeTitle: { tag: 0x00001030, vr: "AE" },
  moveOriginatorMessageId: { tag: 0x00001031, vr: "US" },
};

/** The fields of one message type: mandatory (M) and the others (U, C). */
export interface DimseMessageFields {
  /** Fields the standard marks M (besides Command Field and Command Data Set Type). */
  readonly required: readonly DimseFieldName[];
  /** Fields marked U or C, and the status-related fields of PS3.7 Annex C. */
  readonly optional: readonly DimseFieldName[];
}

/** Mandatory fields of every response. */
const RSP = ["messageIdBeingRespondedTo", "status"] as const;
/** Status-related fields every response may carry (PS3.7 C.5). */
const RSP_ERROR = ["offendingElement", "errorComment", "errorId"] as const;
const SUBOPERATIONS = [
  "numberOfRemainingSuboperations",
  "numberOfCompletedSuboperations",
  "numberOfFailedSuboperations",
  "numberOfWarningSuboperations",
] as const;

/**
 * The fields of every message type, transcribed from the tables of PS3.7 9.3 and 10.3 (plus the
 * status-related fields of Annex C on responses).
 * @example
 * ```ts
 * import { MESSAGE_FIELDS } from "./messages.ts";
 * MESSAGE_FIELDS["C-MOVE-RQ"].required.includes("moveDestination"); // true
 * ```
 */
export const MESSAGE_FIELDS: Readonly<Record<DimseMessageType, DimseMessageFields>> = {
  // PS3.7 Table 9.3-1
  "C-STORE-RQ": {
    required: ["messageId", "affectedSopClassUid", "affectedSopInstanceUid", "priority"],
    optional: ["moveOriginatorAeTitle", "moveOriginatorMessageId"],
  },
  // PS3.7 Table 9.3-2
  "C-STORE-RSP": {
    required: RSP,
    optional: ["affectedSopClassUid", "affectedSopInstanceUid", ...RSP_ERROR],
  },
  // PS3.7 Table 9.3-3
  "C-FIND-RQ": { required: ["messageId", "affectedSopClassUid", "priority"], optional: [] },
  // PS3.7 Table 9.3-4
  "C-FIND-RSP": { required: RSP, optional: ["affectedSopClassUid", ...RSP_ERROR] },
  // PS3.7 Table 9.3-6
  "C-GET-RQ": { required: ["messageId", "affectedSopClassUid", "priority"], optional: [] },
  // PS3.7 Table 9.3-7
  "C-GET-RSP": {
    required: RSP,
    optional: ["affectedSopClassUid", ...SUBOPERATIONS, ...RSP_ERROR],
  },
  // PS3.7 Table 9.3-9
  "C-MOVE-RQ": {
    required: ["messageId", "affectedSopClassUid", "priority", "moveDestination"],
    optional: [],
  },
  // PS3.7 Table 9.3-10
  "C-MOVE-RSP": {
    required: RSP,
    optional: ["affectedSopClassUid", ...SUBOPERATIONS, ...RSP_ERROR],
  },
  // PS3.7 Table 9.3-12
  "C-ECHO-RQ": { required: ["messageId", "affectedSopClassUid"], optional: [] },
  // PS3.7 Table 9.3-13
  "C-ECHO-RSP": { required: RSP, optional: ["affectedSopClassUid", ...RSP_ERROR] },
  // PS3.7 Tables 9.3-5, 9.3-8, 9.3-11 (C-CANCEL for C-FIND, C-GET, C-MOVE)
  "C-CANCEL-RQ": { required: ["messageIdBeingRespondedTo"], optional: [] },
  // PS3.7 Table 10.3-1
  "N-EVENT-REPORT-RQ": {
    required: ["messageId", "affectedSopClassUid", "affectedSopInstanceUid", "eventTypeId"],
    optional: [],
  },
  // PS3.7 Table 10.3-2
  "N-EVENT-REPORT-RSP": {
    required: RSP,
    optional: ["affectedSopClassUid", "affectedSopInstanceUid", "eventTypeId", ...RSP_ERROR],
  },
  // PS3.7 Table 10.3-3
  "N-GET-RQ": {
    required: ["messageId", "requestedSopClassUid", "requestedSopInstanceUid"],
    optional: ["attributeIdentifierList"],
  },
  // PS3.7 Table 10.3-4
  "N-GET-RSP": {
    required: RSP,
    optional: [
      "affectedSopClassUid",
      "affectedSopInstanceUid",
      "attributeIdentifierList",
      ...RSP_ERROR,
    ],
  },
  // PS3.7 Table 10.3-5
  "N-SET-RQ": {
    required: ["messageId", "requestedSopClassUid", "requestedSopInstanceUid"],
    optional: [],
  },
  // PS3.7 Table 10.3-6
  "N-SET-RSP": {
    required: RSP,
    optional: [
      "affectedSopClassUid",
      "affectedSopInstanceUid",
      "attributeIdentifierList",
      ...RSP_ERROR,
    ],
  },
  // PS3.7 Table 10.3-7
  "N-ACTION-RQ": {
    required: ["messageId", "requestedSopClassUid", "requestedSopInstanceUid", "actionTypeId"],
    optional: [],
  },
  // PS3.7 Table 10.3-8
  "N-ACTION-RSP": {
    required: RSP,
    optional: ["affectedSopClassUid", "affectedSopInstanceUid", "actionTypeId", ...RSP_ERROR],
  },
  // PS3.7 Table 10.3-9
  "N-CREATE-RQ": {
    required: ["messageId", "affectedSopClassUid"],
    optional: ["affectedSopInstanceUid"],
  },
  // PS3.7 Table 10.3-10
  "N-CREATE-RSP": {
    required: RSP,
    optional: [
      "affectedSopClassUid",
      "affectedSopInstanceUid",
      "attributeIdentifierList",
      ...RSP_ERROR,
    ],
  },
  // PS3.7 Table 10.3-11
  "N-DELETE-RQ": {
    required: ["messageId", "requestedSopClassUid", "requestedSopInstanceUid"],
    optional: [],
  },
  // PS3.7 Table 10.3-12
  "N-DELETE-RSP": {
    required: RSP,
    optional: ["affectedSopClassUid", "affectedSopInstanceUid", ...RSP_ERROR],
  },
};

const COMMAND_GROUP_LENGTH: Tag = 0x00000000;
const COMMAND_FIELD_TAG: Tag = 0x00000100;
const COMMAND_DATA_SET_TYPE_TAG: Tag = 0x00000800;

type FieldValue = string | number | readonly Tag[];

/**
 * The command set of a message: (0000,0000) (recomputed when encoded), Command Field, the fields
 * of its type that are set, Command Data Set Type, then the extra elements.
 * @example
 * ```ts
 * import { encodeCommand } from "./command_set.ts";
 * import { toCommandSet } from "./messages.ts";
 * const ds = toCommandSet({
 *   type: "C-ECHO-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.1.1", hasDataSet: false,
 * });
 * encodeCommand(ds).length; // 68
 * ```
 */
export function toCommandSet(message: DimseMessage): DataSet {
  const type = message.type;
  const commandField = COMMAND_FIELD[type];
  if (commandField === undefined) {
    throw new DimseCommandError(`Cannot encode message: unknown type ${JSON.stringify(type)}`);
  }
  const fields = MESSAGE_FIELDS[type];
  const values = message as unknown as Record<string, FieldValue | undefined>;
  const ds = new DataSet();
  ds.add(DataElement.fromNumbers(COMMAND_GROUP_LENGTH, "UL", [0]));
  ds.add(DataElement.fromNumbers(COMMAND_FIELD_TAG, "US", [commandField]));
  for (const name of fields.required) {
    const value = values[name];
    if (value === undefined) {
      throw new DimseCommandError(`Cannot encode ${type}: ${name} is missing`, {
        commandField,
        tag: DIMSE_FIELDS[name].tag,
      });
    }
    ds.add(fieldElement(type, name, value));
  }
  for (const name of fields.optional) {
    const value = values[name];
    if (value !== undefined) ds.add(fieldElement(type, name, value));
  }
  const dataSetType = message.commandDataSetType ??
    (message.hasDataSet ? DATA_SET_TYPE_PRESENT : DATA_SET_TYPE_NONE);
  checkUint16(type, "commandDataSetType", dataSetType);
  ds.add(DataElement.fromNumbers(COMMAND_DATA_SET_TYPE_TAG, "US", [dataSetType]));
  for (const e of message.extraElements ?? []) ds.add(e);
  return ds;
}

function fieldElement(type: string, name: DimseFieldName, value: FieldValue): DataElement {
  const { tag, vr } = DIMSE_FIELDS[name];
  if (vr === "US") {
    checkUint16(type, name, value);
    return DataElement.fromNumbers(tag, vr, [value as number]);
  }
  if (vr === "AT") {
    if (!Array.isArray(value) || !value.every((t) => isUint(t, 0xffffffff))) {
      throw new RangeError(`Cannot encode ${type}: ${name} must be a list of tags`);
    }
    return DataElement.fromNumbers(tag, vr, [...value]);
  }
  if (typeof value !== "string") {
    throw new TypeError(`Cannot encode ${type}: ${name} must be a string`);
  }
  return DataElement.fromStrings(tag, vr, [value]);
}

function isUint(value: unknown, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max;
}

function checkUint16(type: string, name: string, value: unknown): void {
  if (!isUint(value, 0xffff)) {
    throw new RangeError(
      `Cannot encode ${type}: ${name} ${String(value)} is not a 16-bit unsigned integer`,
    );
  }
}

/**
 * The typed message of a command set. Throws `DimseCommandError` when the Command Field is
 * missing or unknown, a mandatory field is missing, or a field's value does not fit its VR; the
 * error carries the Command Field and Message ID when they could be read.
 * @example
 * ```ts
 * import { decodeCommand } from "./command_set.ts";
 * import { fromCommandSet } from "./messages.ts";
 * const bytes = new Uint8Array([
 *   0, 0, 0, 1, 2, 0, 0, 0, 0x30, 0x80, // (0000,0100) C-ECHO-RSP
 *   0, 0, 0x20, 1, 2, 0, 0, 0, 1, 0, // (0000,0120) 1
 *   0, 0, 0, 8, 2, 0, 0, 0, 1, 1, // (0000,0800) no data set
 *   0, 0, 0, 9, 2, 0, 0, 0, 0, 0, // (0000,0900) success
 * ]);
 * fromCommandSet(decodeCommand(bytes)).type; // "C-ECHO-RSP"
 * ```
 */
export function fromCommandSet(dataSet: DataSet): DimseMessage {
  const commandFieldElement = dataSet.get(COMMAND_FIELD_TAG);
  const messageId = peekMessageId(dataSet);
  if (commandFieldElement === undefined) {
    throw new DimseCommandError("Command set has no Command Field", {
      tag: COMMAND_FIELD_TAG,
      messageId,
    });
  }
  const commandField = readUint16(commandFieldElement, "Command Field", { messageId });
  const type = messageTypeOf(commandField);
  if (type === undefined) {
    throw new DimseCommandError(
      `Unknown Command Field 0x${commandField.toString(16).padStart(4, "0")}`,
      { commandField, messageId },
    );
  }
  const context = { commandField, messageId };
  const typeElement = dataSet.get(COMMAND_DATA_SET_TYPE_TAG);
  if (typeElement === undefined) {
    throw new DimseCommandError(`${type} has no Command Data Set Type`, {
      ...context,
      tag: COMMAND_DATA_SET_TYPE_TAG,
    });
  }
  const dataSetType = readUint16(typeElement, "Command Data Set Type", context);
  const message: Record<string, unknown> = {
    type,
    hasDataSet: dataSetType !== DATA_SET_TYPE_NONE,
  };
  if (dataSetType !== DATA_SET_TYPE_NONE && dataSetType !== DATA_SET_TYPE_PRESENT) {
    message.commandDataSetType = dataSetType;
  }
  const fields = MESSAGE_FIELDS[type];
  const used = new Set<Tag>([COMMAND_GROUP_LENGTH, COMMAND_FIELD_TAG, COMMAND_DATA_SET_TYPE_TAG]);
  for (const name of fields.required) {
    const spec = DIMSE_FIELDS[name];
    const e = dataSet.get(spec.tag);
    if (e === undefined) {
      throw new DimseCommandError(`${type} lacks mandatory ${name}`, { ...context, tag: spec.tag });
    }
    message[name] = readField(dataSet, e, spec, name, context);
    used.add(spec.tag);
  }
  for (const name of fields.optional) {
    const spec = DIMSE_FIELDS[name];
    const e = dataSet.get(spec.tag);
    if (e === undefined) continue;
    message[name] = readField(dataSet, e, spec, name, context);
    used.add(spec.tag);
  }
  const extras = dataSet.elements().filter((e) => !used.has(e.tag));
  if (extras.length > 0) message.extraElements = extras;
  return message as unknown as DimseMessage;
}

function peekMessageId(dataSet: DataSet): number | undefined {
  for (const tag of [DIMSE_FIELDS.messageId.tag, DIMSE_FIELDS.messageIdBeingRespondedTo.tag]) {
    const e = dataSet.get(tag);
    if (e?.vr === "US" && (e.bytes === undefined || e.bytes.length === 2)) {
      const value = e.numbers()[0];
      if (typeof value === "number") return value;
    }
  }
  return undefined;
}

function readField(
  dataSet: DataSet,
  e: DataElement,
  spec: DimseFieldSpec,
  name: string,
  context: { commandField: number; messageId: number | undefined },
): FieldValue {
  if (spec.vr === "US") return readUint16(e, name, context);
  if (spec.vr === "AT") {
    if (e.vr !== "AT" || (e.bytes !== undefined && e.bytes.length % 4 !== 0)) {
      throw new DimseCommandError(`${name} is not a list of tags`, { ...context, tag: e.tag });
    }
    return e.numbers() as number[];
  }
  if (e.vr !== spec.vr) {
    throw new DimseCommandError(`${name} has VR ${e.vr}, expected ${spec.vr}`, {
      ...context,
      tag: e.tag,
    });
  }
  return dataSet.getStrings(e.tag).join("\\");
}

function readUint16(
  e: DataElement,
  name: string,
  context: { commandField?: number; messageId: number | undefined },
): number {
  const values = e.vr === "US" ? e.numbers() : [];
  if ((e.bytes !== undefined && e.bytes.length !== 2) || values.length !== 1) {
    const size = e.bytes !== undefined ? `${e.bytes.length} bytes` : `${values.length} values`;
    throw new DimseCommandError(`${name} must be one US value, not ${e.vr} of ${size}`, {
      ...context,
      tag: e.tag,
    });
  }
  return values[0] as number;
}
