/**
 * PDU length limits, checked from the 6-byte header before a body is buffered.
 * @module
 */
import { PduLimitError } from "./errors.ts";

/** The default limit for both `maxPduLength` and `maxOtherPduLength`: 1 MiB. */
export const DEFAULT_MAX_PDU_LENGTH = 1_048_576;

/** The error for a PDU header whose length exceeds its limit, or undefined (0 = no limit). */
export function pduLimitError(
  pduType: number,
  pduLength: number,
  maxPduLength: number,
  maxOtherPduLength: number,
): PduLimitError | undefined {
  // P-DATA-TF is bounded by the Maximum Length the receiver announced (PS3.8 D.1); the
  // association PDUs are not, so they get their own limit.
  const isData = pduType === 0x04;
  const limit = isData ? maxPduLength : maxOtherPduLength;
  if (limit > 0 && pduLength > limit) {
    return new PduLimitError(
      pduType,
      pduLength,
      isData ? "maxPduLength" : "maxOtherPduLength",
      limit,
    );
  }
  return undefined;
}
