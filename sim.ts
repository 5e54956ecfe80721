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
export type * from "./services.ts";
export type { DicomFile } from "./src/codec/read_file.ts";
export type { VirtualClock } from "./src/core/clock.ts";
export type { TransferSyntax } from "./src/core/transfer_syntax.ts";
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
