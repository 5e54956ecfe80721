/**
 * dicomsim's network layer (PS3.7, PS3.8): PDUs, the upper-layer state machine, transports,
 * association negotiation, DIMSE messages and associations as requestor and acceptor.
 *
 * @example
 * ```ts
 * import { requestAssociation } from "./net.ts";
 * const assoc = await requestAssociation({
 *   host: "127.0.0.1", port: 11112, callingAeTitle: "DICOMSIM", calledAeTitle: "STORESCP",
 *   contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
 * });
 * await assoc.echo();
 * await assoc.release();
 * ```
 * @module
 */
export * from "./src/net/pdu/pdu_types.ts";
export * from "./src/net/pdu/read_pdu.ts";
export * from "./src/net/pdu/write_pdu.ts";
export * from "./src/net/pdu/pdu_reader.ts";
export * from "./src/net/pdu/pdu_builders.ts";
export * from "./src/net/pdu/names.ts";
export * from "./src/net/pdu/errors.ts";
export * from "./src/net/transport/transport.ts";
export * from "./src/net/transport/errors.ts";
export * from "./src/net/transport/tcp.ts";
export * from "./src/net/transport/tls.ts";
export * from "./src/net/transport/memory.ts";
export * from "./src/net/dul/dul_machine.ts";
export * from "./src/net/dul/state_table.ts";
export * from "./src/net/dul/states.ts";
export * from "./src/net/dul/events.ts";
export * from "./src/net/dul/effects.ts";
export { DulProtocolError } from "./src/net/dul/errors.ts";
export * from "./src/net/acse/association_request.ts";
export * from "./src/net/acse/negotiate_association.ts";
export * from "./src/net/acse/negotiated_association.ts";
export * from "./src/net/acse/negotiate_contexts.ts";
export * from "./src/net/acse/errors.ts";
export * from "./src/net/dimse/messages.ts";
export * from "./src/net/dimse/status.ts";
export * from "./src/net/dimse/command_set.ts";
export * from "./src/net/dimse/command_field.ts";
export * from "./src/net/dimse/fragment.ts";
export * from "./src/net/dimse/message_assembler.ts";
export * from "./src/net/dimse/errors.ts";
export * from "./src/net/association/association.ts";
export * from "./src/net/association/request_association.ts";
export * from "./src/net/association/accept_association.ts";
export * from "./src/net/association/errors.ts";
export * from "./src/net/association/timeouts.ts";

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
  SopClassCommonExtendedHandler,
  SopClassExtendedHandler,
} from "./src/net/acse/extended_negotiation.ts";
export type { AsyncOperationsWindow } from "./src/net/acse/limits.ts";
export type { ContextRequest, ProposedContext } from "./src/net/acse/presentation_contexts.ts";
export type { Rejection } from "./src/net/acse/rejection.ts";
export type { RolePair, Roles } from "./src/net/acse/role_selection.ts";
export type {
  UserIdentity,
  UserIdentityDecision,
  UserIdentityHandler,
  UserIdentityIndication,
} from "./src/net/acse/user_identity.ts";
export type { DulActionName } from "./src/net/dul/actions.ts";
export { DUL_ACTION_NAMES } from "./src/net/dul/actions.ts";
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
export type { ConnectCommon } from "./src/net/transport/_socket_transport.ts";
