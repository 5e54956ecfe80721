/**
 * The Storage SCU (PS3.4 Annex B; PS3.7 9.1.1 C-STORE): sends instances over an association,
 * their data set bytes exactly as stored when the accepted transfer syntax is the instance's
 * own (no re-encoding), re-encoded between native syntaxes otherwise, and with the pixel data
 * transcoded (decompressed, or compressed with a registry encoder) when the peer took the
 * instance only in another syntax; pipelines up to the negotiated asynchronous operations window;
 * reports a status per instance (saying when it was transcoded) and a summary.
 * @module
 */
import { DicomParseError } from "../codec/errors.ts";
import { inflateRaw } from "../codec/inflate.ts";
import { type Encoding, readDataSet } from "../codec/read_dataset.ts";
import { recogniseTransferSyntax } from "../codec/read_file.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { decodeDataSet, encodeDataSet, transcodeDataSet } from "./_dataset_bytes.ts";
import { instanceFromPart10, instanceToPart10 } from "./encoded_instance.ts";
import { transcodePixelData } from "../pixel/transcode_pixels.ts";
import { isVr } from "../core/vr.ts";
import { maxOutstandingInvoked } from "../net/acse/negotiated_association.ts";
import type { Association } from "../net/association/association.ts";
import {
  requestAssociation,
  type RequestAssociationOptions,
} from "../net/association/request_association.ts";
import type { CStoreRsp } from "../net/dimse/messages.ts";
import { statusCategory, statusName } from "../net/dimse/status.ts";
import {
  planStorageBatches,
  selectStorageContext,
  type StorageContextOptions,
} from "./storage_contexts.ts";

const EXPLICIT_LE_ENCODING: Encoding = { explicitVr: true, littleEndian: true };
/** Read the header up to and including (0008,0018) SOP Instance UID. */
const AFTER_SOP_INSTANCE_UID = 0x00080019;

/**
 * Where an instance comes from: a name for messages and a way to read its bytes (a Part 10
 * file, or a data set without file meta information).
 * @example
 * ```ts
 * import type { StoreSource } from "./storage_scu.ts";
 * const source: StoreSource = { name: "ct.dcm", read: () => new Uint8Array(0) };
 * ```
 */
export interface StoreSource {
  /** Shown in results (e.g. the file path). */
  readonly name: string;
  /** The whole file. */
  read(): Uint8Array | Promise<Uint8Array>;
  /**
   * The start of the file (enough for the file meta information and the data set up to SOP
   * Instance UID, e.g. the first 64 KiB), to plan contexts without reading everything; when the
   * header does not fit, `read` is used. Default: `read`.
   */
  readHeader?(): Uint8Array | Promise<Uint8Array>;
  /**
   * Called once the bytes `read` gave are no longer needed (the instance was answered, failed
   * or was skipped), e.g. to reuse the buffer. Default: none.
   */
  release?(): void;
}

/** An instance ready to send: its identity, its transfer syntax and its data set bytes. */
export interface ParsedInstance {
  /** (0008,0016) SOP Class UID (of the data set; the file meta's when the data set has none). */
  readonly sopClassUid: string;
  /** (0008,0018) SOP Instance UID (likewise). */
  readonly sopInstanceUid: string;
  /** The transfer syntax of the data set (from the file meta, or recognised). */
  readonly transferSyntaxUid: string;
  /** The data set bytes as stored after the file meta information (deflated ones stay so). */
  readonly dataSet: Uint8Array;
}

function hasDicmAt(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x44 && bytes[at + 1] === 0x49 && bytes[at + 2] === 0x43 &&
    bytes[at + 3] === 0x4d;
}

/**
 * Finds the data set of a Part 10 file (PS3.10 7.1: preamble, "DICM", group 0002 in Explicit VR
 * Little Endian) or of a bare data set, and reads its SOP class and instance (only the elements
 * up to (0008,0018) are decoded). Throws `DicomParseError` for what is not a storable instance.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { parseInstance } from "./storage_scu.ts";
 * const bytes = readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm");
 * parseInstance(bytes).sopClassUid; // "1.2.840.10008.5.1.4.1.1.2"
 * ```
 */
export function parseInstance(bytes: Uint8Array, fileName?: string): ParsedInstance {
  let metaStart = -1;
  if (bytes.length >= 132 && hasDicmAt(bytes, 128)) metaStart = 132;
  else if (bytes.length >= 4 && hasDicmAt(bytes, 0)) metaStart = 4;
  else if (
    bytes.length >= 6 && bytes[0] === 0x02 && bytes[1] === 0x00 &&
    isVr(String.fromCharCode(bytes[4], bytes[5]))
  ) metaStart = 0;
  let bodyStart = 0;
  let tsUid: string | undefined;
  let metaSopClass: string | undefined;
  let metaSopInstance: string | undefined;
  if (metaStart >= 0) {
    const meta = readDataSet(bytes.subarray(metaStart), EXPLICIT_LE_ENCODING, {
      onlyGroup: 0x0002,
      fileName,
      baseOffset: metaStart,
    });
    bodyStart = metaStart + meta.end;
    tsUid = meta.dataSet.getString(0x00020010);
    metaSopClass = meta.dataSet.getString(0x00020002);
    metaSopInstance = meta.dataSet.getString(0x00020003);
  }
  const body = bytes.subarray(bodyStart);
  tsUid ??= recogniseTransferSyntax(body, fileName);
  const ts = transferSyntax(tsUid);
  if (ts === undefined) {
    throw new DicomParseError(`Unknown transfer syntax ${JSON.stringify(tsUid)}`, {
      offset: bodyStart,
      fileName,
    });
  }
  const plain = ts.deflated ? inflateRaw(body) : body;
  const header = readDataSet(plain, ts, {
    untilTag: AFTER_SOP_INSTANCE_UID,
    fileName,
    baseOffset: ts.deflated ? 0 : bodyStart,
  }).dataSet;
  const sopClassUid = header.getString(0x00080016) || metaSopClass;
  const sopInstanceUid = header.getString(0x00080018) || metaSopInstance;
  if (!sopClassUid || !sopInstanceUid) {
    throw new DicomParseError(
      `Not a storable instance: no ${sopClassUid ? "SOP Instance UID" : "SOP Class UID"}`,
      { offset: bodyStart, fileName },
    );
  }
  return { sopClassUid, sopInstanceUid, transferSyntaxUid: ts.uid, dataSet: body };
}

/**
 * Re-encodes a data set from one native transfer syntax to another (e.g. Explicit VR Big Endian
 * to Explicit VR Little Endian, or inflating a deflated one). Throws for encapsulated syntaxes
 * on either side when they differ (transcoding pixel data is not done here).
 * @example
 * ```ts
 * import { reencodeDataSet } from "./storage_scu.ts";
 * // (0010,0020) LO "12" in Implicit VR Little Endian
 * const implicit = new Uint8Array([0x10, 0, 0x20, 0, 2, 0, 0, 0, 0x31, 0x32]);
 * reencodeDataSet(implicit, "1.2.840.10008.1.2", "1.2.840.10008.1.2.1").length; // 10
 * ```
 */
export function reencodeDataSet(dataSet: Uint8Array, fromUid: string, toUid: string): Uint8Array {
  if (fromUid === toUid) return dataSet;
  const from = transferSyntax(fromUid);
  const to = transferSyntax(toUid);
  if (from === undefined || to === undefined) {
    throw new TypeError(`Cannot re-encode: unknown transfer syntax ${from ? toUid : fromUid}`);
  }
  if (from.encapsulated || to.encapsulated) {
    throw new TypeError(`Cannot transcode from ${from.name} to ${to.name}`);
  }
  return transcodeDataSet(dataSet, fromUid, toUid);
}

/**
 * Transcodes a data set between any two syntaxes the codec registry can bridge: native ones are
 * re-encoded (as {@link reencodeDataSet}), and when either side is encapsulated the pixel data is
 * decompressed and/or compressed (see `transcodePixelData`: Photometric Interpretation, Planar
 * Configuration and Lossy Image Compression follow).
 * @throws {CodecUnavailableError} when no codec bridges the two syntaxes.
 * @throws {TranscodeError} when a frame cannot be decoded or encoded.
 * @example
 * ```ts
 * import { transcodeInstanceDataSet } from "./storage_scu.ts";
 * // (0010,0020) LO "12" in Implicit VR Little Endian; with pixel data, the same call decompresses
 * const implicit = new Uint8Array([0x10, 0, 0x20, 0, 2, 0, 0, 0, 0x31, 0x32]);
 * (await transcodeInstanceDataSet(implicit, "1.2.840.10008.1.2", "1.2.840.10008.1.2.1")).length; // 10
 * ```
 */
export async function transcodeInstanceDataSet(
  dataSet: Uint8Array,
  fromUid: string,
  toUid: string,
): Promise<Uint8Array> {
  if (fromUid === toUid) return dataSet;
  const from = transferSyntax(fromUid);
  const to = transferSyntax(toUid);
  if (from === undefined || to === undefined) {
    throw new TypeError(`Cannot transcode: unknown transfer syntax ${from ? toUid : fromUid}`);
  }
  if (!from.encapsulated && !to.encapsulated) return transcodeDataSet(dataSet, fromUid, toUid);
  const ds = await transcodePixelData(decodeDataSet(dataSet, fromUid), fromUid, toUid);
  return encodeDataSet(ds, toUid);
}

/**
 * A Part 10 file in another transfer syntax: the data set re-encoded, its pixel data
 * decompressed or compressed as {@link transcodeInstanceDataSet} does; the file meta rebuilt
 * for the new syntax.
 * @throws {CodecUnavailableError} when no codec bridges the two syntaxes.
 * @example
 * ```ts ignore
 * import { transcodePart10 } from "./storage_scu.ts";
 * const jls = await transcodePart10(file, "1.2.840.10008.1.2.4.80");
 * ```
 */
export async function transcodePart10(file: Uint8Array, toUid: string): Promise<Uint8Array> {
  const instance = instanceFromPart10(file);
  const dataSet = await transcodeInstanceDataSet(
    instance.dataSet,
    instance.transferSyntaxUid,
    toUid,
  );
  return instanceToPart10({ ...instance, transferSyntaxUid: toUid, dataSet });
}

/**
 * A deflated data set of odd length with a trailing NUL byte (PS3.5 A.5: the deflated stream is
 * padded to an even length; DCMTK refuses an odd PDV fragment). Others unchanged.
 */
function padDeflated(dataSet: Uint8Array, transferSyntaxUid: string): Uint8Array {
  if ((dataSet.length & 1) === 0 || !transferSyntax(transferSyntaxUid)?.deflated) return dataSet;
  const padded = new Uint8Array(dataSet.length + 1);
  padded.set(dataSet);
  return padded;
}

/** The outcome of one instance. */
export interface InstanceResult {
  /** The source's name. */
  readonly name: string;
  /** "success", "warning" (stored with a warning status) or "failure" (not stored). */
  readonly outcome: "success" | "warning" | "failure";
  /** The C-STORE-RSP status, when a response came. */
  readonly status?: number;
  /** Why it failed or warned: the status meaning and error comment, or a local error. */
  readonly message?: string;
  /** SOP Class UID, when the source could be read. */
  readonly sopClassUid?: string;
  /** SOP Instance UID, when the source could be read. */
  readonly sopInstanceUid?: string;
  /** The transfer syntax sent in, when sent. */
  readonly transferSyntaxUid?: string;
  /**
   * Set when the pixel data was transcoded to be sent (the peer did not take the instance in its
   * own syntax): the instance's syntax and the one sent.
   */
  readonly transcoded?: { readonly from: string; readonly to: string };
  /** Data set bytes sent (0 when not sent). */
  readonly bytes: number;
}

/** Options of {@link storeInstances}. */
export interface StoreInstancesOptions {
  /** (0000,0700) Priority. Default 0 (medium). */
  readonly priority?: number;
  /**
   * Most requests outstanding at once when the negotiated window is unlimited (0). Default 16.
   * The negotiated asynchronous operations window (PS3.7 D.3.3.3) bounds it otherwise.
   */
  readonly maxInFlight?: number;
  /** Called with each result as it comes. */
  readonly onResult?: (result: InstanceResult) => void;
  /** Cancels the remaining instances (they fail with "Cancelled"). */
  readonly signal?: AbortSignal;
}

function describe(status: number, comment: string | undefined): string {
  const name = statusName(status, "C-STORE");
  const hex = `0x${status.toString(16).toUpperCase().padStart(4, "0")}`;
  return comment ? `${name} (${hex}): ${comment}` : `${name} (${hex})`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function storeOne(
  association: Association,
  source: StoreSource,
  bytes: Uint8Array,
  options: StoreInstancesOptions,
): Promise<InstanceResult> {
  let instance: ParsedInstance;
  try {
    instance = parseInstance(bytes, source.name);
  } catch (error) {
    return { name: source.name, outcome: "failure", message: errorText(error), bytes: 0 };
  }
  const ids = { sopClassUid: instance.sopClassUid, sopInstanceUid: instance.sopInstanceUid };
  const choice = selectStorageContext(association.negotiated.contexts, instance);
  if (choice === undefined) {
    const native = !transferSyntax(instance.transferSyntaxUid)?.encapsulated;
    const accepted = association.negotiated.contexts.some((c) =>
      c.abstractSyntax === instance.sopClassUid
    );
    const message = !accepted
      ? `No presentation context accepted for SOP class ${instance.sopClassUid}`
      : native
      ? `No presentation context accepted for ${instance.transferSyntaxUid}`
      : `Cannot transcode ${instance.transferSyntaxUid}: the peer accepted ${instance.sopClassUid} only in transfer syntaxes no codec reaches`;
    return { name: source.name, outcome: "failure", message, bytes: 0, ...ids };
  }
  const tsUid = choice.context.transferSyntax;
  const transcoded = choice.transcode ? { from: instance.transferSyntaxUid, to: tsUid } : undefined;
  let dataSet: Uint8Array;
  try {
    dataSet = padDeflated(
      choice.transcode
        ? await transcodeInstanceDataSet(instance.dataSet, instance.transferSyntaxUid, tsUid)
        : choice.reencode
        ? reencodeDataSet(instance.dataSet, instance.transferSyntaxUid, tsUid)
        : instance.dataSet,
      tsUid,
    );
  } catch (error) {
    const verb = choice.transcode ? "transcode" : "re-encode";
    return {
      name: source.name,
      outcome: "failure",
      message: `Cannot ${verb} to ${tsUid}: ${errorText(error)}`,
      bytes: 0,
      ...ids,
    };
  }
  let response;
  try {
    response = await association.requestFinal({
      type: "C-STORE-RQ",
      messageId: 0,
      affectedSopClassUid: instance.sopClassUid,
      affectedSopInstanceUid: instance.sopInstanceUid,
      priority: options.priority ?? 0,
      hasDataSet: true,
    }, { presentationContextId: choice.context.id, dataSet });
  } catch (error) {
    return {
      name: source.name,
      outcome: "failure",
      message: errorText(error),
      bytes: 0,
      transferSyntaxUid: tsUid,
      ...(transcoded && { transcoded }),
      ...ids,
    };
  }
  const rsp = response.message as CStoreRsp;
  const category = statusCategory(rsp.status, "C-STORE");
  const outcome = category === "Success"
    ? "success"
    : category === "Warning"
    ? "warning"
    : "failure";
  return {
    name: source.name,
    outcome,
    status: rsp.status,
    message: outcome === "success" ? undefined : describe(rsp.status, rsp.errorComment),
    bytes: dataSet.length,
    transferSyntaxUid: tsUid,
    ...(transcoded && { transcoded }),
    ...ids,
  };
}

/**
 * Sends each source as a C-STORE-RQ on an established association and resolves with one result
 * per source, in order. Up to the negotiated window of requests are outstanding at once (the
 * next file is read while the previous one is in flight). Failures are results, never throws.
 * @example
 * ```ts ignore
 * import { storeInstances } from "./storage_scu.ts";
 * const results = await storeInstances(association, [{ name: "a.dcm", read: () => bytes }]);
 * results[0].outcome; // "success"
 * ```
 */
export async function storeInstances(
  association: Association,
  sources: readonly StoreSource[],
  options: StoreInstancesOptions = {},
): Promise<InstanceResult[]> {
  const results: InstanceResult[] = new Array(sources.length);
  const negotiated = maxOutstandingInvoked(association.negotiated);
  const limit = negotiated === 0 ? (options.maxInFlight ?? 16) : negotiated;
  const workers = Math.max(1, Math.min(limit, sources.length));
  const reads = new Map<number, Promise<Uint8Array>>();
  const load = (i: number): Promise<Uint8Array> | undefined => {
    if (i >= sources.length) return undefined;
    let p = reads.get(i);
    if (p === undefined) {
      p = Promise.resolve().then(() => sources[i].read());
      p.catch(() => {}); // reported when awaited
      reads.set(i, p);
    }
    return p;
  };
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const i = next++;
      const source = sources[i];
      const reading = load(i)!;
      load(next); // read ahead while this one is in flight
      let result: InstanceResult;
      if (options.signal?.aborted) {
        reads.delete(i);
        await reading.catch(() => {});
        result = { name: source.name, outcome: "failure", message: "Cancelled", bytes: 0 };
      } else {
        try {
          const bytes = await reading;
          reads.delete(i);
          result = await storeOne(association, source, bytes, options);
        } catch (error) {
          reads.delete(i);
          result = {
            name: source.name,
            outcome: "failure",
            message: `Cannot read: ${errorText(error)}`,
            bytes: 0,
          };
        }
      }
      // The response came, so the peer has every byte (or the association failed, and what is
      // still queued goes nowhere useful): the buffer may be reused.
      source.release?.();
      results[i] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** Counts and timing of a store run. */
export interface StoreSummary {
  /** Instances given. */
  readonly total: number;
  /** Stored with status Success. */
  readonly stored: number;
  /** Stored with a Warning status. */
  readonly warnings: number;
  /** Not stored (refused, unreadable, no context, association failure). */
  readonly failed: number;
  /** Data set bytes sent. */
  readonly bytes: number;
  /** Wall time from the first association request to the last release, in milliseconds. */
  readonly elapsedMs: number;
  /** Associations used (more than one only beyond 128 presentation contexts). */
  readonly associations: number;
  /** Instances sent with their pixel data transcoded (see `InstanceResult.transcoded`). */
  readonly transcoded: number;
  /** Every result, in source order. */
  readonly results: readonly InstanceResult[];
}

/** Options of {@link storeToPeer}. */
export interface StoreToPeerOptions
  extends
    Omit<RequestAssociationOptions, "contexts" | "callingAeTitle" | "calledAeTitle" | "signal">,
    StoreInstancesOptions,
    StorageContextOptions {
  /** What to send. */
  readonly sources: readonly StoreSource[];
  /** Our AE title. Default "DICOMSIM". */
  readonly callingAeTitle?: string;
  /** The peer's AE title. Default "ANY-SCP". */
  readonly calledAeTitle?: string;
  /**
   * Requests to have outstanding at once; proposed as the asynchronous operations window
   * (PS3.7 D.3.3.3) when above 1. Default 1 (synchronous, what every SCP supports).
   */
  readonly window?: number;
}

async function scan(source: StoreSource): Promise<ParsedInstance> {
  if (source.readHeader) {
    try {
      return parseInstance(await source.readHeader(), source.name);
    } catch {
      // The header did not fit the prefix, or the file is bad: read it whole to tell.
    }
  }
  try {
    return parseInstance(await source.read(), source.name);
  } finally {
    source.release?.();
  }
}

/**
 * Stores instances on a peer: reads each source's header, plans the presentation contexts
 * (several associations beyond 128), associates, sends, releases; resolves with a summary. An
 * association that cannot be established fails its instances (and the run goes on); never
 * throws for per-instance problems.
 * @example
 * ```ts ignore
 * import { storeToPeer } from "./storage_scu.ts";
 * const summary = await storeToPeer({
 *   host: "127.0.0.1", port: 11112, calledAeTitle: "STORESCP",
 *   sources: [{ name: "ct.dcm", read: () => Deno.readFileSync("ct.dcm") }],
 * });
 * summary.failed; // 0
 * ```
 */
export async function storeToPeer(options: StoreToPeerOptions): Promise<StoreSummary> {
  const start = performance.now();
  const sources = options.sources;
  const results: InstanceResult[] = new Array(sources.length);
  const scanned: { instance?: ParsedInstance; error?: unknown }[] = new Array(sources.length);
  let nextScan = 0;
  const scanner = async () => {
    while (nextScan < sources.length) {
      const i = nextScan++;
      scanned[i] = await scan(sources[i]).then(
        (instance) => ({ instance }),
        (error) => ({ error }),
      );
    }
  };
  // A few reads at a time: enough to hide latency, few open files.
  await Promise.all(Array.from({ length: Math.min(8, sources.length) }, scanner));
  const good: number[] = [];
  scanned.forEach((s, i) => {
    if (s.instance) good.push(i);
    else {
      results[i] = {
        name: sources[i].name,
        outcome: "failure",
        message: `Cannot read: ${errorText(s.error)}`,
        bytes: 0,
      };
      options.onResult?.(results[i]);
    }
  });
  const batches = planStorageBatches(good.map((i) => scanned[i].instance!), options);
  const window = Math.max(1, options.window ?? 1);
  let associations = 0;
  for (const batch of batches) {
    const indices = batch.indices.map((k) => good[k]);
    let association: Association;
    try {
      association = await requestAssociation({
        ...options,
        callingAeTitle: options.callingAeTitle ?? "DICOMSIM",
        calledAeTitle: options.calledAeTitle ?? "ANY-SCP",
        contexts: batch.contexts,
        asyncOperationsWindow: options.asyncOperationsWindow ??
          (window > 1 ? { maxOperationsInvoked: window, maxOperationsPerformed: 1 } : undefined),
      });
      associations++;
    } catch (error) {
      for (const i of indices) {
        const s = scanned[i].instance!;
        results[i] = {
          name: sources[i].name,
          outcome: "failure",
          message: `Cannot associate: ${errorText(error)}`,
          bytes: 0,
          sopClassUid: s.sopClassUid,
          sopInstanceUid: s.sopInstanceUid,
        };
        options.onResult?.(results[i]);
      }
      continue;
    }
    const batchResults = await storeInstances(association, indices.map((i) => sources[i]), {
      ...options,
      maxInFlight: options.maxInFlight ?? window,
    });
    batchResults.forEach((r, k) => results[indices[k]] = r);
    try {
      await association.release();
    } catch {
      association.abort();
    }
  }
  return summarise(results, performance.now() - start, associations);
}

function summarise(
  results: InstanceResult[],
  elapsedMs: number,
  associations: number,
): StoreSummary {
  let stored = 0;
  let warnings = 0;
  let failed = 0;
  let bytes = 0;
  let transcoded = 0;
  for (const r of results) {
    if (r.transcoded && r.outcome !== "failure") transcoded++;
    if (r.outcome === "success") stored++;
    else if (r.outcome === "warning") warnings++;
    else failed++;
    bytes += r.bytes;
  }
  return {
    total: results.length,
    stored,
    warnings,
    failed,
    bytes,
    elapsedMs,
    associations,
    transcoded,
    results,
  };
}

function syntaxName(uid: string): string {
  return transferSyntax(uid)?.name ?? uid;
}

/**
 * For people: one line with instances sent, warnings, failures, time and throughput; when some
 * were sent with their pixel data transcoded, how many, then one line per such instance with
 * its name and the two syntaxes.
 * @example
 * ```ts
 * import { formatStoreSummary } from "./storage_scu.ts";
 * formatStoreSummary({
 *   total: 2, stored: 2, warnings: 0, failed: 0, bytes: 2_000_000, elapsedMs: 500,
 *   associations: 1, transcoded: 0, results: [],
 * });
 * // "Sent 2 of 2 instances (0 with warnings), 0 failed, 2.0 MB in 0.50 s (4.0 MB/s)"
 * formatStoreSummary({
 *   total: 1, stored: 1, warnings: 0, failed: 0, bytes: 1_000_000, elapsedMs: 1000,
 *   associations: 1, transcoded: 1, results: [{
 *     name: "mr.dcm", outcome: "success", bytes: 1_000_000,
 *     transcoded: { from: "1.2.840.10008.1.2.5", to: "1.2.840.10008.1.2.1" },
 *   }],
 * });
 * // "Sent 1 of 1 instances (0 with warnings), 0 failed, 1.0 MB in 1.00 s (1.0 MB/s), 1 transcoded
 * //  Transcoded mr.dcm: RLE Lossless -> Explicit VR Little Endian"
 * ```
 */
export function formatStoreSummary(summary: StoreSummary): string {
  const sent = summary.stored + summary.warnings;
  const seconds = summary.elapsedMs / 1000;
  const mb = summary.bytes / 1e6;
  const rate = seconds > 0 ? mb / seconds : 0;
  const line = `Sent ${sent} of ${summary.total} instances (${summary.warnings} with warnings), ` +
    `${summary.failed} failed, ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s (${
      rate.toFixed(1)
    } MB/s)`;
  if (!summary.transcoded) return line;
  const lines = [`${line}, ${summary.transcoded} transcoded`];
  for (const r of summary.results) {
    if (r.transcoded === undefined || r.outcome === "failure") continue;
    lines.push(
      `  Transcoded ${r.name}: ${syntaxName(r.transcoded.from)} -> ${syntaxName(r.transcoded.to)}`,
    );
  }
  return lines.join("\n");
}
