/**
 * What an action asks its owner to do, as data: send a PDU, open or close the transport, start or
 * stop the ARTIM timer, or pass a primitive up to the service user (PS3.8 9.2.2).
 * @module
 */

import type { DulPdu } from "./pdu_shapes.ts";

/**
 * Every primitive the state machine issues to its service user (PS3.8 7 and Tables 9-6 to 9-9).
 * @example
 * ```ts
 * import { DUL_PRIMITIVES } from "./effects.ts";
 * DUL_PRIMITIVES.includes("A-P-ABORT indication"); // true
 * ```
 */
export const DUL_PRIMITIVES = [
  "A-ASSOCIATE indication",
  "A-ASSOCIATE confirmation (accept)",
  "A-ASSOCIATE confirmation (reject)",
  "P-DATA indication",
  "A-RELEASE indication",
  "A-RELEASE indication (release collision)",
  "A-RELEASE confirmation",
  "A-ABORT indication",
  "A-P-ABORT indication",
] as const;

/**
 * A primitive issued to the service user.
 * @example
 * ```ts
 * import type { DulPrimitive } from "./effects.ts";
 * const p: DulPrimitive = "A-RELEASE confirmation";
 * ```
 */
export type DulPrimitive = typeof DUL_PRIMITIVES[number];

/**
 * One thing an action asks its owner to do, in the order listed.
 *
 * - `send-pdu`: write the PDU on the transport connection.
 * - `open-transport`: issue TRANSPORT CONNECT (AE-1); the owner answers with Evt2 or Evt17.
 * - `close-transport`: close the transport connection; the owner feeds no Evt17 for it.
 * - `start-artim`: start the ARTIM timer, or restart it when running (AA-1).
 * - `stop-artim`: stop the ARTIM timer if running.
 * - `indicate`: pass the primitive up; `pdu` is the PDU it came with, `providerReason` the
 *   A-P-ABORT provider reason (PS3.8 7.4.1, same codes as the A-ABORT Reason/Diag.).
 * @example
 * ```ts
 * import type { DulEffect } from "./effects.ts";
 * const effects: DulEffect[] = [
 *   { type: "send-pdu", pdu: { type: "A-RELEASE-RP" } },
 *   { type: "start-artim" },
 * ];
 * ```
 */
export type DulEffect =
  | { readonly type: "send-pdu"; readonly pdu: DulPdu }
  | { readonly type: "open-transport" }
  | { readonly type: "close-transport" }
  | { readonly type: "start-artim" }
  | { readonly type: "stop-artim" }
  | {
    readonly type: "indicate";
    readonly primitive: DulPrimitive;
    readonly pdu?: DulPdu;
    readonly providerReason?: number;
  };
