/**
 * Fragmentation of a DIMSE message into PDVs grouped into P-DATA-TF PDUs (PS3.7 Annex F,
 * PS3.8 9.3.5), within the peer's maximum PDU length. Fragments are views, never copies.
 * @module
 */
import { type Pdv, PDV_OVERHEAD } from "./pdv.ts";

/**
 * An encoded DIMSE message: the command set bytes and, when one follows, the data set bytes
 * (in the presentation context's transfer syntax), on one presentation context.
 * @example
 * ```ts
 * import type { DimseMessageBytes } from "./fragment.ts";
 * const msg: DimseMessageBytes = { presentationContextId: 1, command: new Uint8Array(68) };
 * ```
 */
export interface DimseMessageBytes {
  /** The presentation context (odd, 1-255). */
  presentationContextId: number;
  /** The encoded command set (see `encodeCommand`). */
  command: Uint8Array;
  /** The encoded data set; undefined when the command says none follows. */
  dataSet?: Uint8Array;
}

/** Options for `fragmentMessage`. */
export interface FragmentOptions {
  /**
   * Put as many PDVs in a PDU as fit, e.g. the command and the first data fragment together.
   * Default false: one PDV per PDU, as DCMTK sends them (the simplest for every peer).
   */
  packPdvs?: boolean;
}

/** The largest PDU length field (PS3.8 9.3.5: 4 bytes), the limit when the peer sets none. */
const MAX_PDU_LENGTH_FIELD = 0xffffffff;

/**
 * Splits a message into PDVs and groups them into P-DATA-TF PDUs (one inner array per PDU) so
 * that each PDU's variable field (its PDV items: 6 bytes each plus the fragment) is at most
 * `maxPduLength`, the maximum length the peer announced (PS3.8 D.1; 0 means no limit). Command
 * and data set never share a PDV; the last fragment of each carries the last-fragment bit
 * (PS3.8 E.2). Fragments are even-sized where the limit allows, for peers that expect it.
 * @example
 * ```ts
 * import { fragmentMessage } from "./fragment.ts";
 * const pdus = fragmentMessage(
 *   { presentationContextId: 1, command: new Uint8Array(68), dataSet: new Uint8Array(100) },
 *   56,
 * );
 * pdus.length; // 4: the command in 2 PDUs of 50 + 18 bytes, the data set in 2 of 50 bytes
 * pdus[1][0].isLast; // true
 * ```
 */
export function fragmentMessage(
  message: DimseMessageBytes,
  maxPduLength: number,
  options: FragmentOptions = {},
): Pdv[][] {
  const { presentationContextId: id, command, dataSet } = message;
  if (!Number.isInteger(id) || id < 0 || id > 0xff) {
    throw new RangeError(`Cannot fragment message: presentation context ID ${id} is not a byte`);
  }
  if (!Number.isInteger(maxPduLength) || maxPduLength < 0 || maxPduLength > MAX_PDU_LENGTH_FIELD) {
    throw new RangeError(`Cannot fragment message: invalid maximum PDU length ${maxPduLength}`);
  }
  if (maxPduLength > 0 && maxPduLength <= PDV_OVERHEAD) {
    throw new RangeError(
      `Cannot fragment message: maximum PDU length ${maxPduLength} leaves no room for data`,
    );
  }
  const limit = maxPduLength === 0 ? MAX_PDU_LENGTH_FIELD : maxPduLength;
  const pdus: Pdv[][] = [];
  let current: Pdv[] = [];
  let used = 0;
  const pack = options.packPdvs ?? false;
  const flush = () => {
    if (current.length > 0) pdus.push(current);
    current = [];
    used = 0;
  };
  const emit = (bytes: Uint8Array, isCommand: boolean) => {
    let offset = 0;
    do {
      let room = limit - used - PDV_OVERHEAD;
      if (current.length > 0 && (!pack || room < Math.min(2, bytes.length - offset))) {
        flush();
        room = limit - PDV_OVERHEAD;
      }
      const remaining = bytes.length - offset;
      let take = Math.min(remaining, room);
      // Keep fragments even when the room is odd and more follows (a cut inside a 16-bit value
      // is legal, but some peers are happier without it).
      if (take < remaining && take > 1 && (take & 1) === 1) take -= 1;
      const data = bytes.subarray(offset, offset + take);
      offset += take;
      current.push({ presentationContextId: id, isCommand, isLast: offset === bytes.length, data });
      used += PDV_OVERHEAD + take;
    } while (offset < bytes.length);
  };
  emit(command, true);
  if (dataSet !== undefined) emit(dataSet, false);
  flush();
  return pdus;
}
