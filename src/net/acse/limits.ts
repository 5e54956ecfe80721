/**
 * Limits negotiated in the user information item: maximum PDU length (PS3.8 D.1, PS3.7 D.3.3.1)
 * and the asynchronous operations window (PS3.7 D.3.3.3).
 * @module
 */

/**
 * The maximum length we announce for receiving P-DATA-TF PDUs when none is configured: 16384,
 * DCMTK's default (`ASC_DEFAULTMAXPDU`); pynetdicom uses 16382. The value is the largest
 * variable field of a P-DATA-TF PDU (PDU length without its 6-byte header, PS3.8 D.1).
 * @example
 * ```ts
 * import { DEFAULT_MAX_PDU_LENGTH } from "./limits.ts";
 * DEFAULT_MAX_PDU_LENGTH; // 16384
 * ```
 */
export const DEFAULT_MAX_PDU_LENGTH = 16384;

/**
 * The asynchronous operations window as carried on the wire (PS3.7 D.3.3.3), from the
 * requestor's point of view: `invoked` is how many operations the requestor may have outstanding
 * on the acceptor, `performed` how many the acceptor may have outstanding on the requestor.
 * 0 means unlimited; 1 means synchronous.
 */
export interface AsyncOperationsWindow {
  /** Maximum-number-operations-invoked (0 = unlimited). */
  readonly invoked: number;
  /** Maximum-number-operations-performed (0 = unlimited). */
  readonly performed: number;
}

/**
 * The window when no Asynchronous Operations Window item is exchanged: synchronous (1, 1).
 * @example
 * ```ts
 * import { SYNCHRONOUS_WINDOW } from "./limits.ts";
 * SYNCHRONOUS_WINDOW.invoked; // 1
 * ```
 */
export const SYNCHRONOUS_WINDOW: AsyncOperationsWindow = Object.freeze({
  invoked: 1,
  performed: 1,
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
 * negotiateAsyncWindow({ invoked: 0, performed: 4 }, { invoked: 8, performed: 1 }).window;
 * // { invoked: 8, performed: 1 }
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
    invoked: minLimit(proposed.invoked, supported.invoked),
    performed: minLimit(proposed.performed, supported.performed),
  };
  return { reply: window, window };
}

/**
 * The window in force as the requestor sees it: the acceptor's answer (never above what was
 * proposed; a larger answer is clamped), or (1, 1) when either side left the item out.
 * @example
 * ```ts
 * import { resolveAsyncWindow } from "./limits.ts";
 * resolveAsyncWindow({ invoked: 16, performed: 1 }, { invoked: 4, performed: 1 }); // { invoked: 4, performed: 1 }
 * resolveAsyncWindow({ invoked: 16, performed: 1 }, undefined); // { invoked: 1, performed: 1 }
 * ```
 */
export function resolveAsyncWindow(
  proposed: AsyncOperationsWindow | undefined,
  reply: AsyncOperationsWindow | undefined,
): AsyncOperationsWindow {
  if (proposed === undefined || reply === undefined) return SYNCHRONOUS_WINDOW;
  return {
    invoked: minLimit(proposed.invoked, reply.invoked),
    performed: minLimit(proposed.performed, reply.performed),
  };
}
