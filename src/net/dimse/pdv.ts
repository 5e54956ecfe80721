/**
 * A Presentation Data Value (PS3.8 9.3.5.1, Annex E): one fragment of a command or data set
 * inside a P-DATA-TF PDU, as the DIMSE layer sees it.
 * @module
 */

/**
 * One PDV: the presentation context, the two bits of its Message Control Header (PS3.8 E.2:
 * bit 0 set for a command, bit 1 set for the last fragment) and the fragment bytes. A structural
 * shape, so the PDV type of `src/net/pdu/` fits it as it is.
 * @example
 * ```ts
 * import type { Pdv } from "./pdv.ts";
 * const pdv: Pdv = { presentationContextId: 1, isCommand: true, isLast: true, data: new Uint8Array(0) };
 * ```
 */
export interface Pdv {
  /** Presentation Context ID (odd, 1-255) the fragment belongs to. */
  readonly presentationContextId: number;
  /** Message Control Header bit 0: true for command information, false for a data set. */
  readonly isCommand: boolean;
  /** Message Control Header bit 1: true for the last fragment of the command or data set. */
  readonly isLast: boolean;
  /** The fragment (a view; not copied). */
  readonly data: Uint8Array;
}

/**
 * Bytes a PDV adds to its fragment inside a P-DATA-TF PDU: the 4-byte Item-length, the
 * Presentation Context ID and the Message Control Header (PS3.8 9.3.5.1).
 * @example
 * ```ts
 * import { PDV_OVERHEAD } from "./pdv.ts";
 * PDV_OVERHEAD; // 6
 * ```
 */
export const PDV_OVERHEAD = 6;
