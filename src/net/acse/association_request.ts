/**
 * Requestor side: an A-ASSOCIATE-RQ (PS3.8 9.3.2) from a friendly configuration.
 * @module
 */
import {
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
} from "../../codec/implementation.ts";
import type {
  AssociateRqPdu,
  SopClassCommonExtendedNegotiation,
  SopClassExtendedNegotiation,
  UserInformation,
} from "../pdu/pdu_types.ts";
import { checkAeTitle } from "./ae_title.ts";
import { AssociationNegotiationError } from "./errors.ts";
import { type AsyncOperationsWindow, DEFAULT_MAXIMUM_LENGTH_RECEIVED } from "./limits.ts";
import type { SopClassRoles } from "./negotiate_contexts.ts";
import { type ContextRequest, proposeContexts } from "./presentation_contexts.ts";
import type { Roles } from "./role_selection.ts";
import { type UserIdentity, userIdentityRequest } from "./user_identity.ts";

/**
 * The DICOM Application Context Name (PS3.7 Annex A.2.1), the only one in use.
 * @example
 * ```ts
 * import { DICOM_APPLICATION_CONTEXT_NAME } from "./association_request.ts";
 * DICOM_APPLICATION_CONTEXT_NAME; // "1.2.840.10008.3.1.1.1"
 * ```
 */
export const DICOM_APPLICATION_CONTEXT_NAME = "1.2.840.10008.3.1.1.1";

/** A requested presentation context with an optional role proposal. */
export interface RequestedContext extends ContextRequest {
  /**
   * Roles to propose for this SOP class in an SCP/SCU Role Selection sub-item (PS3.7
   * D.3.3.4), e.g. `{ scu: false, scp: true }` for the storage SOP classes of a C-GET SCU.
   * Default: no sub-item (requestor SCU only).
   */
  readonly roles?: Roles;
}

/** Options of {@link buildAssociateRequest}. */
export interface AssociateRequestOptions {
  /** Our AE title (1-16 characters, PS3.5 AE VR). */
  readonly callingAeTitle: string;
  /** The peer's AE title. */
  readonly calledAeTitle: string;
  /** What to propose; contexts get the odd IDs 1, 3, 5, ... in this order. */
  readonly contexts: readonly RequestedContext[];
  /**
   * One presentation context per (abstract syntax, transfer syntax) pair instead of one per
   * abstract syntax. Default `false`.
   */
  readonly onePerTransferSyntax?: boolean;
  /**
   * Largest P-DATA-TF variable field we accept (Maximum Length sub-item, PS3.8 D.1); 0 =
   * unlimited. Default {@link DEFAULT_MAXIMUM_LENGTH_RECEIVED} (16384, as DCMTK).
   */
  readonly maxPduLength?: number;
  /** Implementation Class UID (PS3.7 D.3.3.2). Default dicomsim's. */
  readonly implementationClassUid?: string;
  /** Implementation Version Name, 1-16 characters, `""` to leave the sub-item out. Default dicomsim's. */
  readonly implementationVersionName?: string;
  /** Asynchronous Operations Window to propose (PS3.7 D.3.3.3). Default: no sub-item (1, 1). */
  readonly asyncOperationsWindow?: AsyncOperationsWindow;
  /**
   * Extra SCP/SCU Role Selection sub-items, e.g. for a SOP class proposed without `roles`;
   * these come after those from `contexts`, and a SOP class already given is skipped.
   * Default none.
   */
  readonly roleSelections?: readonly SopClassRoles[];
  /** SOP Class Extended Negotiation sub-items (PS3.7 D.3.3.5). Default none. */
  readonly sopClassExtended?: readonly Readonly<SopClassExtendedNegotiation>[];
  /** SOP Class Common Extended Negotiation sub-items (PS3.7 D.3.3.6). Default none. */
  readonly sopClassCommonExtended?: readonly Readonly<SopClassCommonExtendedNegotiation>[];
  /** User identity to send (PS3.7 D.3.3.7). Default none. */
  readonly userIdentity?: UserIdentity;
  /** Ask the acceptor to confirm the user identity. Default `false`. */
  readonly requestUserIdentityResponse?: boolean;
  /** Application Context Name. Default {@link DICOM_APPLICATION_CONTEXT_NAME}. */
  readonly applicationContextName?: string;
  /** Protocol-version bit field (PS3.8 9.3.2 bytes 7-8). Default 1 (version 1). */
  readonly protocolVersion?: number;
}

function invalid(message: string): AssociationNegotiationError {
  return new AssociationNegotiationError(
    `Cannot build A-ASSOCIATE-RQ: ${message}`,
    "invalid-option",
  );
}

/**
 * Builds the A-ASSOCIATE-RQ value for a configuration. AE titles are checked (PS3.5 AE VR) and
 * given without padding; the PDU writer pads them to 16 bytes.
 * @throws {AeTitleError} for an invalid AE title.
 * @throws {AssociationNegotiationError} for no or too many contexts or an invalid option.
 * @example
 * ```ts
 * import { buildAssociateRequest } from "./association_request.ts";
 * const rq = buildAssociateRequest({
 *   callingAeTitle: "ECHOSCU",
 *   calledAeTitle: "ANY-SCP",
 *   contexts: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
 * });
 * rq.presentationContexts[0].id; // 1
 * rq.userInformation?.maximumLength; // 16384
 * ```
 */
export function buildAssociateRequest(options: AssociateRequestOptions): AssociateRqPdu {
  const callingAeTitle = checkAeTitle(options.callingAeTitle, "calling AE title");
  const calledAeTitle = checkAeTitle(options.calledAeTitle, "called AE title");
  if (options.contexts.length === 0) {
    throw new AssociationNegotiationError(
      "Cannot build A-ASSOCIATE-RQ: no presentation contexts to propose",
      "no-contexts",
    );
  }
  const maxLength = options.maxPduLength ?? DEFAULT_MAXIMUM_LENGTH_RECEIVED;
  if (!Number.isInteger(maxLength) || maxLength < 0 || maxLength > 0xffffffff) {
    throw invalid(`maximum PDU length ${maxLength} is not a 32-bit unsigned integer`);
  }
  const versionName = options.implementationVersionName ?? IMPLEMENTATION_VERSION_NAME;
  if (versionName.length > 16) {
    throw invalid(
      `implementation version name ${JSON.stringify(versionName)} exceeds 16 characters`,
    );
  }
  const window = options.asyncOperationsWindow;
  if (window !== undefined) {
    for (const value of [window.maxOperationsInvoked, window.maxOperationsPerformed]) {
      if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
        throw invalid(
          `asynchronous operations window value ${value} is not a 16-bit unsigned integer`,
        );
      }
    }
  }
  const presentationContexts = proposeContexts(options.contexts, {
    onePerTransferSyntax: options.onePerTransferSyntax ?? false,
  });
  const roles = new Map<string, SopClassRoles>();
  for (const context of options.contexts) {
    if (context.roles !== undefined && !roles.has(context.abstractSyntax)) {
      roles.set(context.abstractSyntax, { sopClassUid: context.abstractSyntax, ...context.roles });
    }
  }
  for (const item of options.roleSelections ?? []) {
    if (!roles.has(item.sopClassUid)) roles.set(item.sopClassUid, item);
  }
  const userInformation: UserInformation = {
    maximumLength: maxLength,
    implementationClassUid: options.implementationClassUid ?? IMPLEMENTATION_CLASS_UID,
  };
  if (window !== undefined) {
    userInformation.asynchronousOperationsWindow = {
      maxOperationsInvoked: window.maxOperationsInvoked,
      maxOperationsPerformed: window.maxOperationsPerformed,
    };
  }
  if (roles.size > 0) {
    userInformation.roleSelections = [...roles.values()].map((r) => ({
      sopClassUid: r.sopClassUid,
      scuRole: r.scu ? 1 : 0,
      scpRole: r.scp ? 1 : 0,
    }));
  }
  if (versionName !== "") userInformation.implementationVersionName = versionName;
  if (options.sopClassExtended?.length) {
    userInformation.sopClassExtendedNegotiations = options.sopClassExtended.map((i) => ({ ...i }));
  }
  if (options.sopClassCommonExtended?.length) {
    userInformation.sopClassCommonExtendedNegotiations = options.sopClassCommonExtended.map((
      i,
    ) => ({ ...i, relatedGeneralSopClassUids: [...i.relatedGeneralSopClassUids] }));
  }
  if (options.userIdentity !== undefined) {
    userInformation.userIdentity = userIdentityRequest(options.userIdentity, {
      positiveResponseRequested: options.requestUserIdentityResponse ?? false,
    });
  }
  return {
    type: "A-ASSOCIATE-RQ",
    protocolVersion: options.protocolVersion ?? 1,
    calledAeTitle,
    callingAeTitle,
    applicationContextName: options.applicationContextName ?? DICOM_APPLICATION_CONTEXT_NAME,
    presentationContexts,
    userInformation,
  };
}
