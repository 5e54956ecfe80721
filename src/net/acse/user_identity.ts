/**
 * User Identity negotiation (PS3.7 D.3.3.7): building the request sub-item from a username,
 * username and passcode, Kerberos ticket, SAML assertion or JSON Web Token, reading it back, and
 * the acceptor's decision through a handler.
 * @module
 */
import type { UserIdentityRq } from "../pdu/pdu_types.ts";

/**
 * User-Identity-Type values (PS3.7 Table D.3-14).
 * @example
 * ```ts
 * import { USER_IDENTITY_TYPE } from "./user_identity.ts";
 * USER_IDENTITY_TYPE.usernameAndPasscode; // 2
 * ```
 */
export const USER_IDENTITY_TYPE = {
  /** Username as a UTF-8 string. */
  username: 1,
  /** Username and passcode, both UTF-8 strings. */
  usernameAndPasscode: 2,
  /** Kerberos Service ticket. */
  kerberos: 3,
  /** SAML Assertion. */
  saml: 4,
  /** JSON Web Token (JWT). */
  jwt: 5,
} as const;

/** A user identity, as configured by a requestor or decoded by an acceptor. */
export type UserIdentity =
  | { readonly kind: "username"; readonly username: string }
  | { readonly kind: "username-passcode"; readonly username: string; readonly passcode: string }
  | { readonly kind: "kerberos"; readonly ticket: Uint8Array }
  | { readonly kind: "saml"; readonly assertion: Uint8Array }
  | { readonly kind: "jwt"; readonly token: Uint8Array }
  | {
    readonly kind: "unknown";
    readonly userIdentityType: number;
    readonly primaryField: Uint8Array;
    readonly secondaryField: Uint8Array;
  };

const EMPTY: Uint8Array = new Uint8Array(0);

/**
 * The request sub-item values for a user identity. `kind: "unknown"` is written as given, so a
 * simulator can send any type.
 * @example
 * ```ts
 * import { userIdentityRequest } from "./user_identity.ts";
 * const item = userIdentityRequest({ kind: "username-passcode", username: "alice", passcode: "s3cret" });
 * item.userIdentityType; // 2
 * new TextDecoder().decode(item.secondaryField); // "s3cret"
 * ```
 */
export function userIdentityRequest(
  identity: UserIdentity,
  options: { readonly positiveResponseRequested?: boolean } = {},
): UserIdentityRq {
  const positiveResponseRequested = options.positiveResponseRequested ? 1 : 0;
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const item = (
    userIdentityType: number,
    primaryField: Uint8Array,
    secondaryField: Uint8Array = EMPTY,
  ): UserIdentityRq => ({
    userIdentityType,
    positiveResponseRequested,
    primaryField,
    secondaryField,
  });
  switch (identity.kind) {
    case "username":
      return item(USER_IDENTITY_TYPE.username, utf8(identity.username));
    case "username-passcode":
      return item(
        USER_IDENTITY_TYPE.usernameAndPasscode,
        utf8(identity.username),
        utf8(identity.passcode),
      );
    case "kerberos":
      return item(USER_IDENTITY_TYPE.kerberos, identity.ticket);
    case "saml":
      return item(USER_IDENTITY_TYPE.saml, identity.assertion);
    case "jwt":
      return item(USER_IDENTITY_TYPE.jwt, identity.token);
    case "unknown":
      return item(identity.userIdentityType, identity.primaryField, identity.secondaryField);
  }
}

/**
 * The user identity carried by a request sub-item (strings decoded as UTF-8, PS3.7 D.3.3.7.1).
 * @example
 * ```ts
 * import { decodeUserIdentity, userIdentityRequest } from "./user_identity.ts";
 * decodeUserIdentity(userIdentityRequest({ kind: "username", username: "bob" }));
 * // { kind: "username", username: "bob" }
 * ```
 */
export function decodeUserIdentity(item: Readonly<UserIdentityRq>): UserIdentity {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  switch (item.userIdentityType) {
    case USER_IDENTITY_TYPE.username:
      return { kind: "username", username: text(item.primaryField) };
    case USER_IDENTITY_TYPE.usernameAndPasscode:
      return {
        kind: "username-passcode",
        username: text(item.primaryField),
        passcode: text(item.secondaryField),
      };
    case USER_IDENTITY_TYPE.kerberos:
      return { kind: "kerberos", ticket: item.primaryField };
    case USER_IDENTITY_TYPE.saml:
      return { kind: "saml", assertion: item.primaryField };
    case USER_IDENTITY_TYPE.jwt:
      return { kind: "jwt", token: item.primaryField };
    default:
      return {
        kind: "unknown",
        userIdentityType: item.userIdentityType,
        primaryField: item.primaryField,
        secondaryField: item.secondaryField,
      };
  }
}

/** What a {@link UserIdentityHandler} is given. */
export interface UserIdentityIndication extends Readonly<UserIdentityRq> {
  /** The identity, decoded. */
  readonly identity: UserIdentity;
  /** The requestor's AE title. */
  readonly callingAeTitle: string;
}

/** A {@link UserIdentityHandler}'s decision. */
export interface UserIdentityDecision {
  /** False rejects the association (permanent, service-user, no-reason-given). */
  readonly accept: boolean;
  /**
   * Server-response when a positive response was requested: the Kerberos server ticket (type
   * 3), the SAML response (type 4) or what fits a JWT (type 5); ignored for types 1 and 2, whose
   * response is empty (PS3.7 D.3.3.7.2). Default empty.
   */
  readonly serverResponse?: Uint8Array;
}

/**
 * Decides on a requestor's user identity.
 * @example
 * ```ts
 * import type { UserIdentityHandler } from "./user_identity.ts";
 * const handler: UserIdentityHandler = ({ identity }) => ({
 *   accept: identity.kind === "username-passcode" && identity.passcode === "s3cret",
 * });
 * ```
 */
export type UserIdentityHandler = (indication: UserIdentityIndication) => UserIdentityDecision;

/** The acceptor's outcome of user identity negotiation. */
export interface UserIdentityOutcome {
  /** True when the association must be rejected (permanent, service-user, 1). */
  readonly reject: boolean;
  /**
   * The Server-response to return in a User Identity sub-item of the A-ASSOCIATE-AC, or
   * `undefined` when no sub-item is returned.
   */
  readonly serverResponse: Uint8Array | undefined;
}

/**
 * The acceptor's side of user identity negotiation. Without a sub-item, or without a handler
 * (user identity not supported), the association goes ahead with no response (PS3.7 D.3.3.7);
 * a handler that refuses rejects it; an accepted identity gets a response sub-item only when
 * the requestor asked for one.
 * @example
 * ```ts
 * import { negotiateUserIdentity, userIdentityRequest } from "./user_identity.ts";
 * const item = userIdentityRequest({ kind: "username", username: "bob" }, { positiveResponseRequested: true });
 * negotiateUserIdentity(item, "SCU", () => ({ accept: true }));
 * // { reject: false, serverResponse: Uint8Array(0) }
 * ```
 */
export function negotiateUserIdentity(
  item: Readonly<UserIdentityRq> | undefined,
  callingAeTitle: string,
  handler: UserIdentityHandler | undefined,
): UserIdentityOutcome {
  if (item === undefined || handler === undefined) {
    return { reject: false, serverResponse: undefined };
  }
  const decision = handler({ ...item, identity: decodeUserIdentity(item), callingAeTitle });
  if (!decision.accept) return { reject: true, serverResponse: undefined };
  // PS3.7 D.3.3.7.1: Positive-response-requested is 1 when requested, 0 when not.
  if (item.positiveResponseRequested === 0) return { reject: false, serverResponse: undefined };
  const plain = item.userIdentityType === USER_IDENTITY_TYPE.username ||
    item.userIdentityType === USER_IDENTITY_TYPE.usernameAndPasscode;
  // PS3.7 D.3.3.7.2: zero length for types 1 and 2.
  return { reject: false, serverResponse: plain ? EMPTY : decision.serverResponse ?? EMPTY };
}
