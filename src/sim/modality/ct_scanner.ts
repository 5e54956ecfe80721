/**
 * A simulated CT scanner: generates a CT series ({@link ctSeries}) and sends it with C-STORE to a
 * storage SCP the way a modality does (PS3.4 B), one association for the series or one per
 * image, paced like an acquisition or as fast as possible, several studies in parallel, with
 * retries and injected faults; reports throughput and latency percentiles.
 * @module
 */
import type { Association } from "../../net/association/association.ts";
import {
  requestAssociation,
  type RequestAssociationOptions,
} from "../../net/association/request_association.ts";
import type { Transport } from "../../net/transport/transport.ts";
import { type InstanceResult, storeInstances } from "../../services/storage_scu.ts";
import { MODALITY_WORKLIST_FIND } from "../../services/query_models.ts";
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  type CtSeriesOptions,
  type Demographics,
} from "./ct_series.ts";
import {
  type CommitmentResult,
  createMpps,
  demographicsFromWorklist,
  MPPS_SOP_CLASS,
  mppsFinal,
  mppsInProgress,
  queryWorklist,
  requestStorageCommitment,
  setMpps,
  STORAGE_COMMITMENT_PUSH,
  worklistIdentifier,
  type WorklistQueryOptions,
} from "./modality_workflow.ts";
import { UidGenerator } from "./uid_generator.ts";

const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const IMPLICIT_LE = "1.2.840.10008.1.2";

/** Faults to inject. */
export interface ScannerFaults {
  /** Send A-ABORT after this many images of each study were answered (the rest fail). */
  readonly abortAfter?: number;
  /** Call this AE title instead of the configured one (the peer should reject). */
  readonly wrongCalledAeTitle?: string;
}

/** Where a workflow step (worklist, MPPS, storage commitment) is sent. */
export interface WorkflowPeer {
  /** Host (unless `connect`). Default: the scanner's host. */
  readonly host?: string;
  /** Port (unless `connect`). */
  readonly port?: number;
  /** Opens a transport for the step's association. Default: TCP to host:port. */
  readonly connect?: () => Transport | Promise<Transport>;
  /** The peer's AE title. Default: the scanner's called AE title. */
  readonly calledAeTitle?: string;
}

/** What the workflow steps of one study did. */
export interface StudyWorkflow {
  /** Study number (0-based). */
  readonly study: number;
  /** Worklist items found (when queried). */
  readonly worklistItems?: number;
  /** The MPPS SOP Instance UID (when created). */
  readonly mppsUid?: string;
  /** The final MPPS status sent (when set). */
  readonly mppsStatus?: "COMPLETED" | "DISCONTINUED";
  /** The storage commitment outcome (when requested and answered). */
  readonly commitment?: CommitmentResult;
  /** Steps that failed, with why. */
  readonly errors: readonly string[];
}

/** Options of {@link simulateCtScanner}. */
export interface CtScannerOptions
  extends
    CtSeriesOptions,
    Pick<RequestAssociationOptions, "maxPduLength" | "timeouts" | "onEvent" | "tls" | "clock"> {
  /** Peer host (unless `connect`). */
  readonly host?: string;
  /** Peer port (unless `connect`). */
  readonly port?: number;
  /** Opens a transport for each association (e.g. an in-memory pair). Default: TCP to host:port. */
  readonly connect?: () => Transport | Promise<Transport>;
  /** Our AE title. Default "CTSIM". */
  readonly callingAeTitle?: string;
  /** The peer's AE title. Default "ANY-SCP". */
  readonly calledAeTitle?: string;
  /** Transfer syntaxes proposed for CT Image Storage. Default Explicit then Implicit VR LE. */
  readonly transferSyntaxes?: readonly string[];
  /** Images per second per study (like an acquisition); 0 = as fast as possible. Default 0. */
  readonly rate?: number;
  /** One association per image instead of one per series. Default false. */
  readonly associationPerImage?: boolean;
  /** Studies to send (each a new study from the same seed). Default 1. */
  readonly count?: number;
  /** Studies sent at once. Default 1. */
  readonly concurrency?: number;
  /** Retries of an image that failed (failure status, rejection, lost association). Default 0. */
  readonly retries?: number;
  /** Delay before the first retry in ms; doubled for each next one. Default 100. */
  readonly retryDelayMs?: number;
  /** Faults to inject. Default none. */
  readonly faults?: ScannerFaults;
  /** Query a Modality Worklist first and take the study's demographics from an item. */
  readonly worklist?: WorkflowPeer & { readonly query?: WorklistQueryOptions };
  /** Send MPPS N-CREATE before the series and N-SET (COMPLETED or DISCONTINUED) after. */
  readonly mpps?: WorkflowPeer;
  /** Request Storage Commitment of the stored images and wait for the N-EVENT-REPORT. */
  readonly commitment?: WorkflowPeer & { readonly timeoutMs?: number };
  /** Called after each image's final outcome. */
  readonly onImage?: (image: ScannerImageResult) => void;
  /** Stops sending (the rest fail with "Cancelled"). */
  readonly signal?: AbortSignal;
}

/** The final outcome of one image. */
export interface ScannerImageResult extends InstanceResult {
  /** Study number (0-based). */
  readonly study: number;
  /** Image number in the series (0-based). */
  readonly index: number;
  /** Attempts made (1 without retries). */
  readonly attempts: number;
  /** Time from sending the C-STORE-RQ to its response in ms (last attempt; 0 if not sent). */
  readonly latencyMs: number;
}

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  /** Median. */
  readonly p50: number;
  /** 95th percentile. */
  readonly p95: number;
  /** 99th percentile. */
  readonly p99: number;
  /** Maximum. */
  readonly max: number;
}

/** What a scanner run did. */
export interface ScannerSummary {
  /** Studies sent. */
  readonly studies: number;
  /** Images attempted. */
  readonly images: number;
  /** Stored (success or warning). */
  readonly stored: number;
  /** Not stored. */
  readonly failed: number;
  /** Data set bytes stored. */
  readonly bytes: number;
  /** Associations established. */
  readonly associations: number;
  /** Retries made. */
  readonly retries: number;
  /** Wall time in ms. */
  readonly elapsedMs: number;
  /** Stored images per second. */
  readonly imagesPerSecond: number;
  /** Stored megabytes (10^6) per second. */
  readonly megabytesPerSecond: number;
  /** Per C-STORE latency of stored images. */
  readonly storeLatency: Percentiles;
  /** Per study wall time. */
  readonly studyLatency: Percentiles;
  /** Study Instance UIDs, by study number. */
  readonly studyInstanceUids: readonly string[];
  /** Every image's outcome, study by study. */
  readonly results: readonly ScannerImageResult[];
  /** The workflow steps of each study (empty when no step was configured). */
  readonly workflow: readonly StudyWorkflow[];
}

/**
 * Percentiles of a list of numbers (nearest rank); zeros for an empty list.
 * @example
 * ```ts
 * import { percentiles } from "./ct_scanner.ts";
 * percentiles([1, 2, 3, 4]).p50; // 2
 * ```
 */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  return { p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: sorted[sorted.length - 1] };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Generates `count` CT studies and sends each series to a storage SCP; never throws for refused
 * images or associations (they are failed results). Resolves with a summary.
 * @example
 * ```ts ignore
 * import { simulateCtScanner } from "./ct_scanner.ts";
 * const summary = await simulateCtScanner({
 *   host: "127.0.0.1", port: 11112, calledAeTitle: "STORESCP", slices: 100, rate: 20,
 * });
 * summary.failed; // 0
 * ```
 */
export async function simulateCtScanner(options: CtScannerOptions = {}): Promise<ScannerSummary> {
  const start = performance.now();
  const count = options.count ?? 1;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, count));
  const retries = Math.max(0, options.retries ?? 0);
  const retryDelay = options.retryDelayMs ?? 100;
  const rate = options.rate ?? 0;
  const faults = options.faults ?? {};
  const perStudy: ScannerImageResult[][] = [];
  const studyTimes: number[] = [];
  const studyUids: string[] = [];
  let associations = 0;
  let retried = 0;

  const associate = async (
    peer: WorkflowPeer = options,
    sopClasses: readonly string[] = [CT_IMAGE_STORAGE],
  ): Promise<Association> => {
    const transport = peer.connect ? await peer.connect() : undefined;
    const association = await requestAssociation({
      host: peer.host ?? options.host,
      port: peer.port ?? options.port,
      transport,
      tls: options.tls,
      maxPduLength: options.maxPduLength,
      timeouts: options.timeouts,
      onEvent: options.onEvent,
      clock: options.clock,
      callingAeTitle: options.callingAeTitle ?? "CTSIM",
      calledAeTitle: peer === options
        ? faults.wrongCalledAeTitle ?? options.calledAeTitle ?? "ANY-SCP"
        : peer.calledAeTitle ?? options.calledAeTitle ?? "ANY-SCP",
      contexts: sopClasses.map((abstractSyntax) => ({
        abstractSyntax,
        transferSyntaxes: [...(options.transferSyntaxes ?? [EXPLICIT_LE, IMPLICIT_LE])],
      })),
    });
    associations++;
    return association;
  };

  const close = async (association: Association | undefined) => {
    if (association === undefined || !association.isEstablished) return;
    try {
      await association.release();
    } catch {
      association.abort();
    }
  };

  /** Runs one workflow step on its own association; a failure is recorded, not thrown. */
  const step = async <T>(
    peer: WorkflowPeer,
    sopClass: string,
    errors: string[],
    what: string,
    run: (association: Association) => Promise<T>,
  ): Promise<T | undefined> => {
    let association: Association | undefined;
    try {
      association = await associate(peer, [sopClass]);
      return await run(association);
    } catch (error) {
      errors.push(`${what}: ${errorText(error)}`);
      return undefined;
    } finally {
      await close(association);
    }
  };

  const uids = new UidGenerator({ root: options.uidRoot, seed: options.seed ?? 0 });
  const workflows: StudyWorkflow[] = [];
  const workflowConfigured = options.worklist !== undefined || options.mpps !== undefined ||
    options.commitment !== undefined;

  const sendStudy = async (study: number) => {
    const studyStart = performance.now();
    const errors: string[] = [];
    let worklistItems: number | undefined;
    let scheduled: Demographics = {};
    let item;
    if (options.worklist) {
      const items = await step(
        options.worklist,
        MODALITY_WORKLIST_FIND,
        errors,
        "Worklist query",
        (a) => queryWorklist(a, worklistIdentifier(options.worklist!.query)),
      );
      worklistItems = items?.length;
      item = items?.length ? items[study % items.length] : undefined;
      if (item) {
        scheduled = Object.fromEntries(
          Object.entries(demographicsFromWorklist(item)).filter(([, v]) => v !== undefined),
        );
      } else if (items) errors.push("Worklist query: no scheduled item, sending unscheduled");
    }
    const series = ctSeries({ ...options, ...scheduled, studyIndex: study });
    let mppsUid: string | undefined;
    if (options.mpps) {
      const attributes = mppsInProgress(series, {
        stationAeTitle: options.callingAeTitle ?? "CTSIM",
        worklistItem: item,
      });
      mppsUid = await step(
        options.mpps,
        MPPS_SOP_CLASS,
        errors,
        "MPPS N-CREATE",
        (a) => createMpps(a, attributes, uids.uid(study + 1, 5)),
      );
    }
    studyUids[study] = series.studyInstanceUid;
    const results: ScannerImageResult[] = [];
    perStudy[study] = results;
    let association: Association | undefined;
    let aborted = false;
    const finish = (result: ScannerImageResult) => {
      results.push(result);
      options.onImage?.(result);
    };
    for (let index = 0; index < series.count; index++) {
      const name = `study ${study + 1} image ${index + 1}`;
      const base = { study, index, name, sopInstanceUid: series.sopInstanceUid(index) };
      if (aborted || options.signal?.aborted) {
        const message = aborted ? "Not sent: association aborted by fault" : "Cancelled";
        finish({ ...base, outcome: "failure", message, bytes: 0, attempts: 0, latencyMs: 0 });
        continue;
      }
      if (rate > 0) {
        await sleep(studyStart + (index * 1000) / rate - performance.now(), options.signal);
      }
      const bytes = series.file(index);
      let attempts = 0;
      let result: ScannerImageResult;
      for (;;) {
        attempts++;
        let outcome: InstanceResult;
        let latencyMs = 0;
        try {
          if (association === undefined || !association.isEstablished) {
            association = await associate();
          }
          const sent = performance.now();
          [outcome] = await storeInstances(association, [{ name, read: () => bytes }]);
          latencyMs = performance.now() - sent;
        } catch (error) {
          association = undefined;
          outcome = {
            name,
            outcome: "failure",
            message: `Cannot associate: ${errorText(error)}`,
            bytes: 0,
            sopClassUid: CT_IMAGE_STORAGE,
            sopInstanceUid: base.sopInstanceUid,
          };
        }
        result = { ...outcome, study, index, attempts, latencyMs };
        if (outcome.outcome !== "failure" || attempts > retries || options.signal?.aborted) break;
        retried++;
        if (association !== undefined && !association.isEstablished) association = undefined;
        await sleep(retryDelay * 2 ** (attempts - 1), options.signal);
      }
      finish(result);
      if (faults.abortAfter !== undefined && index + 1 >= faults.abortAfter) {
        association?.abort();
        association = undefined;
        aborted = true;
      } else if (options.associationPerImage) {
        await close(association);
        association = undefined;
      }
    }
    await close(association);
    const sent = results.filter((r) => r.outcome !== "failure").map((r) => r.index);
    let mppsStatus: "COMPLETED" | "DISCONTINUED" | undefined;
    if (options.mpps && mppsUid !== undefined) {
      const status = sent.length === series.count ? "COMPLETED" : "DISCONTINUED";
      const done = await step(
        options.mpps,
        MPPS_SOP_CLASS,
        errors,
        "MPPS N-SET",
        (a) =>
          setMpps(a, mppsUid!, mppsFinal(series, status, { sentIndices: sent })).then(() => true),
      );
      if (done) mppsStatus = status;
    }
    let commitment: CommitmentResult | undefined;
    if (options.commitment && sent.length > 0) {
      const refs = sent.map((i) => ({
        sopClassUid: CT_IMAGE_STORAGE,
        sopInstanceUid: series.sopInstanceUid(i),
      }));
      commitment = await step(
        options.commitment,
        STORAGE_COMMITMENT_PUSH,
        errors,
        "Storage commitment",
        (a) =>
          requestStorageCommitment(a, uids.uid(study + 1, 6), refs, {
            timeoutMs: options.commitment!.timeoutMs,
          }),
      );
      if (commitment && commitment.failed.length > 0) {
        errors.push(`Storage commitment: ${commitment.failed.length} instances not committed`);
      }
    }
    if (workflowConfigured) {
      workflows[study] = { study, worklistItems, mppsUid, mppsStatus, commitment, errors };
    }
    studyTimes[study] = performance.now() - studyStart;
  };

  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await sendStudy(next++);
  }));

  const results = perStudy.flat();
  const elapsedMs = performance.now() - start;
  let stored = 0;
  let bytes = 0;
  const latencies: number[] = [];
  for (const r of results) {
    if (r.outcome === "failure") continue;
    stored++;
    bytes += r.bytes;
    latencies.push(r.latencyMs);
  }
  const seconds = elapsedMs / 1000;
  return {
    studies: count,
    images: results.length,
    stored,
    failed: results.length - stored,
    bytes,
    associations,
    retries: retried,
    elapsedMs,
    imagesPerSecond: seconds > 0 ? stored / seconds : 0,
    megabytesPerSecond: seconds > 0 ? bytes / 1e6 / seconds : 0,
    storeLatency: percentiles(latencies),
    studyLatency: percentiles(studyTimes),
    studyInstanceUids: studyUids,
    results,
    workflow: workflows.filter((w) => w !== undefined),
  };
}

/**
 * A short human account of a scanner run (a few lines).
 * @example
 * ```ts
 * import { formatScannerSummary } from "./ct_scanner.ts";
 * const zero = { p50: 0, p95: 0, p99: 0, max: 0 };
 * formatScannerSummary({
 *   studies: 1, images: 0, stored: 0, failed: 0, bytes: 0, associations: 0, retries: 0,
 *   elapsedMs: 0, imagesPerSecond: 0, megabytesPerSecond: 0, storeLatency: zero,
 *   studyLatency: zero, studyInstanceUids: [], results: [], workflow: [],
 * }).startsWith("Sent 0 of 0 images"); // true
 * ```
 */
export function formatScannerSummary(summary: ScannerSummary): string {
  const ms = (p: Percentiles) =>
    `p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, max ${
      p.max.toFixed(1)
    } ms`;
  const lines = [
    `Sent ${summary.stored} of ${summary.images} images in ${summary.studies} ` +
    `stud${summary.studies === 1 ? "y" : "ies"}, ${summary.failed} failed, ` +
    `${(summary.bytes / 1e6).toFixed(1)} MB in ${(summary.elapsedMs / 1000).toFixed(2)} s ` +
    `(${summary.imagesPerSecond.toFixed(1)} images/s, ${
      summary.megabytesPerSecond.toFixed(1)
    } MB/s), ${summary.associations} associations, ${summary.retries} retries`,
    `C-STORE latency: ${ms(summary.storeLatency)}`,
    `Study time: ${ms(summary.studyLatency)}`,
  ];
  for (const w of summary.workflow) {
    const parts = [];
    if (w.worklistItems !== undefined) parts.push(`worklist ${w.worklistItems} items`);
    if (w.mppsUid !== undefined) parts.push(`MPPS ${w.mppsStatus ?? "IN PROGRESS"}`);
    if (w.commitment) {
      parts.push(
        `committed ${w.commitment.committed.length}, not committed ${w.commitment.failed.length}`,
      );
    }
    lines.push(`Study ${w.study + 1} workflow: ${parts.join(", ") || "no step completed"}`);
    for (const e of w.errors) lines.push(`  Workflow error: ${e}`);
  }
  const failures = summary.results.filter((r) => r.outcome === "failure");
  for (const f of failures.slice(0, 10)) lines.push(`Failed: ${f.name}: ${f.message}`);
  if (failures.length > 10) lines.push(`... and ${failures.length - 10} more failures`);
  return lines.join("\n");
}
