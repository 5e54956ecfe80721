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
import { CT_IMAGE_STORAGE, ctSeries, type CtSeriesOptions } from "./ct_series.ts";

const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const IMPLICIT_LE = "1.2.840.10008.1.2";

/** Faults to inject. */
export interface ScannerFaults {
  /** Send A-ABORT after this many images of each study were answered (the rest fail). */
  readonly abortAfter?: number;
  /** Call this AE title instead of the configured one (the peer should reject). */
  readonly wrongCalledAeTitle?: string;
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

  const associate = async (): Promise<Association> => {
    const transport = options.connect ? await options.connect() : undefined;
    const association = await requestAssociation({
      host: options.host,
      port: options.port,
      transport,
      tls: options.tls,
      maxPduLength: options.maxPduLength,
      timeouts: options.timeouts,
      onEvent: options.onEvent,
      clock: options.clock,
      callingAeTitle: options.callingAeTitle ?? "CTSIM",
      calledAeTitle: faults.wrongCalledAeTitle ?? options.calledAeTitle ?? "ANY-SCP",
      contexts: [{
        abstractSyntax: CT_IMAGE_STORAGE,
        transferSyntaxes: [...(options.transferSyntaxes ?? [EXPLICIT_LE, IMPLICIT_LE])],
      }],
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

  const sendStudy = async (study: number) => {
    const studyStart = performance.now();
    const series = ctSeries({ ...options, studyIndex: study });
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
 *   studyLatency: zero, studyInstanceUids: [], results: [],
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
  const failures = summary.results.filter((r) => r.outcome === "failure");
  for (const f of failures.slice(0, 10)) lines.push(`Failed: ${f.name}: ${f.message}`);
  if (failures.length > 10) lines.push(`... and ${failures.length - 10} more failures`);
  return lines.join("\n");
}
