/**
 * dicomsim's simulation layer for scenarios: define scripted conversations with a system under
 * test, run them against a target (or the in-process mock PACS on a virtual clock) and report
 * them as JUnit XML or JSON. Scenarios import from here only.
 *
 * @example
 * ```ts
 * import { defineScenario, runScenarios, VERIFICATION_SOP_CLASS } from "./sim.ts";
 * const verification = defineScenario({
 *   name: "verification",
 *   steps: async (ctx) => {
 *     const a = await ctx.associate({
 *       callingAeTitle: "SCU",
 *       contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
 *     });
 *     a.expectAccepted();
 *     (await a.echo()).expectStatus("Success");
 *     await a.release();
 *   },
 * });
 * const run = await runScenarios([verification], { mode: "memory" });
 * run.failed; // 0
 * ```
 * @module
 */
export * from "./src/sim/scenario/scenario.ts";
export * from "./src/sim/scenario/scenario_context.ts";
export * from "./src/sim/scenario/run_scenarios.ts";
export * from "./src/sim/scenario/reporters.ts";
export * from "./src/sim/scenario/expectation_error.ts";
export { type CtSeries, ctSeries, type CtSeriesOptions } from "./src/sim/modality/ct_series.ts";
export { CT_IMAGE_STORAGE } from "./src/sim/modality/ct_series.ts";
export {
  DX_IMAGE_STORAGE_FOR_PRESENTATION,
  type DxImage,
  dxImage,
  type DxImageOptions,
} from "./src/sim/modality/dx_image.ts";
export {
  US_MULTIFRAME_IMAGE_STORAGE,
  type UsCine,
  usCine,
  type UsCineOptions,
} from "./src/sim/modality/us_cine.ts";
export {
  MODALITY_KINDS,
  type ModalityKind,
  type SimulatedSeries,
  simulatedSeries,
  templateAsSeries,
} from "./src/sim/modality/simulated_series.ts";
export {
  type ScannerOptions,
  type ScannerSummary,
  simulateCtScanner,
  simulateScanner,
} from "./src/sim/modality/ct_scanner.ts";
export { FaultTransport, InjectedDropError } from "./src/sim/modality/fault_transport.ts";
export {
  type DicomProxy,
  type DicomProxyOptions,
  startProxy,
} from "./src/sim/proxy/dicom_proxy.ts";
export { createPacsNode, type Pacs, type PacsNode, startPacs } from "./src/sim/pacs/pacs_node.ts";
export { DEFAULT_PACS_CONFIG, type PacsConfig } from "./src/sim/pacs/pacs_config.ts";
export type { PacsFault } from "./src/sim/pacs/pacs_faults.ts";
export { VERIFICATION_SOP_CLASS } from "./src/services/verification.ts";
export {
  PATIENT_ROOT_FIND,
  PATIENT_ROOT_MOVE,
  STUDY_ROOT_FIND,
  STUDY_ROOT_MOVE,
} from "./src/services/query_models.ts";
export {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from "./src/core/transfer_syntax.ts";
export * from "./src/sim/scenario/scenario_test_registrar.ts";
export * from "./src/sim/scenario/scenario_trace.ts";
export * from "./src/sim/scenario/raw_connection.ts";
export {
  GetOutcome,
  NOutcome,
  type ScenarioAttributes,
  type ScenarioEventReport,
  type ScenarioGetOptions,
  type ScenarioNAction,
  type ScenarioNCreate,
  type ScenarioNGet,
  type ScenarioNSet,
} from "./src/sim/scenario/scenario_steps_n.ts";

// Types the API above refers to (for documentation).
export type { SpecificCharacterSet } from "./src/charset/character_set.ts";
export type { DicomFile } from "./src/codec/read_file.ts";
export type { Clock, TimerHandle, VirtualClock } from "./src/core/clock.ts";
export type { DataSet, SetValue, TagKey } from "./src/core/dataset.ts";
export type { DictionaryEntry } from "./src/core/dictionary.ts";
export type { DataElement, Fragments, NumericValues, TextDecodeFn } from "./src/core/element.ts";
export type { Tag } from "./src/core/tag.ts";
export type { TransferSyntax } from "./src/core/transfer_syntax.ts";
export type { DicomDate, DicomDateTime, DicomTime } from "./src/core/values/date_time.ts";
export type { PersonName } from "./src/core/values/person_name.ts";
export type { Vr } from "./src/core/vr.ts";
export type {
  AssociateRequestOptions,
  RequestedContext,
} from "./src/net/acse/association_request.ts";
export type {
  SopClassCommonExtendedHandler,
  SopClassExtendedHandler,
} from "./src/net/acse/extended_negotiation.ts";
export type { AsyncOperationsWindow } from "./src/net/acse/limits.ts";
export type { AcceptorConfig } from "./src/net/acse/negotiate_association.ts";
export type { SopClassRoles, SupportedAbstractSyntax } from "./src/net/acse/negotiate_contexts.ts";
export type {
  AcceptedContext,
  NegotiatedAssociation,
  RejectedContext,
} from "./src/net/acse/negotiated_association.ts";
export type { ContextRequest } from "./src/net/acse/presentation_contexts.ts";
export type { Rejection } from "./src/net/acse/rejection.ts";
export type { RolePair, Roles } from "./src/net/acse/role_selection.ts";
export type {
  UserIdentity,
  UserIdentityDecision,
  UserIdentityHandler,
  UserIdentityIndication,
} from "./src/net/acse/user_identity.ts";
export type { AcceptOptions } from "./src/net/association/accept_association.ts";
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
export type { StatusCategory } from "./src/net/dimse/status.ts";
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
export type { TcpEngine } from "./src/net/transport/_deno_tcp.ts";
export type { ConnectCommon } from "./src/net/transport/_socket_transport.ts";
export type { Pem, TlsConnectOptions } from "./src/net/transport/tls.ts";
export type { Transport, TransportCloseInfo } from "./src/net/transport/transport.ts";
export type { QueryLevel } from "./src/services/query_models.ts";
export type {
  IncomingInstance,
  InstanceStore,
  InstanceWriter,
  StorageEvent,
} from "./src/services/storage_scp.ts";
export type { InstanceResult } from "./src/services/storage_scu.ts";
export type { SimulatedImageOptions } from "./src/sim/modality/_image_modules.ts";
export type { CrImageOptions } from "./src/sim/modality/cr_image.ts";
export type {
  CtScannerOptions,
  Percentiles,
  ScannerFaults,
  ScannerImageResult,
  StudyWorkflow,
  WorkflowPeer,
} from "./src/sim/modality/ct_scanner.ts";
export type { Demographics } from "./src/sim/modality/ct_series.ts";
export type {
  CommitmentResult,
  SopReference,
  WorklistQueryOptions,
} from "./src/sim/modality/modality_workflow.ts";
export type { MrSeriesOptions } from "./src/sim/modality/mr_series.ts";
export type { ScImageOptions } from "./src/sim/modality/sc_image.ts";
export type { SimulatedSeriesOptions } from "./src/sim/modality/simulated_series.ts";
export type { TemplateOptions } from "./src/sim/modality/template_series.ts";
export type { UsPhotometric } from "./src/sim/modality/us_cine.ts";
export type {
  DuplicatePolicy,
  GetScpRolePolicy,
  PeerAddress,
  QueryMethodPolicy,
  SopClassConfig,
  StorageCommitmentConfig,
} from "./src/sim/pacs/pacs_config.ts";
export type { FaultScope } from "./src/sim/pacs/pacs_faults.ts";
export type {
  IndexedInstance,
  IndexFindOptions,
  IndexSelectOptions,
  PacsIndex,
  QuerySearchMethod,
} from "./src/sim/pacs/pacs_index.ts";
export type {
  CommitmentRecord,
  PacsNodeOptions,
  ResponseRecord,
} from "./src/sim/pacs/pacs_node.ts";
export type { PacsStorage } from "./src/sim/pacs/pacs_storage.ts";
export type { ProxyConnectionSummary } from "./src/sim/proxy/dicom_proxy.ts";
export type { JsonlTrace } from "./src/trace/jsonl_trace.ts";
