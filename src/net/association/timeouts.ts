/**
 * The timeouts of an association, each one a user can find and set.
 * @module
 */

/** Timeouts in milliseconds; 0 or Infinity means none. */
export interface Timeouts {
  /** Establishing the TCP/TLS connection. Default 30 000. */
  connectMs?: number;
  /** Waiting for A-ASSOCIATE-AC/RJ (requestor) or for A-ASSOCIATE-RQ (acceptor). Default 30 000. */
  acseMs?: number;
  /** Waiting for each DIMSE response (per response, so pending responses reset it). Default 60 000. */
  dimseMs?: number;
  /** Closing an association on which nothing was received for this long. Default none. */
  idleMs?: number;
  /** The ARTIM timer of PS3.8 9.1.5. Default 30 000. */
  artimMs?: number;
}

/** The defaults (DCMTK uses 30 s for ACSE and leaves DIMSE unlimited; a test tool wants a bound). */
export const DEFAULT_TIMEOUTS: Readonly<Required<Timeouts>> = Object.freeze({
  connectMs: 30_000,
  acseMs: 30_000,
  dimseMs: 60_000,
  idleMs: 0,
  artimMs: 30_000,
});

/**
 * Fills in defaults.
 * @example
 * ```ts
 * import { resolveTimeouts } from "./timeouts.ts";
 * resolveTimeouts({ dimseMs: 5000 }).acseMs; // 30000
 * ```
 */
export function resolveTimeouts(t: Timeouts = {}): Required<Timeouts> {
  return {
    ...DEFAULT_TIMEOUTS,
    ...Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)),
  };
}

/** True when a timeout value means "wait" (not 0, not Infinity). */
export function isBounded(ms: number): boolean {
  return ms > 0 && Number.isFinite(ms);
}
