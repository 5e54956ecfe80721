/**
 * A JSON Lines trace of association events (one record per line), written by every command
 * that takes `--trace FILE`. Version 1 of the format: `{ "v": 1, "t": ms, "conn": id, "dir":
 * "out"|"in"|undefined, "kind": event type, ...details }`; PDU records carry the PDU with binary
 * values as hex strings (P-DATA values as their length only) and, when written with `raw`, the
 * PDU's full bytes in `raw` (base64). The first record of a connection may carry its `local`
 * and `remote` addresses (`host:port`).
 * @module
 */
import { encodeBase64 } from "../codec/base64.ts";
import type { AssociationEvent } from "../net/association/association.ts";
import { writePdu } from "../net/pdu/write_pdu.ts";

/** The trace format version. */
export const TRACE_FORMAT_VERSION = 1;

/** Options of `traceRecord` and `JsonlTrace`. */
export interface TraceRecordOptions {
  /** Add the PDU's full bytes as base64 in `raw` (PDU records). Default false for
   * `traceRecord`, true for `JsonlTrace`. */
  raw?: boolean;
  /** The connection's addresses, added as `local` and `remote`. Default: none. */
  endpoints?: { local: string; remote: string };
}

/**
 * A value made JSON-safe the way trace records hold it: byte arrays of up to 64 bytes as hex,
 * longer ones as `{ bytes: length }`, bigints as strings.
 * @example
 * ```ts
 * import { toJsonSafe } from "./jsonl_trace.ts";
 * toJsonSafe({ a: Uint8Array.of(1, 255) }); // { a: "01ff" }
 * ```
 */
export function toJsonSafe(value: unknown, depth = 0): unknown {
  if (depth > 8) return "…";
  if (value instanceof Uint8Array) {
    if (value.length > 64) return { bytes: value.length };
    return Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((v) => toJsonSafe(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonSafe(v, depth + 1);
    return out;
  }
  return value;
}

/**
 * The trace record of an event.
 * @example
 * ```ts
 * import { traceRecord } from "./jsonl_trace.ts";
 * traceRecord("tcp-1", { type: "pdu-sent", pdu: { type: "A-RELEASE-RQ" }, length: 10, at: 5 }).kind;
 * // "pdu-sent"
 * ```
 */
export function traceRecord(
  connectionId: string,
  event: AssociationEvent,
  options: TraceRecordOptions = {},
): Record<string, unknown> {
  const base = {
    v: TRACE_FORMAT_VERSION,
    t: Math.round(event.at * 1000) / 1000,
    conn: connectionId,
    kind: event.type,
    ...(options.endpoints
      ? { local: options.endpoints.local, remote: options.endpoints.remote }
      : {}),
  };
  switch (event.type) {
    case "pdu-sent":
    case "pdu-received": {
      // Anything the reader accepts the writer writes back byte for byte.
      const bytes = options.raw ? event.bytes ?? writePdu(event.pdu) : undefined;
      return {
        ...base,
        dir: event.type === "pdu-sent" ? "out" : "in",
        length: event.length || bytes?.length || 0,
        pdu: toJsonSafe(event.pdu),
        ...(bytes ? { raw: encodeBase64(bytes) } : {}),
      };
    }
    case "transition": {
      const t = event.transition;
      return { ...base, from: t.from, event: t.event.type, action: t.action, to: t.to };
    }
    case "dimse-sent":
    case "dimse-received":
      return {
        ...base,
        dir: event.type === "dimse-sent" ? "out" : "in",
        context: event.presentationContextId,
        dataSetLength: event.dataSetLength,
        message: toJsonSafe(event.message),
      };
    case "error":
      return { ...base, error: event.error.message };
    case "closed":
      return { ...base, reason: event.end.reason, error: event.end.error?.message };
  }
}

/**
 * Collects trace lines and hands each to `write` (e.g. an append to a file).
 * @example
 * ```ts
 * import { JsonlTrace } from "./jsonl_trace.ts";
 * const lines: string[] = [];
 * const trace = new JsonlTrace((line) => lines.push(line));
 * trace.record("memory-1", { type: "error", error: new Error("x"), at: 0 });
 * lines.length; // 1
 * ```
 */
export class JsonlTrace {
  #write: (line: string) => void;
  #raw: boolean;
  #seen = new Set<string>();
  /** `options.raw`: keep each PDU's full bytes in `raw` (default true). */
  constructor(write: (line: string) => void, options: { raw?: boolean } = {}) {
    this.#write = write;
    this.#raw = options.raw ?? true;
  }
  /** Writes one event as one line; `endpoints` (e.g. the transport's addresses) go on the
   * first record of each connection. */
  record(
    connectionId: string,
    event: AssociationEvent,
    endpoints?: { local: string; remote: string },
  ): void {
    const first = !this.#seen.has(connectionId);
    this.#seen.add(connectionId);
    const record = traceRecord(connectionId, event, {
      raw: this.#raw,
      endpoints: first ? endpoints : undefined,
    });
    this.#write(JSON.stringify(record) + "\n");
  }
}
