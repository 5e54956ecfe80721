/**
 * A simulated modality (CT by default; also MR, CR, DX, US, SC or real files in template mode):
 * generates a series ({@link simulatedSeries}) and sends it with C-STORE to a storage SCP the
 * way a modality does (PS3.4 B), one association for the series or one per image, paced like an
 * acquisition or as fast as possible, several studies in parallel, with retries and injected
 * faults; reports throughput and latency percentiles.
 * @module
 */
import { readDicom } from "../../codec/read_file.ts";
import { writeDicom } from "../../codec/write_file.ts";
import type { Association } from "../../net/association/association.ts";
import {
  requestAssociation,
  type RequestAssociationOptions,
} from "../../net/association/request_association.ts";
import { resolveTimeouts } from "../../net/association/timeouts.ts";
import { connectTcp } from "../../net/transport/tcp.ts";
import { connectTls } from "../../net/transport/tls.ts";
import type { Transport } from "../../net/transport/transport.ts";
import { type InstanceResult, storeInstances } from "../../services/storage_scu.ts";
import { MODALITY_WORKLIST_FIND } from "../../services/query_models.ts";
import type { Demographics } from "./ct_series.ts";
import { FaultTransport } from "./fault_transport.ts";
import {
  type CommitmentReportListener,
  type CommitmentResult,
  createMpps,
  demographicsFromWorklist,
  listenForCommitmentReports,
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
import {
  type ModalityKind,
  type SimulatedSeries,
  simulatedSeries,
  type SimulatedSeriesOptions,
} from "./simulated_series.ts";
import { UidGenerator } from "./uid_generator.ts";

const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const IMPLICIT_LE = "1.2.840.10008.1.2";

/** Faults to inject. */
export interface ScannerFaults {
  /** Send A-ABORT after this many images of each study were answered (the rest fail). */
  readonly abortAfter?: number;
  /** Call this AE title instead of the configured one (the peer should reject). */
  readonly wrongCalledAeTitle?: string;
  /**
   * After this many images of each study were answered, send only the first half of the next
   * PDU and reset the connection (the image fails; the next one opens a new association).
   */
  readonly dropAfter?: number;
  /** After `after` images of each study were answered, stop sending and reading for `ms`. */
  readonly stall?: { readonly after: number; readonly ms: number };
  /**
   * Also propose this SOP class (one the peer should not support) and, after the series, try
   * to store a copy of the first image under it (it fails when the peer rejected the context).
   */
  readonly unsupportedSopClass?: string;
}

/** The modality (0008,0060) of each generator kind. */
const MODALITY_CODE: Record<ModalityKind, string> = {
  ct: "CT",
  mr: "MR",
  cr: "CR",
  dx: "DX",
  us: "US",
  sc: "OT",
};

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

/** Options of {@link simulateScanner} (the same as {@link CtScannerOptions}). */
export type ScannerOptions = CtScannerOptions;

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
    SimulatedSeriesOptions,
    Pick<RequestAssociationOptions, "maxPduLength" | "timeouts" | "onEvent" | "tls" | "clock"> {
  /** What to generate: "ct", "mr", "cr", "dx", "us" or "sc". Default "ct". */
  readonly modality?: ModalityKind;
  /**
   * The series of each study instead of a generator (e.g. template mode with
   * `templateAsSeries(files, { run: study })`); gets the study number and the worklist's
   * demographics. Default: {@link simulatedSeries} of `modality`.
   */
  readonly source?: (study: number, scheduled: Demographics) => SimulatedSeries;
  /**
   * Presentation contexts: "per-sop-class" proposes one context per SOP class listing every
   * transfer syntax; "per-syntax" one context per SOP class and transfer syntax (PS3.8 9.3.2.2).
   * Default "per-sop-class".
   */
  readonly contextLayout?: "per-sop-class" | "per-syntax";
  /** Peer host (unless `connect`). */
  readonly host?: string;
  /** Peer port (unless `connect`). */
  readonly port?: number;
  /** Opens a transport for each association (e.g. an in-memory pair). Default: TCP to host:port. */
  readonly connect?: () => Transport | Promise<Transport>;
  /** Our AE title. Default "CTSIM" ("MRSIM", "DXSIM", ... for the other kinds). */
  readonly callingAeTitle?: string;
  /** The peer's AE title. Default "ANY-SCP". */
  readonly calledAeTitle?: string;
  /**
   * Transfer syntaxes proposed for the series' SOP classes. Default Explicit then Implicit VR LE
   * (plus the files' own syntax in template mode).
   */
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
  /**
   * Request Storage Commitment of the stored images and wait for the N-EVENT-REPORT: on the
   * same association (default), or with `listen` on a separate association that the SCP opens
   * to our AE title at that address (PS3.4 J.3.3; the SCP must know where we listen).
   */
  readonly commitment?: WorkflowPeer & {
    readonly timeoutMs?: number;
    readonly listen?: { readonly host?: string; readonly port: number };
  };
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
 * Generates `count` CT studies and sends each series to a storage SCP; the same as
 * {@link simulateScanner} (whose `modality` defaults to "ct").
 * @example
 * ```ts ignore
 * import { simulateCtScanner } from "./ct_scanner.ts";
 * const summary = await simulateCtScanner({
 *   host: "127.0.0.1", port: 11112, calledAeTitle: "STORESCP", slices: 100, rate: 20,
 * });
 * summary.failed; // 0
 * ```
 */
export function simulateCtScanner(options: CtScannerOptions = {}): Promise<ScannerSummary> {
  return simulateScanner(options);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * Generates `count` studies of a modality (or takes them from `source`) and sends each series
 * to a storage SCP, with the optional workflow steps around it; never throws for refused images
 * or associations (they are failed results). Resolves with a summary.
 * @example
 * ```ts ignore
 * import { simulateScanner } from "./ct_scanner.ts";
 * const summary = await simulateScanner({
 *   modality: "us", frames: 60, host: "127.0.0.1", port: 11112, calledAeTitle: "STORESCP",
 * });
 * summary.failed; // 0
 * ```
 */
export async function simulateScanner(options: ScannerOptions = {}): Promise<ScannerSummary> {
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
  const kind = options.modality ?? "ct";
  const modalityCode = options.source ? undefined : MODALITY_CODE[kind];
  const callingAeTitle = options.callingAeTitle ?? `${modalityCode ?? "CT"}SIM`;
  const transportFaults = faults.dropAfter !== undefined || faults.stall !== undefined;
  let associations = 0;
  let retried = 0;
  // Storage commitment reports on separate associations: one listener for the whole run.
  let listening: Promise<CommitmentReportListener> | undefined;
  const commitmentListener = (): Promise<CommitmentReportListener | undefined> => {
    const listen = options.commitment?.listen;
    if (!listen) return Promise.resolve(undefined);
    listening ??= listenForCommitmentReports({
      aeTitle: callingAeTitle,
      host: listen.host,
      port: listen.port,
    });
    return listening;
  };

  /** Opens the transport of a storage association, wrapped when transport faults are set. */
  const storageTransport = async (): Promise<Transport | undefined> => {
    if (!transportFaults) return options.connect ? await options.connect() : undefined;
    let inner: Transport;
    if (options.connect) inner = await options.connect();
    else {
      if (options.host === undefined || options.port === undefined) {
        throw new TypeError("The scanner needs host and port, or connect");
      }
      const connect = {
        host: options.host,
        port: options.port,
        connectTimeoutMs: resolveTimeouts(options.timeouts).connectMs,
        signal: options.signal,
      };
      inner = options.tls
        ? await connectTls({ ...options.tls, ...connect })
        : await connectTcp(connect);
    }
    return new FaultTransport(inner);
  };

  const contextsFor = (sopClasses: readonly string[], syntaxes: readonly string[]) =>
    (options.contextLayout ?? "per-sop-class") === "per-syntax"
      ? sopClasses.flatMap((abstractSyntax) =>
        syntaxes.map((ts) => ({ abstractSyntax, transferSyntaxes: [ts] }))
      )
      : sopClasses.map((abstractSyntax) => ({ abstractSyntax, transferSyntaxes: [...syntaxes] }));

  const associate = async (
    peer: WorkflowPeer,
    sopClasses: readonly string[],
    fileSyntaxes: readonly string[] = [],
  ): Promise<Association> => {
    const storage = peer === options;
    const transport = storage
      ? await storageTransport()
      : peer.connect
      ? await peer.connect()
      : undefined;
    const proposed = storage ? options.transferSyntaxes ?? [EXPLICIT_LE, IMPLICIT_LE] : [
      EXPLICIT_LE,
      IMPLICIT_LE,
    ];
    // Files already in another syntax (template mode) are offered in it too.
    const syntaxes = unique([
      ...proposed,
      ...fileSyntaxes.filter((ts) => ts !== EXPLICIT_LE && ts !== IMPLICIT_LE),
    ]);
    const association = await requestAssociation({
      host: peer.host ?? options.host,
      port: peer.port ?? options.port,
      transport,
      tls: options.tls,
      maxPduLength: options.maxPduLength,
      timeouts: options.timeouts,
      onEvent: options.onEvent,
      clock: options.clock,
      callingAeTitle,
      calledAeTitle: storage
        ? faults.wrongCalledAeTitle ?? options.calledAeTitle ?? "ANY-SCP"
        : peer.calledAeTitle ?? options.calledAeTitle ?? "ANY-SCP",
      contexts: contextsFor(sopClasses, syntaxes),
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
        (a) =>
          queryWorklist(
            a,
            worklistIdentifier({ modality: modalityCode, ...options.worklist!.query }),
          ),
      );
      worklistItems = items?.length;
      item = items?.length ? items[study % items.length] : undefined;
      if (item) {
        scheduled = Object.fromEntries(
          Object.entries(demographicsFromWorklist(item)).filter(([, v]) => v !== undefined),
        );
      } else if (items) errors.push("Worklist query: no scheduled item, sending unscheduled");
    }
    const series = options.source
      ? options.source(study, scheduled)
      : simulatedSeries(kind, { ...options, ...scheduled, studyIndex: study });
    const storageClasses = unique([
      ...series.sopClassUids,
      ...(faults.unsupportedSopClass ? [faults.unsupportedSopClass] : []),
    ]);
    let mppsUid: string | undefined;
    if (options.mpps) {
      const attributes = mppsInProgress(series, {
        stationAeTitle: callingAeTitle,
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
    let dropArmed: FaultTransport | undefined;
    let prefetched: { index: number; bytes: Uint8Array } | undefined;
    /** Sends one instance (with retries) on the study's association, opening it when needed. */
    const sendImage = async (
      index: number,
      name: string,
      sopClassUid: string,
      sopInstanceUid: string,
      bytes: Uint8Array,
    ): Promise<ScannerImageResult> => {
      let attempts = 0;
      for (;;) {
        attempts++;
        let outcome: InstanceResult;
        let latencyMs = 0;
        try {
          if (association === undefined || !association.isEstablished) {
            association = await associate(options, storageClasses, series.transferSyntaxUids);
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
            sopClassUid,
            sopInstanceUid,
          };
        }
        const result = { ...outcome, study, index, attempts, latencyMs };
        if (outcome.outcome !== "failure" || attempts > retries || options.signal?.aborted) {
          return result;
        }
        retried++;
        if (association !== undefined && !association.isEstablished) association = undefined;
        await sleep(retryDelay * 2 ** (attempts - 1), options.signal);
      }
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
      const bytes = prefetched?.index === index ? prefetched.bytes : series.file(index);
      prefetched = undefined;
      const sending = sendImage(index, name, series.sopClassUid(index), base.sopInstanceUid, bytes);
      if (index + 1 < series.count && rate === 0) {
        // Make the next image while this one is on the wire and the peer stores it: let the
        // request's writes go out first (a few event-loop turns), then generate.
        await sleep(1);
        prefetched = { index: index + 1, bytes: series.file(index + 1) };
      }
      const result = await sending;
      const drop = dropArmed?.dropError;
      dropArmed = undefined;
      finish(
        drop && result.outcome === "failure" && result.attempts === 1
          ? { ...result, message: `${drop.message}: ${result.message}` }
          : result,
      );
      const faulty = (association as Association | undefined)?.transport;
      if (faults.abortAfter !== undefined && index + 1 >= faults.abortAfter) {
        association?.abort();
        association = undefined;
        aborted = true;
      } else if (faults.dropAfter === index + 1 && faulty instanceof FaultTransport) {
        // Kept open (even with one association per image) so the next image's PDU is cut.
        faulty.dropOnNextWrite();
        dropArmed = faulty;
      } else {
        if (faults.stall?.after === index + 1) {
          if (faulty instanceof FaultTransport) await faulty.stall(faults.stall.ms);
          else await sleep(faults.stall.ms, options.signal);
        }
        if (options.associationPerImage) {
          await close(association);
          association = undefined;
        }
      }
    }
    if (faults.unsupportedSopClass && !aborted && !options.signal?.aborted) {
      // PS3.4 B.2.2: an SCU stores only under an accepted context; the peer should have
      // rejected this abstract syntax (A-ASSOCIATE-AC result 3), so the copy fails locally.
      const copy = readDicom(series.file(0));
      const uid = uids.uid(study + 1, 7);
      copy.dataSet.set("SOPClassUID", faults.unsupportedSopClass);
      copy.dataSet.set("SOPInstanceUID", uid);
      finish(
        await sendImage(
          series.count,
          `study ${study + 1} extra image (unsupported SOP class ${faults.unsupportedSopClass})`,
          faults.unsupportedSopClass,
          uid,
          writeDicom(copy.dataSet, "ExplicitVRLittleEndian"),
        ),
      );
    }
    await close(association);
    const sent = results.filter((r) => r.outcome !== "failure" && r.index < series.count).map((
      r,
    ) => r.index);
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
        sopClassUid: series.sopClassUid(i),
        sopInstanceUid: series.sopInstanceUid(i),
      }));
      commitment = await step(
        options.commitment,
        STORAGE_COMMITMENT_PUSH,
        errors,
        "Storage commitment",
        async (a) =>
          requestStorageCommitment(a, uids.uid(study + 1, 6), refs, {
            timeoutMs: options.commitment!.timeoutMs,
            listener: await commitmentListener(),
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
  try {
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < count) await sendStudy(next++);
    }));
  } finally {
    if (listening) await (await listening.catch(() => undefined))?.close();
  }

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
