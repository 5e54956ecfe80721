/**
 * Acceptor side: the answer to an A-ASSOCIATE-RQ (PS3.8 7.1, 9.3.3, 9.3.4; PS3.7 D.3), either an
 * A-ASSOCIATE-AC with what was agreed or an A-ASSOCIATE-RJ with result, source and reason.
 * @module
 */
import {
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
} from "../../codec/implementation.ts";
import type {
  AssociateAcPdu,
  AssociateRjPdu,
  AssociateRqPdu,
  UserInformation,
} from "../pdu/pdu_types.ts";
import { sameAeTitle, stripAeTitle } from "./ae_title.ts";
import { DICOM_APPLICATION_CONTEXT_NAME } from "./association_request.ts";
import {
  negotiateSopClassExtended,
  resolveSpecialization,
  type SopClassCommonExtendedHandler,
  type SopClassExtendedHandler,
} from "./extended_negotiation.ts";
import {
  type AsyncOperationsWindow,
  DEFAULT_MAXIMUM_LENGTH_RECEIVED,
  negotiateAsyncWindow,
  SYNCHRONOUS_WINDOW,
} from "./limits.ts";
import {
  negotiateContexts,
  type SopClassRoles,
  type SupportedAbstractSyntax,
} from "./negotiate_contexts.ts";
import type {
  AcceptedContext,
  NegotiatedAssociation,
  RejectedContext,
} from "./negotiated_association.ts";
import { describeRejection, type Rejection, REJECTIONS } from "./rejection.ts";
import { negotiateUserIdentity, type UserIdentityHandler } from "./user_identity.ts";
import { bareUid } from "./_uid.ts";

/** How an acceptor answers association requests. */
export interface AcceptorConfig {
  /** Our AE title; the called AE title must match it (spaces ignored) unless `acceptAnyCalledAeTitle`. */
  readonly aeTitle: string;
  /** Accept whatever called AE title the requestor uses. Default `false`. */
  readonly acceptAnyCalledAeTitle?: boolean;
  /** Calling AE titles allowed to associate. Default: any. */
  readonly callingAeTitles?: readonly string[];
  /** Supported abstract syntaxes with their transfer syntaxes (in preference order) and roles. */
  readonly supported: readonly SupportedAbstractSyntax[];
  /**
   * Largest P-DATA-TF variable field we accept (our Maximum Length sub-item); 0 = unlimited.
   * Default {@link DEFAULT_MAXIMUM_LENGTH_RECEIVED} (16384).
   */
  readonly maxPduLength?: number;
  /** Implementation Class UID to answer with. Default dicomsim's. */
  readonly implementationClassUid?: string;
  /** Implementation Version Name to answer with, `""` for none. Default dicomsim's. */
  readonly implementationVersionName?: string;
  /**
   * The largest asynchronous operations window we agree to, as on the wire (`invoked`: requests
   * the requestor may have outstanding on us; `performed`: requests we may have outstanding on
   * it); 0 = unlimited. Default (1, 1): synchronous.
   */
  readonly asyncOperationsWindow?: AsyncOperationsWindow;
  /** Application context names accepted. Default [{@link DICOM_APPLICATION_CONTEXT_NAME}]. */
  readonly applicationContextNames?: readonly string[];
  /**
   * Called first, after the protocol version check: a rejection to send instead of negotiating
   * (e.g. {@link REJECTIONS}.localLimitExceeded when too many associations are open), or
   * `undefined` to go on. Default: none.
   */
  readonly admit?: (rq: AssociateRqPdu) => Rejection | undefined;
  /**
   * Decides the requestor's user identity (PS3.7 D.3.3.7); a refusal rejects the association
   * (permanent, service-user, no-reason-given). Default: none (identity ignored, no response).
   */
  readonly userIdentity?: UserIdentityHandler;
  /** Answers SOP Class Extended Negotiation sub-items (PS3.7 D.3.3.5). Default: none answered. */
  readonly sopClassExtended?: SopClassExtendedHandler;
  /**
   * Lets an unsupported SOP class be accepted as its related general SOP class when the
   * requestor sent a SOP Class Common Extended Negotiation sub-item (PS3.7 D.3.3.6). Default:
   * none.
   */
  readonly sopClassCommonExtended?: SopClassCommonExtendedHandler;
}

/** The acceptor accepts: the A-ASSOCIATE-AC to send and what it agreed on. */
export interface AcceptOutcome {
  /** The A-ASSOCIATE-AC value. */
  readonly accept: AssociateAcPdu;
  /** What was agreed, seen from the acceptor (`side: "acceptor"`). */
  readonly association: NegotiatedAssociation;
  /** Absent on acceptance. */
  readonly reject?: undefined;
}

/** The acceptor rejects: the A-ASSOCIATE-RJ to send. */
export interface RejectOutcome {
  /** The A-ASSOCIATE-RJ value (result, source, reason). */
  readonly reject: AssociateRjPdu;
  /** Why, for logs: e.g. "rejected-permanent by DICOM UL service-user: called-AE-title-not-recognized". */
  readonly description: string;
  /** Absent on rejection. */
  readonly accept?: undefined;
}

/** The outcome of {@link negotiateAssociation}. */
export type AcceptorOutcome = AcceptOutcome | RejectOutcome;

function rejectWith(rejection: Rejection): RejectOutcome {
  return {
    reject: { type: "A-ASSOCIATE-RJ", ...rejection },
    description: describeRejection(rejection),
  };
}

/**
 * Answers an A-ASSOCIATE-RQ as the acceptor. Checks, in order: protocol version (bit 0 of the
 * field, PS3.8 9.3.2; else RJ 1/2/2), `admit`, application context name (RJ 1/1/2), called AE
 * title (RJ 1/1/7), calling AE title (RJ 1/1/3), user identity (RJ 1/1/1); then negotiates every
 * presentation context, roles, maximum lengths, the asynchronous operations window and extended
 * negotiation. The association is accepted even when no presentation context is (PS3.8 7.1.1.13
 * leaves that to the requestor, which normally aborts).
 * @example
 * ```ts
 * import { buildAssociateRequest } from "./association_request.ts";
 * import { negotiateAssociation } from "./negotiate_association.ts";
 * const rq = buildAssociateRequest({
 *   callingAeTitle: "ECHOSCU", calledAeTitle: "STORESCP",
 *   contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
 * });
 * const outcome = negotiateAssociation(rq, {
 *   aeTitle: "STORESCP",
 *   supported: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
 * });
 * outcome.accept?.presentationContexts[0]; // { id: 1, result: 0, transferSyntax: "1.2.840.10008.1.2" }
 * ```
 */
export function negotiateAssociation(rq: AssociateRqPdu, config: AcceptorConfig): AcceptorOutcome {
  // PS3.8 9.3.2 bytes 7-8: bit 0 set means protocol version 1 is supported.
  if ((rq.protocolVersion & 1) === 0) return rejectWith(REJECTIONS.protocolVersionNotSupported);
  const admission = config.admit?.(rq);
  if (admission !== undefined) return rejectWith(admission);
  const contextNames = config.applicationContextNames ?? [DICOM_APPLICATION_CONTEXT_NAME];
  if (!contextNames.includes(bareUid(rq.applicationContextName))) {
    return rejectWith(REJECTIONS.applicationContextNameNotSupported);
  }
  if (!config.acceptAnyCalledAeTitle && !sameAeTitle(rq.calledAeTitle, config.aeTitle)) {
    return rejectWith(REJECTIONS.calledAeTitleNotRecognized);
  }
  const callingAeTitle = stripAeTitle(rq.callingAeTitle);
  if (
    config.callingAeTitles !== undefined &&
    !config.callingAeTitles.some((t) => sameAeTitle(t, callingAeTitle))
  ) {
    return rejectWith(REJECTIONS.callingAeTitleNotRecognized);
  }
  const info: UserInformation = rq.userInformation ?? {};
  const identity = negotiateUserIdentity(info.userIdentity, callingAeTitle, config.userIdentity);
  if (identity.reject) return rejectWith(REJECTIONS.noReasonGiven);

  const commonExtended = info.sopClassCommonExtendedNegotiations ?? [];
  const roleProposals: SopClassRoles[] = (info.roleSelections ?? []).map((r) => ({
    sopClassUid: r.sopClassUid,
    // PS3.7 D.3.3.4: 0 non-support, 1 support; anything else is read as support.
    scu: r.scuRole !== 0,
    scp: r.scpRole !== 0,
  }));
  const { contexts, roleReplies } = negotiateContexts(rq.presentationContexts, config.supported, {
    roleProposals,
    resolveUnsupported: (abstractSyntax) =>
      resolveSpecialization(
        abstractSyntax,
        commonExtended,
        config.supported,
        config.sopClassCommonExtended,
      ),
  });
  const asyncWindow = negotiateAsyncWindow(
    info.asynchronousOperationsWindow,
    config.asyncOperationsWindow ?? SYNCHRONOUS_WINDOW,
  );
  const sopClassExtended = negotiateSopClassExtended(
    info.sopClassExtendedNegotiations ?? [],
    config.sopClassExtended,
  );
  const maxReceivePduLength = config.maxPduLength ?? DEFAULT_MAXIMUM_LENGTH_RECEIVED;
  const versionName = config.implementationVersionName ?? IMPLEMENTATION_VERSION_NAME;

  const reply: UserInformation = {
    maximumLength: maxReceivePduLength,
    implementationClassUid: config.implementationClassUid ?? IMPLEMENTATION_CLASS_UID,
  };
  if (asyncWindow.reply !== undefined) {
    reply.asynchronousOperationsWindow = { ...asyncWindow.reply };
  }
  if (roleReplies.length > 0) {
    reply.roleSelections = roleReplies.map((r) => ({
      sopClassUid: r.sopClassUid,
      scuRole: r.scu ? 1 : 0,
      scpRole: r.scp ? 1 : 0,
    }));
  }
  if (versionName !== "") reply.implementationVersionName = versionName;
  if (sopClassExtended.length > 0) reply.sopClassExtendedNegotiations = sopClassExtended;
  if (identity.serverResponse !== undefined) {
    reply.userIdentityResponse = { serverResponse: identity.serverResponse };
  }
  const accept: AssociateAcPdu = {
    type: "A-ASSOCIATE-AC",
    protocolVersion: 1,
    // PS3.8 9.3.3: the AE titles come back as received in the A-ASSOCIATE-RQ.
    calledAeTitle: rq.calledAeTitle,
    callingAeTitle: rq.callingAeTitle,
    ...(rq.calledAeTitleBytes ? { calledAeTitleBytes: rq.calledAeTitleBytes } : {}),
    ...(rq.callingAeTitleBytes ? { callingAeTitleBytes: rq.callingAeTitleBytes } : {}),
    applicationContextName: rq.applicationContextName,
    presentationContexts: contexts.map((c) => ({
      id: c.id,
      result: c.result,
      transferSyntax: c.transferSyntax,
    })),
    userInformation: reply,
  };
  const accepted: AcceptedContext[] = [];
  const rejected: RejectedContext[] = [];
  for (const c of contexts) {
    if (c.result === 0) {
      accepted.push({
        id: c.id,
        abstractSyntax: c.abstractSyntax,
        transferSyntax: c.transferSyntax,
        roles: c.roles,
      });
    } else {
      rejected.push({ id: c.id, abstractSyntax: c.abstractSyntax, result: c.result });
    }
  }
  const association: NegotiatedAssociation = {
    side: "acceptor",
    callingAeTitle,
    calledAeTitle: stripAeTitle(rq.calledAeTitle),
    contexts: accepted.sort((a, b) => a.id - b.id),
    rejectedContexts: rejected.sort((a, b) => a.id - b.id),
    // PS3.8 D.1: the requestor's Maximum Length limits what we send; absent, assume the default.
    maxSendPduLength: info.maximumLength ?? DEFAULT_MAXIMUM_LENGTH_RECEIVED,
    maxReceivePduLength,
    asyncOperationsWindow: asyncWindow.window,
    peerImplementationClassUid: info.implementationClassUid ?? "",
    peerImplementationVersionName: info.implementationVersionName,
    sopClassExtended,
    sopClassCommonExtended: commonExtended,
    userIdentityServerResponse: identity.serverResponse,
  };
  return { accept, association };
}
