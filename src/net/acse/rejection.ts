/**
 * A-ASSOCIATE-RJ result, source and reason (PS3.8 9.3.4, Table 9-21; PS3.8 7.1.1.8-7.1.1.9): the
 * values, the rejections an acceptor commonly sends, and a one-line description built on the
 * names of `net/pdu`.
 * @module
 */
import {
  associateRejectReasonName,
  associateRejectResultName,
  associateRejectSourceName,
} from "../pdu/names.ts";

/** An A-ASSOCIATE-RJ's three parameters. */
export interface Rejection {
  /** 1 rejected-permanent, 2 rejected-transient. */
  readonly result: 1 | 2;
  /**
   * 1 DICOM UL service-user, 2 DICOM UL service-provider (ACSE related function), 3 DICOM UL
   * service-provider (Presentation related function).
   */
  readonly source: 1 | 2 | 3;
  /** Reason/Diag., whose meaning depends on the source. */
  readonly reason: number;
}

/**
 * A-ASSOCIATE-RJ Result values (PS3.8 Table 9-21).
 * @example
 * ```ts
 * import { REJECT_RESULT } from "./rejection.ts";
 * REJECT_RESULT.permanent; // 1
 * ```
 */
export const REJECT_RESULT = {
  /** Rejected (permanent). */
  permanent: 1,
  /** Rejected (transient). */
  transient: 2,
} as const;

/**
 * A-ASSOCIATE-RJ Source values (PS3.8 Table 9-21).
 * @example
 * ```ts
 * import { REJECT_SOURCE } from "./rejection.ts";
 * REJECT_SOURCE.serviceUser; // 1
 * ```
 */
export const REJECT_SOURCE = {
  /** DICOM UL service-user. */
  serviceUser: 1,
  /** DICOM UL service-provider (ACSE related function). */
  serviceProviderAcse: 2,
  /** DICOM UL service-provider (Presentation related function). */
  serviceProviderPresentation: 3,
} as const;

/**
 * A-ASSOCIATE-RJ Reason/Diag. values per source (PS3.8 Table 9-21).
 * @example
 * ```ts
 * import { REJECT_REASON } from "./rejection.ts";
 * REJECT_REASON.serviceUser.calledAeTitleNotRecognized; // 7
 * ```
 */
export const REJECT_REASON = {
  /** Source 1, DICOM UL service-user. */
  serviceUser: {
    /** No-reason-given. */
    noReasonGiven: 1,
    /** Application-context-name-not-supported. */
    applicationContextNameNotSupported: 2,
    /** Calling-AE-title-not-recognized. */
    callingAeTitleNotRecognized: 3,
    /** Called-AE-title-not-recognized. */
    calledAeTitleNotRecognized: 7,
  },
  /** Source 2, DICOM UL service-provider (ACSE related function). */
  serviceProviderAcse: {
    /** No-reason-given. */
    noReasonGiven: 1,
    /** Protocol-version-not-supported. */
    protocolVersionNotSupported: 2,
  },
  /** Source 3, DICOM UL service-provider (Presentation related function). */
  serviceProviderPresentation: {
    /** Temporary-congestion. */
    temporaryCongestion: 1,
    /** Local-limit-exceeded. */
    localLimitExceeded: 2,
  },
} as const;

function freeze(result: 1 | 2, source: 1 | 2 | 3, reason: number): Rejection {
  return Object.freeze({ result, source, reason });
}

/**
 * The rejections an acceptor commonly sends, ready to use.
 * @example
 * ```ts
 * import { REJECTIONS } from "./rejection.ts";
 * REJECTIONS.calledAeTitleNotRecognized; // { result: 1, source: 1, reason: 7 }
 * ```
 */
export const REJECTIONS = {
  /** Permanent, service-user, no-reason-given (also the answer to a refused user identity). */
  noReasonGiven: freeze(1, 1, 1),
  /** Permanent, service-user, application-context-name-not-supported. */
  applicationContextNameNotSupported: freeze(1, 1, 2),
  /** Permanent, service-user, calling-AE-title-not-recognized. */
  callingAeTitleNotRecognized: freeze(1, 1, 3),
  /** Permanent, service-user, called-AE-title-not-recognized. */
  calledAeTitleNotRecognized: freeze(1, 1, 7),
  /** Permanent, service-provider (ACSE), protocol-version-not-supported. */
  protocolVersionNotSupported: freeze(1, 2, 2),
  /** Transient, service-provider (Presentation), temporary-congestion. */
  temporaryCongestion: freeze(2, 3, 1),
  /** Transient, service-provider (Presentation), local-limit-exceeded. */
  localLimitExceeded: freeze(2, 3, 2),
} as const;

/**
 * A one-line description of a rejection, for messages and logs.
 * @example
 * ```ts
 * import { describeRejection } from "./rejection.ts";
 * describeRejection({ result: 1, source: 1, reason: 7 });
 * // "rejected-permanent, service-user: called-AE-title-not-recognized"
 * ```
 */
export function describeRejection(
  rejection: { readonly result: number; readonly source: number; readonly reason: number },
): string {
  return `${associateRejectResultName(rejection.result)}, ${
    associateRejectSourceName(rejection.source)
  }: ${associateRejectReasonName(rejection.source, rejection.reason)}`;
}
