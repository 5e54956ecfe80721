/**
 * Errors an association user catches: rejected, aborted, closed, and which timeout fired.
 * @module
 */
import {
  associateRejectReasonName,
  associateRejectResultName,
  associateRejectSourceName,
} from "../pdu/names.ts";
import { abortReasonName, abortSourceName } from "../pdu/names.ts";

/**
 * The peer rejected the association (A-ASSOCIATE-RJ, PS3.8 9.3.4).
 * @example
 * ```ts
 * import { AssociationRejectedError } from "./errors.ts";
 * new AssociationRejectedError(1, 1, 7).message; // includes "called-AE-title-not-recognized"
 * ```
 */
export class AssociationRejectedError extends Error {
  /** 1 rejected-permanent, 2 rejected-transient. */
  readonly result: number;
  /** 1 service-user, 2 service-provider (ACSE), 3 service-provider (presentation). */
  readonly source: number;
  /** The reason code, meaning depends on the source (PS3.8 Table 9-21). */
  readonly reason: number;
  /** Creates it from the A-ASSOCIATE-RJ fields. */
  constructor(result: number, source: number, reason: number) {
    super(
      `Association rejected: ${associateRejectResultName(result)}, ${
        associateRejectSourceName(source)
      }, ${associateRejectReasonName(source, reason)}`,
    );
    this.name = "AssociationRejectedError";
    this.result = result;
    this.source = source;
    this.reason = reason;
  }
}

/**
 * The association was aborted (A-ABORT received, or A-P-ABORT by the provider, PS3.8 9.3.8).
 * @example
 * ```ts
 * import { AssociationAbortedError } from "./errors.ts";
 * new AssociationAbortedError(2, 2).source; // 2
 * ```
 */
export class AssociationAbortedError extends Error {
  /** 0 service-user, 2 service-provider; -1 when we aborted locally. */
  readonly source: number;
  /** The reason (provider aborts), PS3.8 Table 9-26. */
  readonly reason: number;
  /** Creates it from the A-ABORT fields, with optional detail. */
  constructor(source: number, reason: number, detail?: string) {
    const who = source < 0 ? "locally" : `by ${abortSourceName(source)}`;
    const why = source === 2 ? `: ${abortReasonName(source, reason)}` : "";
    super(`Association aborted ${who}${why}${detail ? ` (${detail})` : ""}`);
    this.name = "AssociationAbortedError";
    this.source = source;
    this.reason = reason;
  }
}

/**
 * The association or its transport closed before an operation finished.
 * @example
 * ```ts
 * import { AssociationClosedError } from "./errors.ts";
 * new AssociationClosedError("Connection closed by the peer").name; // "AssociationClosedError"
 * ```
 */
export class AssociationClosedError extends Error {
  /** Creates it with a message. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AssociationClosedError";
  }
}

/** The timeouts a user can set (see `Timeouts`). */
export type TimeoutKind = "connect" | "acse" | "dimse" | "idle" | "artim";

/**
 * A timeout fired; `kind` says which one.
 * @example
 * ```ts
 * import { DicomTimeoutError } from "./errors.ts";
 * new DicomTimeoutError("dimse", 30000).message; // "DIMSE timeout: no response within 30000 ms"
 * ```
 */
export class DicomTimeoutError extends Error {
  /** Which timeout. */
  readonly kind: TimeoutKind;
  /** Its value in milliseconds. */
  readonly ms: number;
  /** Creates it. */
  constructor(kind: TimeoutKind, ms: number, detail?: string) {
    const what: Record<TimeoutKind, string> = {
      connect: "Connect timeout: no connection",
      acse: "Association timeout: no A-ASSOCIATE response",
      dimse: "DIMSE timeout: no response",
      idle: "Network idle timeout: nothing received",
      artim: "ARTIM timeout: the peer did not close",
    };
    super(`${what[kind]} within ${ms} ms${detail ? ` (${detail})` : ""}`);
    this.name = "DicomTimeoutError";
    this.kind = kind;
    this.ms = ms;
  }
}
