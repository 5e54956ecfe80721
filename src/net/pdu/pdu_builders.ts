/**
 * Short constructors for the PDUs built most often; any PDU can also be written as an object
 * literal of the types in `pdu_types.ts`.
 * @module
 */
import type {
  AbortPdu,
  PDataTfPdu,
  Pdv,
  ReleaseRpPdu,
  ReleaseRqPdu,
  UnknownPdu,
} from "./pdu_types.ts";

/** Options of `pdv`. */
export interface PdvOptions {
  /** A command fragment (else a data set fragment). Default false. */
  isCommand?: boolean;
  /** The last fragment of its command or data set. Default true. */
  isLast?: boolean;
}

/**
 * A presentation data value.
 * @example
 * ```ts
 * import { pdv } from "./pdu_builders.ts";
 * pdv(1, new Uint8Array(8), { isCommand: true });
 * // { presentationContextId: 1, isCommand: true, isLast: true, data: Uint8Array(8) }
 * ```
 */
export function pdv(
  presentationContextId: number,
  data: Uint8Array,
  options: PdvOptions = {},
): Pdv {
  return {
    presentationContextId,
    isCommand: options.isCommand ?? false,
    isLast: options.isLast ?? true,
    data,
  };
}

/**
 * A P-DATA-TF carrying `pdvs`.
 * @example
 * ```ts
 * import { pDataTf, pdv } from "./pdu_builders.ts";
 * import { writePdu } from "./write_pdu.ts";
 * writePdu(pDataTf([pdv(1, Uint8Array.of(0xfe, 0xff))])).length; // 14
 * ```
 */
export function pDataTf(pdvs: Pdv[]): PDataTfPdu {
  return { type: "P-DATA-TF", pdvs };
}

/**
 * An A-RELEASE-RQ.
 * @example
 * ```ts
 * import { aReleaseRq } from "./pdu_builders.ts";
 * aReleaseRq(); // { type: "A-RELEASE-RQ" }
 * ```
 */
export function aReleaseRq(): ReleaseRqPdu {
  return { type: "A-RELEASE-RQ" };
}

/**
 * An A-RELEASE-RP.
 * @example
 * ```ts
 * import { aReleaseRp } from "./pdu_builders.ts";
 * aReleaseRp(); // { type: "A-RELEASE-RP" }
 * ```
 */
export function aReleaseRp(): ReleaseRpPdu {
  return { type: "A-RELEASE-RP" };
}

/**
 * An A-ABORT (PS3.8 Table 9-26): by default from the service user (source 0, reason 0); a
 * service-provider abort gives source 2 and a reason such as 6, invalid-PDU-parameter-value.
 * @example
 * ```ts
 * import { aAbort } from "./pdu_builders.ts";
 * aAbort(); // { type: "A-ABORT", source: 0, reason: 0 }
 * aAbort(2, 2); // unexpected-PDU
 * ```
 */
export function aAbort(source: 0 | 1 | 2 = 0, reason = 0): AbortPdu {
  return { type: "A-ABORT", source, reason };
}

/**
 * A PDU written exactly as given: any type code (also the defined ones) and any body, to send
 * malformed or unknown PDUs on purpose.
 * @example
 * ```ts
 * import { rawPdu } from "./pdu_builders.ts";
 * import { writePdu } from "./write_pdu.ts";
 * writePdu(rawPdu(0x05, Uint8Array.of(0, 0))); // an A-RELEASE-RQ 2 bytes short
 * ```
 */
export function rawPdu(pduType: number, body: Uint8Array): UnknownPdu {
  return { type: "UNKNOWN", pduType, body };
}
