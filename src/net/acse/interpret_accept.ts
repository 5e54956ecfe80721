/**
 * Requestor side: what an A-ASSOCIATE-AC agreed to, checked against the A-ASSOCIATE-RQ that was
 * sent (PS3.8 9.3.3, PS3.7 D.3.3).
 * @module
 */
import { presentationContextResultName } from "../pdu/names.ts";
import type { AssociateAcPdu, AssociateRqPdu, RoleSelection } from "../pdu/pdu_types.ts";
import { stripAeTitle } from "./ae_title.ts";
import { CONTEXT_RESULT } from "./context_result.ts";
import { AssociationNegotiationError } from "./errors.ts";
import { DEFAULT_MAXIMUM_LENGTH_RECEIVED, resolveAsyncWindow } from "./limits.ts";
import type {
  AcceptedContext,
  NegotiatedAssociation,
  RejectedContext,
} from "./negotiated_association.ts";
import { resolveRoles, type Roles } from "./role_selection.ts";
import { bareUid } from "./_uid.ts";

/** The first role selection sub-item per SOP class, as booleans (0 non-support, else support). */
function rolesBySopClass(items: readonly RoleSelection[] | undefined): Map<string, Roles> {
  const map = new Map<string, Roles>();
  for (const item of items ?? []) {
    const uid = bareUid(item.sopClassUid);
    if (!map.has(uid)) map.set(uid, { scu: item.scuRole !== 0, scp: item.scpRole !== 0 });
  }
  return map;
}

/**
 * Interprets the acceptor's A-ASSOCIATE-AC for the A-ASSOCIATE-RQ we sent: the accepted contexts
 * with their transfer syntax and roles (PS3.7 D.3.3.4), the rejected ones with their result, the
 * maximum PDU lengths each way (a missing Maximum Length sub-item counts as 16384), the
 * asynchronous operations window, extended negotiation and the user identity response. A context
 * the AC leaves out counts as rejected with result 2 (no-reason).
 * @throws {AssociationNegotiationError} when the AC answers a context ID that was not proposed,
 * answers one twice, or accepts a transfer syntax that was not proposed for that context.
 * @example
 * ```ts
 * import { buildAssociateRequest } from "./association_request.ts";
 * import { interpretAssociateAccept } from "./interpret_accept.ts";
 * import { negotiateAssociation } from "./negotiate_association.ts";
 * const rq = buildAssociateRequest({
 *   callingAeTitle: "ECHOSCU", calledAeTitle: "ANY-SCP",
 *   contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
 * });
 * const { accept } = negotiateAssociation(rq, {
 *   aeTitle: "ANY-SCP",
 *   supported: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
 * });
 * interpretAssociateAccept(rq, accept!).contexts[0].transferSyntax; // "1.2.840.10008.1.2"
 * ```
 */
export function interpretAssociateAccept(
  rq: AssociateRqPdu,
  ac: AssociateAcPdu,
): NegotiatedAssociation {
  const rqInfo = rq.userInformation ?? {};
  const acInfo = ac.userInformation ?? {};
  const proposedById = new Map(rq.presentationContexts.map((c) => [c.id, c]));
  const proposedRoles = rolesBySopClass(rqInfo.roleSelections);
  const replyRoles = rolesBySopClass(acInfo.roleSelections);
  const answered = new Set<number>();
  const accepted: AcceptedContext[] = [];
  const rejected: RejectedContext[] = [];
  for (const item of ac.presentationContexts) {
    const proposal = proposedById.get(item.id);
    if (proposal === undefined) {
      throw new AssociationNegotiationError(
        `Cannot interpret A-ASSOCIATE-AC: presentation context ${item.id} was not proposed ` +
          `(proposed: ${[...proposedById.keys()].join(", ")})`,
        "unknown-context-id",
        item.id,
      );
    }
    if (answered.has(item.id)) {
      throw new AssociationNegotiationError(
        `Cannot interpret A-ASSOCIATE-AC: presentation context ${item.id} answered twice`,
        "duplicate-context-id",
        item.id,
      );
    }
    answered.add(item.id);
    const abstractSyntax = bareUid(proposal.abstractSyntax);
    if (item.result !== CONTEXT_RESULT.acceptance) {
      rejected.push({ id: item.id, abstractSyntax, result: item.result });
      continue;
    }
    const transferSyntax = bareUid(item.transferSyntax ?? "");
    if (!proposal.transferSyntaxes.some((ts) => bareUid(ts) === transferSyntax)) {
      throw new AssociationNegotiationError(
        `Cannot interpret A-ASSOCIATE-AC: presentation context ${item.id} accepted with ` +
          (item.transferSyntax === undefined
            ? "no transfer syntax"
            : `transfer syntax ${JSON.stringify(transferSyntax)}, which was not proposed`) +
          ` (proposed: ${proposal.transferSyntaxes.join(", ")})`,
        item.transferSyntax === undefined
          ? "missing-transfer-syntax"
          : "transfer-syntax-not-proposed",
        item.id,
      );
    }
    accepted.push({
      id: item.id,
      abstractSyntax,
      transferSyntax,
      roles: resolveRoles(proposedRoles.get(abstractSyntax), replyRoles.get(abstractSyntax)),
    });
  }
  for (const proposal of rq.presentationContexts) {
    if (!answered.has(proposal.id)) {
      rejected.push({
        id: proposal.id,
        abstractSyntax: bareUid(proposal.abstractSyntax),
        result: CONTEXT_RESULT.noReason,
      });
    }
  }
  return {
    side: "requestor",
    callingAeTitle: stripAeTitle(rq.callingAeTitle),
    calledAeTitle: stripAeTitle(rq.calledAeTitle),
    contexts: accepted.sort((a, b) => a.id - b.id),
    rejectedContexts: rejected.sort((a, b) => a.id - b.id),
    // PS3.8 D.1: the acceptor's Maximum Length limits what we send.
    maxSendPduLength: acInfo.maximumLength ?? DEFAULT_MAXIMUM_LENGTH_RECEIVED,
    maxReceivePduLength: rqInfo.maximumLength ?? DEFAULT_MAXIMUM_LENGTH_RECEIVED,
    asyncOperationsWindow: resolveAsyncWindow(
      rqInfo.asynchronousOperationsWindow,
      acInfo.asynchronousOperationsWindow,
    ),
    peerImplementationClassUid: acInfo.implementationClassUid ?? "",
    peerImplementationVersionName: acInfo.implementationVersionName,
    sopClassExtended: acInfo.sopClassExtendedNegotiations ?? [],
    sopClassCommonExtended: rqInfo.sopClassCommonExtendedNegotiations ?? [],
    userIdentityServerResponse: acInfo.userIdentityResponse?.serverResponse,
  };
}

/**
 * One line per rejected context, for "No acceptable presentation contexts" style messages.
 * @example
 * ```ts
 * import { describeRejectedContexts } from "./interpret_accept.ts";
 * describeRejectedContexts([{ id: 1, abstractSyntax: "1.2.840.10008.1.1", result: 3 }]);
 * // ["1 (1.2.840.10008.1.1): abstract-syntax-not-supported"]
 * ```
 */
export function describeRejectedContexts(rejected: readonly RejectedContext[]): string[] {
  return rejected.map((c) =>
    `${c.id} (${c.abstractSyntax}): ${presentationContextResultName(c.result)}`
  );
}
