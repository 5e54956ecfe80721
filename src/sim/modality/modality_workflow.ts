/**
 * The workflow steps of a modality around a series (IHE Scheduled Workflow): Modality Worklist
 * query (PS3.4 K.6.1), Modality Performed Procedure Step N-CREATE and N-SET (PS3.4 F.7), and
 * Storage Commitment Push Model N-ACTION with its N-EVENT-REPORT (PS3.4 J.3). Pure builders of
 * the data sets plus thin network steps over an established association.
 * @module
 */
import { DataSet } from "../../core/dataset.ts";
import { listenAssociations } from "../../net/association/accept_association.ts";
import type { Association } from "../../net/association/association.ts";
import { statusCategory } from "../../net/dimse/status.ts";
import { findScu } from "../../services/find_scu.ts";
import { nAction, nCreate, nServiceScp, nSet } from "../../services/n_services.ts";
import { MODALITY_WORKLIST_FIND } from "../../services/query_models.ts";
import type { Demographics } from "./ct_series.ts";

/** What the MPPS builders need of a series (a `CtSeries` or any `SimulatedSeries` fits). */
export interface PerformedSeries {
  /** Number of instances. */
  readonly count: number;
  /** (0020,000D). */
  readonly studyInstanceUid: string;
  /** (0020,000E). */
  readonly seriesInstanceUid: string;
  /** SOP Instance UID of instance i. */
  sopInstanceUid(index: number): string;
  /** SOP Class UID of instance i. Default: the first header's. */
  sopClassUid?(index: number): string;
  /** Instance i's attributes (Pixel Data not needed). */
  header(index: number): DataSet;
}

/** Modality Performed Procedure Step SOP Class. */
export const MPPS_SOP_CLASS = "1.2.840.10008.3.1.2.3.3";
/** Storage Commitment Push Model SOP Class. */
export const STORAGE_COMMITMENT_PUSH = "1.2.840.10008.1.20.1";
/** Its well-known SOP instance (PS3.4 J.3.5). */
export const STORAGE_COMMITMENT_INSTANCE = "1.2.840.10008.1.20.1.1";

/** Options of {@link worklistIdentifier}. */
export interface WorklistQueryOptions {
  /** Scheduled modality. Default "CT". */
  readonly modality?: string;
  /** Scheduled Station AE Title to match. Default: any (empty). */
  readonly stationAeTitle?: string;
  /** Scheduled start date (YYYYMMDD or a range). Default: any (empty). */
  readonly date?: string;
}

/**
 * A Modality Worklist C-FIND identifier (PS3.4 K.6.1.2): matching keys in the Scheduled
 * Procedure Step Sequence, return keys for patient, study and requested procedure.
 * @example
 * ```ts
 * import { worklistIdentifier } from "./modality_workflow.ts";
 * const id = worklistIdentifier({ stationAeTitle: "CTSIM" });
 * id.getItems("ScheduledProcedureStepSequence")[0].getString("Modality"); // "CT"
 * ```
 */
export function worklistIdentifier(options: WorklistQueryOptions = {}): DataSet {
  const step = new DataSet();
  step.set("Modality", options.modality ?? "CT");
  step.set("ScheduledStationAETitle", options.stationAeTitle ?? "");
  step.set("ScheduledProcedureStepStartDate", options.date ?? "");
  step.set("ScheduledProcedureStepStartTime", "");
  step.set("ScheduledPerformingPhysicianName", "");
  step.set("ScheduledProcedureStepDescription", "");
  step.set("ScheduledProcedureStepID", "");
  const id = new DataSet();
  id.set("SpecificCharacterSet", "ISO_IR 100");
  id.set("AccessionNumber", "");
  id.set("ReferringPhysicianName", "");
  id.set("PatientName", "");
  id.set("PatientID", "");
  id.set("PatientBirthDate", "");
  id.set("PatientSex", "");
  id.set("StudyInstanceUID", "");
  id.set("RequestedProcedureDescription", "");
  id.set("RequestedProcedureID", "");
  id.set("ScheduledProcedureStepSequence", [step]);
  return id;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/**
 * The demographics a modality copies from a worklist item into its images (IHE RAD TF-2 4.6):
 * patient, accession number, Study Instance UID, referring physician, requested procedure.
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { demographicsFromWorklist } from "./modality_workflow.ts";
 * const item = new DataSet();
 * item.set("PatientName", "DOE^JOHN");
 * demographicsFromWorklist(item).patientName; // "DOE^JOHN"
 * ```
 */
export function demographicsFromWorklist(item: DataSet): Demographics {
  return {
    patientName: nonEmpty(item.getString("PatientName")),
    patientId: nonEmpty(item.getString("PatientID")),
    patientBirthDate: nonEmpty(item.getString("PatientBirthDate")),
    patientSex: nonEmpty(item.getString("PatientSex")),
    accessionNumber: nonEmpty(item.getString("AccessionNumber")),
    referringPhysicianName: nonEmpty(item.getString("ReferringPhysicianName")),
    studyDescription: nonEmpty(item.getString("RequestedProcedureDescription")),
    studyInstanceUid: nonEmpty(item.getString("StudyInstanceUID")),
  };
}

/**
 * Queries a Modality Worklist SCP and resolves with the scheduled items (throws when the query
 * ends with a failure status or no context was accepted).
 * @example
 * ```ts ignore
 * import { queryWorklist, worklistIdentifier } from "./modality_workflow.ts";
 * const items = await queryWorklist(association, worklistIdentifier());
 * ```
 */
export async function queryWorklist(
  association: Association,
  identifier: DataSet = worklistIdentifier(),
): Promise<DataSet[]> {
  const result = await findScu(association, identifier, { sopClassUid: MODALITY_WORKLIST_FIND });
  if (statusCategory(result.status) !== "Success") {
    throw new WorkflowError(`Worklist query failed: status 0x${hex(result.status)}`, result.status);
  }
  return result.matches;
}

/** A workflow step was refused: carries the status. */
export class WorkflowError extends Error {
  /** The DIMSE status, when one came. */
  readonly status: number | undefined;
  /** Creates it with the message and status. */
  constructor(message: string, status?: number) {
    super(message);
    this.name = "WorkflowError";
    this.status = status;
  }
}

function hex(status: number): string {
  return status.toString(16).toUpperCase().padStart(4, "0");
}

/** Options of {@link mppsInProgress}. */
export interface MppsOptions {
  /** Performed Station AE Title. Default "CTSIM". */
  readonly stationAeTitle?: string;
  /** The worklist item the step performs. Default: unscheduled (empty scheduled attributes). */
  readonly worklistItem?: DataSet;
  /** Performed Procedure Step ID. Default "PPS" + the series number. */
  readonly stepId?: string;
}

/**
 * The N-CREATE Attribute List of an MPPS IN PROGRESS for a series (PS3.4 F.7.2.1, Table
 * F.7.2-1: every type 1 and 2 attribute of N-CREATE).
 * @example
 * ```ts
 * import { ctSeries } from "./ct_series.ts";
 * import { mppsInProgress } from "./modality_workflow.ts";
 * const mpps = mppsInProgress(ctSeries({ slices: 1, matrix: 8 }));
 * mpps.getString("PerformedProcedureStepStatus"); // "IN PROGRESS"
 * ```
 */
export function mppsInProgress(series: PerformedSeries, options: MppsOptions = {}): DataSet {
  const image = series.header(0);
  const item = options.worklistItem;
  const scheduledStep = item?.getItems("ScheduledProcedureStepSequence")[0];
  const scheduled = new DataSet();
  scheduled.set("AccessionNumber", image.getString("AccessionNumber") ?? "");
  scheduled.set("ReferencedStudySequence", []);
  scheduled.set("StudyInstanceUID", series.studyInstanceUid);
  scheduled.set(
    "RequestedProcedureDescription",
    item?.getString("RequestedProcedureDescription") ?? "",
  );
  scheduled.set(
    "ScheduledProcedureStepDescription",
    scheduledStep?.getString("ScheduledProcedureStepDescription") ?? "",
  );
  scheduled.set("ScheduledProtocolCodeSequence", []);
  scheduled.set(
    "ScheduledProcedureStepID",
    scheduledStep?.getString("ScheduledProcedureStepID") ?? "",
  );
  scheduled.set("RequestedProcedureID", item?.getString("RequestedProcedureID") ?? "");
  const ds = new DataSet();
  ds.set("SpecificCharacterSet", "ISO_IR 100");
  ds.set("Modality", image.getString("Modality") ?? "CT");
  ds.set("ProcedureCodeSequence", []);
  ds.set("ReferencedPatientSequence", []);
  for (const key of ["PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyID"]) {
    ds.set(key, image.getString(key) ?? "");
  }
  ds.set("PerformedStationAETitle", options.stationAeTitle ?? "CTSIM");
  ds.set("PerformedStationName", image.getString("StationName") ?? "");
  ds.set("PerformedLocation", "");
  ds.set("PerformedProcedureStepStartDate", image.getString("SeriesDate") ?? "");
  ds.set("PerformedProcedureStepStartTime", image.getString("SeriesTime") ?? "");
  ds.set("PerformedProcedureStepEndDate", "");
  ds.set("PerformedProcedureStepEndTime", "");
  ds.set("PerformedProcedureStepStatus", "IN PROGRESS");
  ds.set(
    "PerformedProcedureStepID",
    options.stepId ?? `PPS${image.getString("SeriesNumber") ?? 1}`,
  );
  ds.set("PerformedProcedureStepDescription", image.getString("StudyDescription") ?? "");
  ds.set("PerformedProcedureTypeDescription", "");
  ds.set("ScheduledStepAttributesSequence", [scheduled]);
  ds.set("PerformedSeriesSequence", []);
  ds.set("PerformedProtocolCodeSequence", []);
  return ds;
}

/**
 * The N-SET Modification List that ends an MPPS (PS3.4 F.7.2.2): COMPLETED with the Performed
 * Series Sequence listing the images sent, or DISCONTINUED.
 * @example
 * ```ts
 * import { ctSeries } from "./ct_series.ts";
 * import { mppsFinal } from "./modality_workflow.ts";
 * const series = ctSeries({ slices: 2, matrix: 8 });
 * mppsFinal(series, "COMPLETED").getItems("PerformedSeriesSequence").length; // 1
 * ```
 */
export function mppsFinal(
  series: PerformedSeries,
  status: "COMPLETED" | "DISCONTINUED",
  options: { readonly sentIndices?: readonly number[]; readonly retrieveAeTitle?: string } = {},
): DataSet {
  const image = series.header(0);
  const indices = options.sentIndices ?? Array.from({ length: series.count }, (_, i) => i);
  const refs = indices.map((i) => {
    const ref = new DataSet();
    ref.set(
      "ReferencedSOPClassUID",
      series.sopClassUid?.(i) ?? image.getString("SOPClassUID") ?? "",
    );
    ref.set("ReferencedSOPInstanceUID", series.sopInstanceUid(i));
    return ref;
  });
  const performed = new DataSet();
  performed.set("RetrieveAETitle", options.retrieveAeTitle ?? "");
  performed.set("SeriesDescription", image.getString("SeriesDescription") ?? "");
  performed.set("PerformingPhysicianName", "");
  performed.set("OperatorsName", "");
  performed.set("ReferencedImageSequence", refs);
  performed.set(
    "ProtocolName",
    image.getString("ProtocolName") ?? image.getString("StudyDescription") ?? "",
  );
  performed.set("SeriesInstanceUID", series.seriesInstanceUid);
  performed.set("ReferencedNonImageCompositeSOPInstanceSequence", []);
  const ds = new DataSet();
  ds.set("PerformedProcedureStepEndDate", image.getString("SeriesDate") ?? "");
  const last = series.count > 0 ? series.header(series.count - 1).getString("ContentTime") : "";
  ds.set("PerformedProcedureStepEndTime", last ?? "");
  ds.set("PerformedProcedureStepStatus", status);
  ds.set("PerformedSeriesSequence", [performed]);
  return ds;
}

/**
 * Sends MPPS N-CREATE (IN PROGRESS) and resolves with the MPPS SOP Instance UID (ours when
 * given, else the SCP's); throws {@link WorkflowError} on a failure status.
 * @example
 * ```ts ignore
 * const uid = await createMpps(association, mppsInProgress(series), mppsUid);
 * ```
 */
export async function createMpps(
  association: Association,
  attributes: DataSet,
  sopInstanceUid?: string,
): Promise<string> {
  const result = await nCreate(association, {
    sopClassUid: MPPS_SOP_CLASS,
    sopInstanceUid,
    attributes,
  });
  if (statusCategory(result.status) === "Failure" || result.sopInstanceUid === undefined) {
    throw new WorkflowError(`MPPS N-CREATE failed: status 0x${hex(result.status)}`, result.status);
  }
  return result.sopInstanceUid;
}

/**
 * Sends MPPS N-SET (e.g. {@link mppsFinal}); throws {@link WorkflowError} on a failure status.
 * @example
 * ```ts ignore
 * await setMpps(association, mppsUid, mppsFinal(series, "COMPLETED"));
 * ```
 */
export async function setMpps(
  association: Association,
  sopInstanceUid: string,
  modifications: DataSet,
): Promise<void> {
  const result = await nSet(association, {
    sopClassUid: MPPS_SOP_CLASS,
    sopInstanceUid,
    modifications,
  });
  if (statusCategory(result.status) === "Failure") {
    throw new WorkflowError(`MPPS N-SET failed: status 0x${hex(result.status)}`, result.status);
  }
}

/** A reference to a stored instance. */
export interface SopReference {
  /** SOP Class UID. */
  readonly sopClassUid: string;
  /** SOP Instance UID. */
  readonly sopInstanceUid: string;
}

function referenceItems(refs: readonly SopReference[]): DataSet[] {
  return refs.map((r) => {
    const item = new DataSet();
    item.set("ReferencedSOPClassUID", r.sopClassUid);
    item.set("ReferencedSOPInstanceUID", r.sopInstanceUid);
    return item;
  });
}

/**
 * The Action Information of a Storage Commitment request (PS3.4 J.3.2.1, action type 1):
 * Transaction UID and Referenced SOP Sequence.
 * @example
 * ```ts
 * import { commitmentRequest } from "./modality_workflow.ts";
 * const info = commitmentRequest("1.2.3", [{ sopClassUid: "1.2.840.10008.5.1.4.1.1.2", sopInstanceUid: "1.2.3.4" }]);
 * info.getItems("ReferencedSOPSequence").length; // 1
 * ```
 */
export function commitmentRequest(transactionUid: string, refs: readonly SopReference[]): DataSet {
  const ds = new DataSet();
  ds.set("TransactionUID", transactionUid);
  ds.set("ReferencedSOPSequence", referenceItems(refs));
  return ds;
}

/** The outcome of a Storage Commitment. */
export interface CommitmentResult {
  /** Transaction UID. */
  readonly transactionUid: string;
  /** Event Type ID of the N-EVENT-REPORT: 1 all committed, 2 failures exist. */
  readonly eventTypeId: number;
  /** Committed instances (Referenced SOP Sequence). */
  readonly committed: readonly SopReference[];
  /** Not committed, with the Failure Reason (Failed SOP Sequence). */
  readonly failed: readonly (SopReference & { readonly failureReason?: number })[];
}

function references(items: DataSet[]): (SopReference & { failureReason?: number })[] {
  return items.map((item) => ({
    sopClassUid: item.getString("ReferencedSOPClassUID") ?? "",
    sopInstanceUid: item.getString("ReferencedSOPInstanceUID") ?? "",
    failureReason: item.getNumber("FailureReason"),
  }));
}

/**
 * Sends the Storage Commitment N-ACTION and waits for the N-EVENT-REPORT on the same
 * association (PS3.4 J.3.3), answering it with Success; rejects with {@link WorkflowError} on a
 * failure status or when `timeoutMs` passes first.
 * @example
 * ```ts ignore
 * const result = await requestStorageCommitment(association, txUid, refs, { timeoutMs: 10_000 });
 * result.failed.length; // 0
 * ```
 */
export async function requestStorageCommitment(
  association: Association,
  transactionUid: string,
  refs: readonly SopReference[],
  options: {
    readonly timeoutMs?: number;
    /** Wait for the report on a separate association here instead (PS3.4 J.3.3). */
    readonly listener?: CommitmentReportListener;
  } = {},
): Promise<CommitmentResult> {
  if (options.listener) {
    const listener = options.listener;
    const report = listener.wait(transactionUid, options.timeoutMs ?? 30_000);
    report.catch(() => {}); // observed below
    await sendCommitmentAction(association, transactionUid, refs);
    return await report;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = new Promise<CommitmentResult>((resolve, reject) => {
    association.setRequestHandler(nServiceScp({
      sopClasses: {
        [STORAGE_COMMITMENT_PUSH]: {
          nEventReport: (request) => {
            const info = request.dataSet;
            if (info?.getString("TransactionUID") !== transactionUid) return;
            resolve({
              transactionUid,
              eventTypeId: request.message.eventTypeId,
              committed: references(info.getItems("ReferencedSOPSequence")),
              failed: references(info.getItems("FailedSOPSequence")),
            });
          },
        },
      },
    }));
    timer = setTimeout(
      () => reject(new WorkflowError("No Storage Commitment N-EVENT-REPORT in time")),
      options.timeoutMs ?? 30_000,
    );
  });
  report.catch(() => {}); // observed below
  try {
    await sendCommitmentAction(association, transactionUid, refs);
    return await report;
  } finally {
    clearTimeout(timer);
  }
}

async function sendCommitmentAction(
  association: Association,
  transactionUid: string,
  refs: readonly SopReference[],
): Promise<void> {
  const result = await nAction(association, {
    sopClassUid: STORAGE_COMMITMENT_PUSH,
    sopInstanceUid: STORAGE_COMMITMENT_INSTANCE,
    actionTypeId: 1,
    actionInformation: commitmentRequest(transactionUid, refs),
  });
  if (statusCategory(result.status) === "Failure") {
    throw new WorkflowError(
      `Storage Commitment N-ACTION failed: status 0x${hex(result.status)}`,
      result.status,
    );
  }
}

/** Where Storage Commitment reports arrive on separate associations. */
export interface CommitmentReportListener {
  /** The port it listens on. */
  readonly port: number;
  /** Resolves with the report of this transaction (also one that came before the call). */
  wait(transactionUid: string, timeoutMs: number): Promise<CommitmentResult>;
  /** Stops listening. */
  close(): Promise<void>;
}

/**
 * Listens for the Storage Commitment SCP's own associations that carry the N-EVENT-REPORT
 * (PS3.4 J.3.3, report on a different association): accepts the Storage Commitment Push Model
 * with the requestor in the SCP role (SCP/SCU role selection, PS3.7 D.3.3.4) and answers each
 * report with Success.
 * @example
 * ```ts ignore
 * const listener = await listenForCommitmentReports({ aeTitle: "CTSIM", port: 11115 });
 * const result = await requestStorageCommitment(association, txUid, refs, { listener });
 * await listener.close();
 * ```
 */
export async function listenForCommitmentReports(options: {
  readonly aeTitle: string;
  readonly host?: string;
  readonly port?: number;
}): Promise<CommitmentReportListener> {
  const arrived = new Map<string, CommitmentResult>();
  const waiting = new Map<string, (r: CommitmentResult) => void>();
  const server = await listenAssociations({
    aeTitle: options.aeTitle,
    supported: [{
      abstractSyntax: STORAGE_COMMITMENT_PUSH,
      transferSyntaxes: ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"],
      roles: { scu: false, scp: true },
    }],
    listen: { host: options.host ?? "127.0.0.1", port: options.port ?? 0 },
    onRequest: nServiceScp({
      sopClasses: {
        [STORAGE_COMMITMENT_PUSH]: {
          nEventReport: (request) => {
            const info = request.dataSet;
            const transactionUid = info?.getString("TransactionUID")?.trim() ?? "";
            const result: CommitmentResult = {
              transactionUid,
              eventTypeId: request.message.eventTypeId,
              committed: references(info?.getItems("ReferencedSOPSequence") ?? []),
              failed: references(info?.getItems("FailedSOPSequence") ?? []),
            };
            const waiter = waiting.get(transactionUid);
            if (waiter) waiter(result);
            else arrived.set(transactionUid, result);
          },
        },
      },
    }),
    onFailure: () => {},
  });
  return {
    port: server.port,
    wait(transactionUid, timeoutMs) {
      const early = arrived.get(transactionUid);
      if (early) return Promise.resolve(early);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(transactionUid);
          reject(new WorkflowError("No Storage Commitment N-EVENT-REPORT in time"));
        }, timeoutMs);
        waiting.set(transactionUid, (r) => {
          clearTimeout(timer);
          waiting.delete(transactionUid);
          resolve(r);
        });
      });
    },
    close: () => server.close(),
  };
}
