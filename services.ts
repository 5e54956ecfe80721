/**
 * dicomsim's DICOM services (PS3.4, PS3.7): verification, storage, query/retrieve (C-FIND,
 * C-MOVE, C-GET, C-CANCEL) as SCU and SCP building blocks, and the DIMSE-N services.
 *
 * @example
 * ```ts
 * import { echo } from "./services.ts";
 * const { statuses } = await echo({
 *   host: "127.0.0.1", port: 11112, callingAeTitle: "DICOMSIM", calledAeTitle: "STORESCP",
 * });
 * ```
 * @module
 */
export * from "./src/services/encoded_instance.ts";
export * from "./src/services/find_scp.ts";
export * from "./src/services/find_scu.ts";
export * from "./src/services/get_output_fs.ts";
export * from "./src/services/get_scp.ts";
export * from "./src/services/get_scu.ts";
export * from "./src/services/identifier.ts";
export * from "./src/services/instance_store_fs.ts";
export * from "./src/services/move_scp.ts";
export * from "./src/services/move_scu.ts";
export * from "./src/services/n_services.ts";
export * from "./src/services/no_context_error.ts";
export * from "./src/services/query_match.ts";
export * from "./src/services/query_models.ts";
export * from "./src/services/scp_request.ts";
export * from "./src/services/status_error.ts";
export * from "./src/services/storage_contexts.ts";
export * from "./src/services/storage_scp.ts";
export * from "./src/services/storage_scu.ts";
export * from "./src/services/suboperations.ts";
export * from "./src/services/verification.ts";

// Types the API above refers to (for documentation).
export type { SpecificCharacterSet } from "./src/charset/character_set.ts";
export type { Clock, TimerHandle } from "./src/core/clock.ts";
export type { DataSet, SetValue, TagKey } from "./src/core/dataset.ts";
export type { DictionaryEntry } from "./src/core/dictionary.ts";
export type { DataElement, Fragments, NumericValues, TextDecodeFn } from "./src/core/element.ts";
export type { Tag } from "./src/core/tag.ts";
export type { DicomDate, DicomDateTime, DicomTime } from "./src/core/values/date_time.ts";
export type { PersonName } from "./src/core/values/person_name.ts";
export type { Vr } from "./src/core/vr.ts";
export type {
  AssociateRequestOptions,
  RequestedContext,
} from "./src/net/acse/association_request.ts";
export type { AsyncOperationsWindow } from "./src/net/acse/limits.ts";
export type { SopClassRoles, SupportedAbstractSyntax } from "./src/net/acse/negotiate_contexts.ts";
export type {
  AcceptedContext,
  NegotiatedAssociation,
  RejectedContext,
} from "./src/net/acse/negotiated_association.ts";
export type { ContextRequest } from "./src/net/acse/presentation_contexts.ts";
export type { RolePair, Roles } from "./src/net/acse/role_selection.ts";
export type { UserIdentity } from "./src/net/acse/user_identity.ts";
export type {
  Association,
  AssociationEnd,
  AssociationEvent,
  AssociationOptions,
  ReceivedMessage,
  RequestHandler,
} from "./src/net/association/association.ts";
export type { RequestAssociationOptions } from "./src/net/association/request_association.ts";
export type { Timeouts } from "./src/net/association/timeouts.ts";
export type { DataSetSink } from "./src/net/dimse/message_assembler.ts";
export type {
  CCancelRq,
  CEchoRq,
  CEchoRsp,
  CFindRq,
  CFindRsp,
  CGetRq,
  CGetRsp,
  CMoveRq,
  CMoveRsp,
  CStoreRq,
  CStoreRsp,
  DimseMessage,
  DimseMessageBase,
  DimseResponseBase,
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
  SuboperationCounts,
} from "./src/net/dimse/messages.ts";
export type { DulActionName } from "./src/net/dul/actions.ts";
export { DUL_ACTION_NAMES } from "./src/net/dul/actions.ts";
export type { DulTransition } from "./src/net/dul/dul_machine.ts";
export type { DulEffect, DulPrimitive } from "./src/net/dul/effects.ts";
export { DUL_PRIMITIVES } from "./src/net/dul/effects.ts";
export type { DulEvent } from "./src/net/dul/events.ts";
export type {
  DulAbortPdu,
  DulAssociateAcPdu,
  DulAssociateRjPdu,
  DulAssociateRqPdu,
  DulPDataTfPdu,
  DulPdu,
  DulReleaseRpPdu,
  DulReleaseRqPdu,
} from "./src/net/dul/pdu_shapes.ts";
export type { DulState } from "./src/net/dul/states.ts";
export { DUL_STATES } from "./src/net/dul/states.ts";
export type {
  AbortPdu,
  AssociateAcPdu,
  AssociatePduFields,
  AssociateRjPdu,
  AssociateRqPdu,
  AsynchronousOperationsWindow,
  PDataTfPdu,
  Pdu,
  Pdv,
  PresentationContextAc,
  PresentationContextResult,
  PresentationContextRq,
  RawItem,
  ReleaseRpPdu,
  ReleaseRqPdu,
  RoleSelection,
  SopClassCommonExtendedNegotiation,
  SopClassExtendedNegotiation,
  UnknownPdu,
  UserIdentityAc,
  UserIdentityRq,
  UserInformation,
} from "./src/net/pdu/pdu_types.ts";
export type { ConnectCommon } from "./src/net/transport/_socket_transport.ts";
export type { Pem, TlsConnectOptions } from "./src/net/transport/tls.ts";
export type { Transport, TransportCloseInfo } from "./src/net/transport/transport.ts";
