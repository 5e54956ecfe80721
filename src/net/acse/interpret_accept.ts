/**
 * Requestor side: what an A-ASSOCIATE-AC agreed to, checked against the A-ASSOCIATE-RQ that was
 * sent (PS3.8 9.3.3, PS3.7 D.3.3).
 * @module
 */
import type { AssociateAcPdu, AssociateRqPdu } from "./_pdu_shapes.ts";
import { stripAeTitle } from "./ae_title.ts";
import { CONTEXT_RESULT, contextResultName } from "./context_result.ts";
import { AssociationNegotiationError } from "./errors.ts";
import { DEFAULT_MAX_PDU_LENGTH, resolveAsyncWindow } from "./limits.ts";
import type {
  AcceptedContext,
  NegotiatedAssociation,
  RejectedContext,
} from "./negotiated_association.ts";
import { resolveRoles, type Roles } from "./role_selection.ts";

function bare(uid: string): string {
  return uid.replace(/[\0 ]+$/, "");
}

function firstPerSopClass(
  items: readonly { sopClassUid: string; scu: boolean; scp: boolean }[] | undefined,
): Map<string, Roles> {
  const map = new Map<string, Roles>();
  for (const item of items ?? []) {
    const uid = bare(item.sopClassUid);
    if (!map.has(uid)) map.set(uid, { scu: item.scu, scp: item.scp });
  }
  return map;
}

/**
 * Interprets the acceptor's A-ASSOCIATE-AC for the A-ASSOCIATE-RQ we sent: the accepted contexts
 * with their transfer syntax and roles (PS3.7 D.3.3.4), the rejected ones with their result, the
 * maximum PDU lengths each way (a missing Maximum Length sub-item counts as 16384), the
 * asynchronous operations window, extended negotiation and the user identity response. A context
 * the AC leaves out counts as rejected with result 2.
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
  const proposedById = new Map(rq.presentationContexts.map((c) => [c.id, c]));
  const proposedRoles = firstPerSopClass(rq.userInformation.roleSelections);
  const replyRoles = firstPerSopClass(ac.userInformation.roleSelections);
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
    const abstractSyntax = bare(proposal.abstractSyntax);
    if (item.result !== CONTEXT_RESULT.acceptance) {
      rejected.push({ id: item.id, abstractSyntax, result: item.result });
      continue;
    }
    const transferSyntax = bare(item.transferSyntax);
    if (!proposal.transferSyntaxes.some((ts) => bare(ts) === transferSyntax)) {
      throw new AssociationNegotiationError(
        `Cannot interpret A-ASSOCIATE-AC: presentation context ${item.id} accepted with transfer ` +
          `syntax ${JSON.stringify(transferSyntax)}, which was not proposed (proposed: ${
            proposal.transferSyntaxes.join(", ")
          })`,
        "transfer-syntax-not-proposed",
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
        abstractSyntax: bare(proposal.abstractSyntax),
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
    maxSendPduLength: ac.userInformation.maxLength ?? DEFAULT_MAX_PDU_LENGTH,
    maxReceivePduLength: rq.userInformation.maxLength ?? 0,
    asyncOperationsWindow: resolveAsyncWindow(
      rq.userInformation.asyncOperationsWindow,
      ac.userInformation.asyncOperationsWindow,
    ),
    peerImplementationClassUid: ac.userInformation.implementationClassUid ?? "",
    peerImplementationVersionName: ac.userInformation.implementationVersionName,
    sopClassExtended: ac.userInformation.sopClassExtended ?? [],
    sopClassCommonExtended: rq.userInformation.sopClassCommonExtended ?? [],
    userIdentityServerResponse: ac.userInformation.userIdentity?.serverResponse,
  };
}

/**
 * One line per rejected context, for "No acceptable presentation contexts" style messages.
 * @example
 * ```ts
 * import { describeRejectedContexts } from "./interpret_accept.ts";
 * describeRejectedContexts([{ id: 1, abstractSyntax: "1.2.840.10008.1.1", result: 3 }]);
 * // ["1 (1.2.840.10008.1.1): abstract-syntax-not-supported (provider rejection)"]
 * ```
 */
export function describeRejectedContexts(rejected: readonly RejectedContext[]): string[] {
  return rejected.map((c) => `${c.id} (${c.abstractSyntax}): ${contextResultName(c.result)}`);
}
