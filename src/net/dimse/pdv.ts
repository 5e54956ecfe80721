/**
 * A Presentation Data Value (PS3.8 9.3.5.1, Annex E): one fragment of a command or data set
 * inside a P-DATA-TF PDU, as the DIMSE layer sees it.
 * @module
 */

/**
 * One PDV: the presentation context, the two bits of its Message Control Header (PS3.8 E.2:
 * bit 0 set for a command, bit 1 set for the last fragment) and the fragment bytes; the PDU
 * layer's type, so that a PDV read from a P-DATA-TF PDU goes to the DIMSE layer as it is.
 * @example
 * ```ts
 * import type { Pdv } from "./pdv.ts";
 * const pdv: Pdv = { presentationContextId: 1, isCommand: true, isLast: true, data: new Uint8Array(0) };
 * ```
 */
export type { Pdv } from "../pdu/pdu_types.ts";

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
