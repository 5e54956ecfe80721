/**
 * UID comparison helpers for negotiation.
 * @module
 */

/**
 * A UID as compared: without the trailing NUL or space padding some peers leave (PS3.5 9.1);
 * net/pdu keeps UIDs as they were on the wire.
 * @example
 * ```ts
 * import { bareUid } from "./_uid.ts";
 * bareUid("1.2.840.10008.1.1\0"); // "1.2.840.10008.1.1"
 * ```
 */
export function bareUid(uid: string): string {
  return uid.replace(/[\0 ]+$/, "");
}
