/**
 * SOP Class Extended Negotiation (PS3.7 D.3.3.5) and SOP Class Common Extended Negotiation
 * (PS3.7 D.3.3.6) on the acceptor's side, decided by hooks.
 * @module
 */
import type {
  SopClassCommonExtendedNegotiation,
  SopClassExtendedNegotiation,
} from "../pdu/pdu_types.ts";
import { findSupported, type SupportedAbstractSyntax } from "./negotiate_contexts.ts";
import { bareUid } from "./_uid.ts";

/**
 * Answers one SOP Class Extended Negotiation sub-item: the Service-class-application-information
 * to return, or `undefined` to return no sub-item for that SOP class (not supported).
 * @example
 * ```ts
 * import type { SopClassExtendedHandler } from "./extended_negotiation.ts";
 * // Query/Retrieve (PS3.4 C.5): accept relational queries only.
 * const handler: SopClassExtendedHandler = (item) => Uint8Array.of(item.serviceClassApplicationInformation[0] ?? 0);
 * ```
 */
export type SopClassExtendedHandler = (
  item: Readonly<SopClassExtendedNegotiation>,
) => Uint8Array | undefined;

/**
 * Decides whether an abstract syntax the acceptor does not support may be accepted as a
 * specialization of the related general SOP classes named by the requestor's SOP Class Common
 * Extended Negotiation sub-item (PS3.7 D.3.3.6). There is no response sub-item.
 * @example
 * ```ts
 * import type { SopClassCommonExtendedHandler } from "./extended_negotiation.ts";
 * const handler: SopClassCommonExtendedHandler = (item) =>
 *   item.serviceClassUid === "1.2.840.10008.4.2"; // Storage Service Class
 * ```
 */
export type SopClassCommonExtendedHandler = (
  item: Readonly<SopClassCommonExtendedNegotiation>,
) => boolean;

/**
 * The SOP Class Extended Negotiation sub-items for the A-ASSOCIATE-AC: the handler's answer to
 * each proposed one (the first per SOP class); none without a handler (PS3.7 D.3.3.5: an
 * acceptor that does not support it returns nothing).
 * @example
 * ```ts
 * import { negotiateSopClassExtended } from "./extended_negotiation.ts";
 * const proposed = [{ sopClassUid: "1.2.840.10008.5.1.4.1.2.2.1", serviceClassApplicationInformation: Uint8Array.of(1) }];
 * negotiateSopClassExtended(proposed, () => Uint8Array.of(0)).length; // 1
 * negotiateSopClassExtended(proposed, undefined).length; // 0
 * ```
 */
export function negotiateSopClassExtended(
  proposed: readonly Readonly<SopClassExtendedNegotiation>[],
  handler: SopClassExtendedHandler | undefined,
): SopClassExtendedNegotiation[] {
  if (handler === undefined) return [];
  const done = new Set<string>();
  const replies: SopClassExtendedNegotiation[] = [];
  for (const item of proposed) {
    const uid = bareUid(item.sopClassUid);
    if (done.has(uid)) continue;
    done.add(uid);
    const info = handler(item);
    if (info !== undefined) {
      replies.push({ sopClassUid: uid, serviceClassApplicationInformation: info });
    }
  }
  return replies;
}

/**
 * The supported entry under which an otherwise unsupported abstract syntax is accepted: the
 * entry of its first supported related general SOP class, when the requestor sent a Common
 * Extended Negotiation sub-item for it and the handler agrees; else `undefined`.
 * @example
 * ```ts
 * import { resolveSpecialization } from "./extended_negotiation.ts";
 * const items = [{
 *   sopClassUid: "1.2.3.4.5", serviceClassUid: "1.2.840.10008.4.2",
 *   relatedGeneralSopClassUids: ["1.2.840.10008.5.1.4.1.1.2"],
 * }];
 * const supported = [{ abstractSyntax: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxes: ["1.2.840.10008.1.2"] }];
 * resolveSpecialization("1.2.3.4.5", items, supported, () => true)?.abstractSyntax;
 * // "1.2.840.10008.5.1.4.1.1.2"
 * ```
 */
export function resolveSpecialization(
  abstractSyntax: string,
  items: readonly Readonly<SopClassCommonExtendedNegotiation>[],
  supported: readonly SupportedAbstractSyntax[],
  handler: SopClassCommonExtendedHandler | undefined,
): SupportedAbstractSyntax | undefined {
  if (handler === undefined) return undefined;
  const item = items.find((i) => bareUid(i.sopClassUid) === abstractSyntax);
  if (item === undefined || !handler(item)) return undefined;
  for (const general of item.relatedGeneralSopClassUids) {
    const entry = findSupported(bareUid(general), supported);
    if (entry !== undefined) return entry;
  }
  return undefined;
}
