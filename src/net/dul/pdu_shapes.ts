/**
 * The least the state machine needs to know about PDUs: their `type` discriminator, the
 * A-ASSOCIATE-RQ protocol version (AE-6) and the A-ABORT source and reason (AA-3).
 *
 * These are structural shapes, so the full PDU types of `src/net/pdu/` (written in parallel) fit
 * them as they are; the few PDUs the machine builds itself (A-ABORT, A-RELEASE-RQ/RP, the
 * provider's A-ASSOCIATE-RJ) are made only by the functions here, so unifying with `net/pdu`
 * means changing this one file.
 * @module
 */

/**
 * An A-ASSOCIATE-RQ PDU (PS3.8 9.3.2), as far as the state machine looks at it.
 * @example
 * ```ts
 * import type { DulAssociateRqPdu } from "./pdu_shapes.ts";
 * const rq: DulAssociateRqPdu = { type: "A-ASSOCIATE-RQ", protocolVersion: 1 };
 * ```
 */
export interface DulAssociateRqPdu {
  /** The PDU type. */
  readonly type: "A-ASSOCIATE-RQ";
  /** PS3.8 9.3.2 bytes 7-8: one bit per supported protocol version; version 1 is bit 0. */
  readonly protocolVersion: number;
}

/**
 * An A-ASSOCIATE-AC PDU (PS3.8 9.3.3), as far as the state machine looks at it.
 * @example
 * ```ts
 * import type { DulAssociateAcPdu } from "./pdu_shapes.ts";
 * const ac: DulAssociateAcPdu = { type: "A-ASSOCIATE-AC" };
 * ```
 */
export interface DulAssociateAcPdu {
  /** The PDU type. */
  readonly type: "A-ASSOCIATE-AC";
}

/**
 * An A-ASSOCIATE-RJ PDU (PS3.8 9.3.4).
 * @example
 * ```ts
 * import type { DulAssociateRjPdu } from "./pdu_shapes.ts";
 * const rj: DulAssociateRjPdu = { type: "A-ASSOCIATE-RJ", result: 1, source: 1, reason: 7 };
 * ```
 */
export interface DulAssociateRjPdu {
  /** The PDU type. */
  readonly type: "A-ASSOCIATE-RJ";
  /** 1 rejected-permanent, 2 rejected-transient. */
  readonly result: number;
  /** 1 service-user, 2 service-provider (ACSE related), 3 service-provider (presentation related). */
  readonly source: number;
  /** Reason/Diag., meaning depends on the source (PS3.8 Table 9-21). */
  readonly reason: number;
}

/**
 * A P-DATA-TF PDU (PS3.8 9.3.5), as far as the state machine looks at it.
 * @example
 * ```ts
 * import type { DulPDataTfPdu } from "./pdu_shapes.ts";
 * const data: DulPDataTfPdu = { type: "P-DATA-TF" };
 * ```
 */
export interface DulPDataTfPdu {
  /** The PDU type. */
  readonly type: "P-DATA-TF";
}

/**
 * An A-RELEASE-RQ PDU (PS3.8 9.3.6).
 * @example
 * ```ts
 * import type { DulReleaseRqPdu } from "./pdu_shapes.ts";
 * const rq: DulReleaseRqPdu = { type: "A-RELEASE-RQ" };
 * ```
 */
export interface DulReleaseRqPdu {
  /** The PDU type. */
  readonly type: "A-RELEASE-RQ";
}

/**
 * An A-RELEASE-RP PDU (PS3.8 9.3.7).
 * @example
 * ```ts
 * import type { DulReleaseRpPdu } from "./pdu_shapes.ts";
 * const rp: DulReleaseRpPdu = { type: "A-RELEASE-RP" };
 * ```
 */
export interface DulReleaseRpPdu {
  /** The PDU type. */
  readonly type: "A-RELEASE-RP";
}

/**
 * An A-ABORT PDU (PS3.8 9.3.8).
 * @example
 * ```ts
 * import type { DulAbortPdu } from "./pdu_shapes.ts";
 * const abort: DulAbortPdu = { type: "A-ABORT", source: 2, reason: 2 };
 * ```
 */
export interface DulAbortPdu {
  /** The PDU type. */
  readonly type: "A-ABORT";
  /** 0 service-user, 1 reserved, 2 service-provider (see {@link ABORT_SOURCE}). */
  readonly source: number;
  /** Reason/Diag., significant only for the service-provider source (see {@link ABORT_REASON}). */
  readonly reason: number;
}

/**
 * Any PDU the state machine receives or sends.
 * @example
 * ```ts
 * import type { DulPdu } from "./pdu_shapes.ts";
 * const pdu: DulPdu = { type: "A-RELEASE-RQ" };
 * ```
 */
export type DulPdu =
  | DulAssociateRqPdu
  | DulAssociateAcPdu
  | DulAssociateRjPdu
  | DulPDataTfPdu
  | DulReleaseRqPdu
  | DulReleaseRpPdu
  | DulAbortPdu;

/**
 * A-ABORT Source values (PS3.8 9.3.8, Table 9-26).
 * @example
 * ```ts
 * import { ABORT_SOURCE } from "./pdu_shapes.ts";
 * ABORT_SOURCE.serviceProvider; // 2
 * ```
 */
export const ABORT_SOURCE = {
  /** DICOM UL service-user (initiated abort). */
  serviceUser: 0,
  /** Reserved. */
  reserved: 1,
  /** DICOM UL service-provider (initiated abort). */
  serviceProvider: 2,
} as const;

/**
 * A-ABORT Reason/Diag. values for the service-provider source (PS3.8 9.3.8, Table 9-26); also
 * the provider reason of an A-P-ABORT indication (PS3.8 7.4.1).
 * @example
 * ```ts
 * import { ABORT_REASON } from "./pdu_shapes.ts";
 * ABORT_REASON.unexpectedPdu; // 2
 * ```
 */
export const ABORT_REASON = {
  /** Reason not specified. */
  notSpecified: 0,
  /** Unrecognized PDU. */
  unrecognizedPdu: 1,
  /** Unexpected PDU. */
  unexpectedPdu: 2,
  /** Unrecognized PDU parameter. */
  unrecognizedPduParameter: 4,
  /** Unexpected PDU parameter. */
  unexpectedPduParameter: 5,
  /** Invalid PDU parameter value. */
  invalidPduParameterValue: 6,
} as const;

/**
 * Builds an A-ABORT PDU.
 * @example
 * ```ts
 * import { abortPdu } from "./pdu_shapes.ts";
 * abortPdu(2, 2); // { type: "A-ABORT", source: 2, reason: 2 }
 * ```
 */
export function abortPdu(source: number, reason: number): DulAbortPdu {
  return { type: "A-ABORT", source, reason };
}

/**
 * Builds an A-RELEASE-RQ PDU.
 * @example
 * ```ts
 * import { releaseRqPdu } from "./pdu_shapes.ts";
 * releaseRqPdu(); // { type: "A-RELEASE-RQ" }
 * ```
 */
export function releaseRqPdu(): DulReleaseRqPdu {
  return { type: "A-RELEASE-RQ" };
}

/**
 * Builds an A-RELEASE-RP PDU.
 * @example
 * ```ts
 * import { releaseRpPdu } from "./pdu_shapes.ts";
 * releaseRpPdu(); // { type: "A-RELEASE-RP" }
 * ```
 */
export function releaseRpPdu(): DulReleaseRpPdu {
  return { type: "A-RELEASE-RP" };
}

/**
 * Builds an A-ASSOCIATE-RJ PDU.
 * @example
 * ```ts
 * import { associateRjPdu } from "./pdu_shapes.ts";
 * associateRjPdu(1, 2, 2); // rejected-permanent, service-provider (ACSE), protocol version not supported
 * ```
 */
export function associateRjPdu(result: number, source: number, reason: number): DulAssociateRjPdu {
  return { type: "A-ASSOCIATE-RJ", result, source, reason };
}
