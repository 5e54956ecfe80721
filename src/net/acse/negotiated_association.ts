/**
 * What an association negotiation agreed on, the same shape for the requestor and the acceptor,
 * and {@link findContextFor} to pick the presentation context for a message.
 * @module
 */
import type {
  SopClassCommonExtendedNegotiation,
  SopClassExtendedNegotiation,
} from "../pdu/pdu_types.ts";
import type { AsyncOperationsWindow } from "./limits.ts";
import type { RolePair, Roles } from "./role_selection.ts";

/** An accepted presentation context. */
export interface AcceptedContext {
  /** The presentation context ID. */
  readonly id: number;
  /** The abstract syntax (SOP class or meta SOP class UID). */
  readonly abstractSyntax: string;
  /** The one transfer syntax accepted for it. */
  readonly transferSyntax: string;
  /** The roles of both sides (PS3.7 D.3.3.4). */
  readonly roles: RolePair;
}

/** A presentation context that was not accepted. */
export interface RejectedContext {
  /** The presentation context ID. */
  readonly id: number;
  /** The abstract syntax proposed. */
  readonly abstractSyntax: string;
  /**
   * Result/Reason: 1-4 (PS3.8 Table 9-18); other values are kept as a peer sent them, and a
   * context the A-ASSOCIATE-AC left out counts as 2 (no-reason).
   */
  readonly result: number;
}

/** What a negotiation agreed on, seen from one side. */
export interface NegotiatedAssociation {
  /** Which side this object describes: the roles "local" and "peer" refer to. */
  readonly side: "requestor" | "acceptor";
  /** The calling AE title (the requestor's), without padding. */
  readonly callingAeTitle: string;
  /** The called AE title (the acceptor's), without padding. */
  readonly calledAeTitle: string;
  /** The accepted presentation contexts, in increasing ID order. */
  readonly contexts: readonly AcceptedContext[];
  /** The contexts not accepted, with their result, in increasing ID order. */
  readonly rejectedContexts: readonly RejectedContext[];
  /**
   * Largest P-DATA-TF variable field (PDU length without its 6-byte header) this side may send:
   * the peer's Maximum Length; 0 = unlimited (PS3.8 D.1).
   */
  readonly maxSendPduLength: number;
  /** Largest P-DATA-TF variable field this side announced it will receive; 0 = unlimited. */
  readonly maxReceivePduLength: number;
  /** The asynchronous operations window, as on the wire (requestor's point of view). */
  readonly asyncOperationsWindow: AsyncOperationsWindow;
  /** The peer's Implementation Class UID ("" when the peer sent none). */
  readonly peerImplementationClassUid: string;
  /** The peer's Implementation Version Name, if sent. */
  readonly peerImplementationVersionName: string | undefined;
  /** SOP class extended negotiation as answered by the acceptor. */
  readonly sopClassExtended: readonly SopClassExtendedNegotiation[];
  /** SOP class common extended negotiation as proposed by the requestor. */
  readonly sopClassCommonExtended: readonly SopClassCommonExtendedNegotiation[];
  /**
   * The acceptor's User Identity server response (PS3.7 D.3.3.7.2) when it sent the sub-item
   * (only when a positive response was requested and the identity accepted); else `undefined`.
   */
  readonly userIdentityServerResponse: Uint8Array | undefined;
}

/**
 * The roles this side plays on a context.
 * @example
 * ```ts
 * import { localRoles } from "./negotiated_association.ts";
 * const context = {
 *   id: 1, abstractSyntax: "1.2.840.10008.1.1", transferSyntax: "1.2.840.10008.1.2",
 *   roles: { requestor: { scu: true, scp: false }, acceptor: { scu: false, scp: true } },
 * };
 * localRoles({ side: "acceptor" }, context); // { scu: false, scp: true }
 * ```
 */
export function localRoles(
  association: Pick<NegotiatedAssociation, "side">,
  context: AcceptedContext,
): Roles {
  return association.side === "requestor" ? context.roles.requestor : context.roles.acceptor;
}

/**
 * The largest number of operations this side may have outstanding (invoked and not yet
 * answered) on the association: 0 = unlimited, 1 = synchronous (PS3.7 D.3.3.3).
 * @example
 * ```ts
 * import { maxOutstandingInvoked } from "./negotiated_association.ts";
 * const asyncOperationsWindow = { maxOperationsInvoked: 8, maxOperationsPerformed: 1 };
 * maxOutstandingInvoked({ side: "requestor", asyncOperationsWindow }); // 8
 * maxOutstandingInvoked({ side: "acceptor", asyncOperationsWindow }); // 1
 * ```
 */
export function maxOutstandingInvoked(
  association: Pick<NegotiatedAssociation, "side" | "asyncOperationsWindow">,
): number {
  const w = association.asyncOperationsWindow;
  return association.side === "requestor" ? w.maxOperationsInvoked : w.maxOperationsPerformed;
}

/** Options of {@link findContextFor}. */
export interface FindContextOptions {
  /**
   * Acceptable transfer syntaxes in order of preference: a context with the first is taken
   * before one with the second, and so on. Default: any, lowest context ID first.
   */
  readonly transferSyntaxes?: readonly string[];
  /**
   * The role this side must play on the context: `"scu"` to send requests (e.g. C-STORE-RQ as
   * a storage SCU), `"scp"` to send them as an SCP (C-STORE sub-operations of a C-GET SCP go on
   * a context where the acceptor is SCU, hence `"scu"` too). Default `"scu"` for the requestor
   * and `"scp"` for the acceptor, i.e. the default roles.
   */
  readonly role?: "scu" | "scp";
}

/**
 * The accepted presentation context to use for a SOP class: matching abstract syntax, a
 * transfer syntax from `options.transferSyntaxes` (in that order of preference) and this side
 * playing `options.role`; `undefined` when there is none.
 * @example
 * ```ts
 * import { findContextFor } from "./negotiated_association.ts";
 * const roles = { requestor: { scu: true, scp: false }, acceptor: { scu: false, scp: true } };
 * const association = {
 *   side: "requestor" as const,
 *   contexts: [
 *     { id: 1, abstractSyntax: "1.2.840.10008.5.1.4.1.1.2", transferSyntax: "1.2.840.10008.1.2", roles },
 *     { id: 3, abstractSyntax: "1.2.840.10008.5.1.4.1.1.2", transferSyntax: "1.2.840.10008.1.2.4.50", roles },
 *   ],
 * };
 * findContextFor(association, "1.2.840.10008.5.1.4.1.1.2", {
 *   transferSyntaxes: ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2"],
 * })?.id; // 3
 * ```
 */
export function findContextFor(
  association: Pick<NegotiatedAssociation, "side" | "contexts">,
  sopClassUid: string,
  options: FindContextOptions = {},
): AcceptedContext | undefined {
  const role = options.role ?? (association.side === "requestor" ? "scu" : "scp");
  const candidates = association.contexts
    .filter((c) => c.abstractSyntax === sopClassUid && localRoles(association, c)[role])
    .sort((a, b) => a.id - b.id);
  if (options.transferSyntaxes === undefined) return candidates[0];
  for (const ts of options.transferSyntaxes) {
    const found = candidates.find((c) => c.transferSyntax === ts);
    if (found !== undefined) return found;
  }
  return undefined;
}
