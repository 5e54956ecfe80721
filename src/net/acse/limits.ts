/**
 * Limits negotiated in the user information item: maximum PDU length (PS3.8 D.1, PS3.7 D.3.3.1)
 * and the asynchronous operations window (PS3.7 D.3.3.3).
 * @module
 */

/**
 * The Maximum-length-received we announce (PS3.8 D.1) when none is configured: 16384,
 * DCMTK's default (`ASC_DEFAULTMAXPDU`); pynetdicom uses 16382. The value is the largest
 * variable field of a P-DATA-TF PDU (PDU length without its 6-byte header). Not to be confused
 * with net/pdu's `DEFAULT_MAX_PDU_LENGTH`, the reader's buffering limit.
 * @example
 * ```ts
 * import { DEFAULT_MAXIMUM_LENGTH_RECEIVED } from "./limits.ts";
 * DEFAULT_MAXIMUM_LENGTH_RECEIVED; // 16384
 * ```
 */
export const DEFAULT_MAXIMUM_LENGTH_RECEIVED = 16384;

/**
 * The asynchronous operations window as carried on the wire (PS3.7 D.3.3.3, the fields of the
 * net/pdu sub-item), from the requestor's point of view: `maxOperationsInvoked` is how many
 * operations the requestor may have outstanding on the acceptor, `maxOperationsPerformed` how
 * many the acceptor may have outstanding on the requestor. 0 means unlimited; 1 synchronous.
 */
export interface AsyncOperationsWindow {
  /** Maximum-number-operations-invoked (0 = unlimited). */
  readonly maxOperationsInvoked: number;
  /** Maximum-number-operations-performed (0 = unlimited). */
  readonly maxOperationsPerformed: number;
}

/**
 * The window when no Asynchronous Operations Window item is exchanged: synchronous (1, 1).
 * @example
 * ```ts
 * import { SYNCHRONOUS_WINDOW } from "./limits.ts";
 * SYNCHRONOUS_WINDOW.maxOperationsInvoked; // 1
 * ```
 */
export const SYNCHRONOUS_WINDOW: AsyncOperationsWindow = Object.freeze({
  maxOperationsInvoked: 1,
  maxOperationsPerformed: 1,
});

/**
 * The smaller of two limits where 0 means unlimited.
 * @example
 * ```ts
 * import { minLimit } from "./limits.ts";
 * minLimit(0, 5); // 5
 * minLimit(3, 5); // 3
 * minLimit(0, 0); // 0
 * ```
 */
export function minLimit(a: number, b: number): number {
  if (a === 0) return b;
  if (b === 0) return a;
  return Math.min(a, b);
}

/** The acceptor's answer to an Asynchronous Operations Window item. */
export interface AsyncWindowOutcome {
  /** The item to return in the A-ASSOCIATE-AC, or `undefined` when none was proposed. */
  readonly reply: AsyncOperationsWindow | undefined;
  /** The window in force on the association. */
  readonly window: AsyncOperationsWindow;
}

/**
 * The acceptor's side of the window negotiation: each value is the smaller of the proposed and
 * the supported one (0 = unlimited; PS3.7 D.3.3.3 lets the acceptor negotiate down, never up).
 * Without a proposal there is no reply and the window is (1, 1).
 * @example
 * ```ts
 * import { negotiateAsyncWindow } from "./limits.ts";
 * const proposed = { maxOperationsInvoked: 0, maxOperationsPerformed: 4 };
 * const supported = { maxOperationsInvoked: 8, maxOperationsPerformed: 1 };
 * negotiateAsyncWindow(proposed, supported).window;
 * // { maxOperationsInvoked: 8, maxOperationsPerformed: 1 }
 * ```
 */
export function negotiateAsyncWindow(
  proposed: AsyncOperationsWindow | undefined,
  supported: AsyncOperationsWindow,
): AsyncWindowOutcome {
  // PS3.7 D.3.3.3: "If this negotiation is not present in the A-ASSOCIATE indication it shall be
  // omitted in the A-ASSOCIATE response".
  if (proposed === undefined) return { reply: undefined, window: SYNCHRONOUS_WINDOW };
  const window = {
    maxOperationsInvoked: minLimit(proposed.maxOperationsInvoked, supported.maxOperationsInvoked),
    maxOperationsPerformed: minLimit(
      proposed.maxOperationsPerformed,
      supported.maxOperationsPerformed,
    ),
  };
  return { reply: window, window };
}

/**
 * The window in force as the requestor sees it: the acceptor's answer (never above what was
 * proposed; a larger answer is clamped), or (1, 1) when either side left the item out.
 * @example
 * ```ts
 * import { resolveAsyncWindow } from "./limits.ts";
 * const proposed = { maxOperationsInvoked: 16, maxOperationsPerformed: 1 };
 * resolveAsyncWindow(proposed, { maxOperationsInvoked: 4, maxOperationsPerformed: 1 });
 * // { maxOperationsInvoked: 4, maxOperationsPerformed: 1 }
 * resolveAsyncWindow(proposed, undefined); // { maxOperationsInvoked: 1, maxOperationsPerformed: 1 }
 * ```
 */
export function resolveAsyncWindow(
  proposed: AsyncOperationsWindow | undefined,
  reply: AsyncOperationsWindow | undefined,
): AsyncOperationsWindow {
  if (proposed === undefined || reply === undefined) return SYNCHRONOUS_WINDOW;
  return {
    maxOperationsInvoked: minLimit(proposed.maxOperationsInvoked, reply.maxOperationsInvoked),
    maxOperationsPerformed: minLimit(proposed.maxOperationsPerformed, reply.maxOperationsPerformed),
  };
}
