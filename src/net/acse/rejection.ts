/**
 * A-ASSOCIATE-RJ result, source and reason (PS3.8 9.3.4, Table 9-21; PS3.8 7.1.1.8-7.1.1.9) with
 * their names, and the rejections an acceptor commonly sends.
 * @module
 */

/** An A-ASSOCIATE-RJ's three parameters. */
export interface Rejection {
  /** 1 rejected-permanent, 2 rejected-transient. */
  readonly result: number;
  /**
   * 1 DICOM UL service-user, 2 DICOM UL service-provider (ACSE related function), 3 DICOM UL
   * service-provider (Presentation related function).
   */
  readonly source: number;
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
    noReasonGiven: 1,
    applicationContextNameNotSupported: 2,
    callingAeTitleNotRecognized: 3,
    calledAeTitleNotRecognized: 7,
  },
  /** Source 2, DICOM UL service-provider (ACSE related function). */
  serviceProviderAcse: {
    noReasonGiven: 1,
    protocolVersionNotSupported: 2,
  },
  /** Source 3, DICOM UL service-provider (Presentation related function). */
  serviceProviderPresentation: {
    temporaryCongestion: 1,
    localLimitExceeded: 2,
  },
} as const;

/**
 * The rejections an acceptor commonly sends, ready to use.
 * @example
 * ```ts
 * import { REJECTIONS } from "./rejection.ts";
 * REJECTIONS.calledAeTitleNotRecognized; // { result: 1, source: 1, reason: 7 }
 * ```
 */
export const REJECTIONS = {
  /** Permanent, service-user, no-reason-given (also used for a rejected user identity). */
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

function freeze(result: number, source: number, reason: number): Rejection {
  return Object.freeze({ result, source, reason });
}

/**
 * The name of an A-ASSOCIATE-RJ Result value.
 * @example
 * ```ts
 * import { rejectResultName } from "./rejection.ts";
 * rejectResultName(2); // "rejected-transient"
 * ```
 */
export function rejectResultName(result: number): string {
  switch (result) {
    case 1:
      return "rejected-permanent";
    case 2:
      return "rejected-transient";
    default:
      return `unknown result ${result}`;
  }
}

/**
 * The name of an A-ASSOCIATE-RJ Source value.
 * @example
 * ```ts
 * import { rejectSourceName } from "./rejection.ts";
 * rejectSourceName(3); // "DICOM UL service-provider (presentation related function)"
 * ```
 */
export function rejectSourceName(source: number): string {
  switch (source) {
    case 1:
      return "DICOM UL service-user";
    case 2:
      return "DICOM UL service-provider (ACSE related function)";
    case 3:
      return "DICOM UL service-provider (presentation related function)";
    default:
      return `unknown source ${source}`;
  }
}

/**
 * The name of an A-ASSOCIATE-RJ Reason/Diag. value, which depends on the source; reserved values
 * are named as such.
 * @example
 * ```ts
 * import { rejectReasonName } from "./rejection.ts";
 * rejectReasonName(1, 7); // "called-AE-title-not-recognized"
 * rejectReasonName(3, 2); // "local-limit-exceeded"
 * ```
 */
export function rejectReasonName(source: number, reason: number): string {
  if (source === 1) {
    switch (reason) {
      case 1:
        return "no-reason-given";
      case 2:
        return "application-context-name-not-supported";
      case 3:
        return "calling-AE-title-not-recognized";
      case 7:
        return "called-AE-title-not-recognized";
      default:
        return reason >= 4 && reason <= 10 ? `reserved (${reason})` : `unknown reason ${reason}`;
    }
  }
  if (source === 2) {
    switch (reason) {
      case 1:
        return "no-reason-given";
      case 2:
        return "protocol-version-not-supported";
      default:
        return `unknown reason ${reason}`;
    }
  }
  if (source === 3) {
    switch (reason) {
      case 1:
        return "temporary-congestion";
      case 2:
        return "local-limit-exceeded";
      default:
        return reason === 0 || (reason >= 3 && reason <= 7)
          ? `reserved (${reason})`
          : `unknown reason ${reason}`;
    }
  }
  return `unknown reason ${reason}`;
}

/**
 * A one-line description of a rejection, for messages and logs.
 * @example
 * ```ts
 * import { describeRejection } from "./rejection.ts";
 * describeRejection({ result: 1, source: 1, reason: 7 });
 * // "rejected-permanent by DICOM UL service-user: called-AE-title-not-recognized"
 * ```
 */
export function describeRejection(rejection: Rejection): string {
  return `${rejectResultName(rejection.result)} by ${rejectSourceName(rejection.source)}: ${
    rejectReasonName(rejection.source, rejection.reason)
  }`;
}
