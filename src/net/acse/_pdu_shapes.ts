/**
 * Structural shapes of the A-ASSOCIATE PDUs as far as negotiation needs them (PS3.8 9.3.2-9.3.4,
 * PS3.7 Annex D.3.3). Stand-ins until `src/net/pdu/` lands; swapping them for the real types
 * means changing this one file.
 * @module
 */
import type { AsyncOperationsWindow } from "./limits.ts";
import type { RoleSelection } from "./negotiate_contexts.ts";
import type {
  SopClassCommonExtendedNegotiation,
  SopClassExtendedNegotiation,
} from "./negotiated_association.ts";
import type { UserIdentityRequest } from "./user_identity.ts";

/** A presentation context item of an A-ASSOCIATE-RQ (PS3.8 9.3.2.2). */
export interface PresentationContextRqItem {
  readonly id: number;
  readonly abstractSyntax: string;
  readonly transferSyntaxes: readonly string[];
}

/** A presentation context item of an A-ASSOCIATE-AC (PS3.8 9.3.3.2). */
export interface PresentationContextAcItem {
  readonly id: number;
  readonly result: number;
  readonly transferSyntax: string;
}

/** The user information item's sub-items (PS3.8 9.3.2.3, PS3.7 D.3.3). */
export interface UserInformation<Identity> {
  readonly maxLength?: number;
  readonly implementationClassUid?: string;
  readonly implementationVersionName?: string;
  readonly asyncOperationsWindow?: AsyncOperationsWindow;
  readonly roleSelections?: readonly RoleSelection[];
  readonly sopClassExtended?: readonly SopClassExtendedNegotiation[];
  readonly sopClassCommonExtended?: readonly SopClassCommonExtendedNegotiation[];
  readonly userIdentity?: Identity;
}

/** An A-ASSOCIATE-RQ PDU (PS3.8 9.3.2). */
export interface AssociateRqPdu {
  readonly type: "A-ASSOCIATE-RQ";
  readonly protocolVersion: number;
  readonly calledAeTitle: string;
  readonly callingAeTitle: string;
  readonly applicationContextName: string;
  readonly presentationContexts: readonly PresentationContextRqItem[];
  readonly userInformation: UserInformation<UserIdentityRequest>;
}

/** The User Identity sub-item of an A-ASSOCIATE-AC (PS3.7 D.3.3.7.2). */
export interface UserIdentityResponse {
  readonly serverResponse: Uint8Array;
}

/** An A-ASSOCIATE-AC PDU (PS3.8 9.3.3). */
export interface AssociateAcPdu {
  readonly type: "A-ASSOCIATE-AC";
  readonly protocolVersion: number;
  readonly calledAeTitle: string;
  readonly callingAeTitle: string;
  readonly applicationContextName: string;
  readonly presentationContexts: readonly PresentationContextAcItem[];
  readonly userInformation: UserInformation<UserIdentityResponse>;
}

/** An A-ASSOCIATE-RJ PDU (PS3.8 9.3.4). */
export interface AssociateRjPdu {
  readonly type: "A-ASSOCIATE-RJ";
  readonly result: number;
  readonly source: number;
  readonly reason: number;
}
