/**
 * The upper-layer PDUs of PS3.8 9.3 and their items as plain data: a discriminated union on `type`.
 *
 * Conventions shared by every type here, so that anything `readPdu` accepts `writePdu` writes back
 * byte for byte:
 * - Text fields (UIDs, names) hold the wire bytes one character per byte (Latin-1), untrimmed: a
 *   UID sent with a trailing NUL keeps it. AE titles are trimmed, with the raw 16 bytes kept
 *   beside them when they are not the plain space padding.
 * - `reserved` is every reserved byte of that structure, in wire order, including byte 2 of its
 *   plain-valued sub-items (those represented by a string or number, not an object). It is absent
 *   when all of them are 0 (PS3.8 9.3.1: sent as 0, not tested on receipt). Each type documents
 *   its layout.
 * - `unknownItems` keeps items of types not defined where they appear (PS3.8 9.3.1: ignored, but
 *   kept here); `itemOrder` keeps the wire order of the items when it is not increasing item type
 *   (the writer's default order).
 * - `lengthOverride` makes the writer put that number in the length field instead of the real
 *   length, to send malformed PDUs on purpose. The reader never sets it.
 * - The reader leaves out every optional field that has its default value.
 * @module
 */

/**
 * The PDU type codes of PS3.8 9.3.1, by name.
 * @example
 * ```ts
 * import { PDU_TYPE } from "./pdu_types.ts";
 * PDU_TYPE["P-DATA-TF"]; // 0x04
 * ```
 */
export const PDU_TYPE = {
  "A-ASSOCIATE-RQ": 0x01,
  "A-ASSOCIATE-AC": 0x02,
  "A-ASSOCIATE-RJ": 0x03,
  "P-DATA-TF": 0x04,
  "A-RELEASE-RQ": 0x05,
  "A-RELEASE-RP": 0x06,
  "A-ABORT": 0x07,
} as const;

/** The name of a PDU type defined by PS3.8. */
export type KnownPduType = keyof typeof PDU_TYPE;

/**
 * Item and sub-item type codes (PS3.8 9.3.2-9.3.3, Annex D; PS3.7 Annex D.3.3).
 * @example
 * ```ts
 * import { ITEM_TYPE } from "./pdu_types.ts";
 * ITEM_TYPE.MAXIMUM_LENGTH; // 0x51
 * ```
 */
export const ITEM_TYPE = {
  APPLICATION_CONTEXT: 0x10,
  PRESENTATION_CONTEXT_RQ: 0x20,
  PRESENTATION_CONTEXT_AC: 0x21,
  ABSTRACT_SYNTAX: 0x30,
  TRANSFER_SYNTAX: 0x40,
  USER_INFORMATION: 0x50,
  MAXIMUM_LENGTH: 0x51,
  IMPLEMENTATION_CLASS_UID: 0x52,
  ASYNCHRONOUS_OPERATIONS_WINDOW: 0x53,
  ROLE_SELECTION: 0x54,
  IMPLEMENTATION_VERSION_NAME: 0x55,
  SOP_CLASS_EXTENDED_NEGOTIATION: 0x56,
  SOP_CLASS_COMMON_EXTENDED_NEGOTIATION: 0x57,
  USER_IDENTITY_RQ: 0x58,
  USER_IDENTITY_AC: 0x59,
} as const;

/** An item kept as bytes: an item type not defined where it appeared, or one built on purpose. */
export interface RawItem {
  /** The item type, byte 1. */
  itemType: number;
  /** The bytes after the 4-byte item header. */
  data: Uint8Array;
  /** Byte 2 (reserved), when not 0. */
  reserved?: Uint8Array;
  /** Written in the item length field instead of `data.length`. */
  lengthOverride?: number;
}

/**
 * A Presentation Context item of an A-ASSOCIATE-RQ (type 0x20, PS3.8 9.3.2.2, Table 9-13).
 * `reserved`: byte 2, bytes 6, 7 and 8, then byte 2 of each abstract and transfer syntax sub-item.
 */
export interface PresentationContextRq {
  /** Presentation-context-ID, byte 5 (odd, 1-255). */
  id: number;
  /** The Abstract Syntax sub-item (0x30) name, as on the wire. */
  abstractSyntax: string;
  /** The Transfer Syntax sub-items (0x40) names, in order. */
  transferSyntaxes: string[];
  /** See the module notes. */
  unknownItems?: RawItem[];
  /** See the module notes. */
  itemOrder?: number[];
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** Result/Reason of a presentation context in an A-ASSOCIATE-AC (PS3.8 Table 9-18). */
export type PresentationContextResult = 0 | 1 | 2 | 3 | 4;

/**
 * A Presentation Context item of an A-ASSOCIATE-AC (type 0x21, PS3.8 9.3.3.2, Table 9-18).
 * `reserved`: byte 2, bytes 6 and 8, then byte 2 of the transfer syntax sub-item.
 */
export interface PresentationContextAc {
  /** Presentation-context-ID, byte 5. */
  id: number;
  /** Result/Reason, byte 7: 0 acceptance, 1 user-rejection, 2 no-reason, 3
   * abstract-syntax-not-supported, 4 transfer-syntaxes-not-supported. */
  result: PresentationContextResult;
  /** The Transfer Syntax sub-item name; absent when the item has none (only meaningful when
   * `result` is 0). */
  transferSyntax?: string;
  /** See the module notes. */
  unknownItems?: RawItem[];
  /** See the module notes. */
  itemOrder?: number[];
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** Asynchronous Operations Window sub-item (0x53, PS3.7 D.3.3.3). `reserved`: byte 2. */
export interface AsynchronousOperationsWindow {
  /** Maximum-number-operations-invoked, bytes 5-6 (0 = unlimited). */
  maxOperationsInvoked: number;
  /** Maximum-number-operations-performed, bytes 7-8 (0 = unlimited). */
  maxOperationsPerformed: number;
  /** See the module notes. */
  reserved?: Uint8Array;
}

/** SCP/SCU Role Selection sub-item (0x54, PS3.7 D.3.3.4). `reserved`: byte 2. */
export interface RoleSelection {
  /** SOP-class-uid. */
  sopClassUid: string;
  /** SCU-role: 0 non-support, 1 support (kept as sent). */
  scuRole: number;
  /** SCP-role: 0 non-support, 1 support (kept as sent). */
  scpRole: number;
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** SOP Class Extended Negotiation sub-item (0x56, PS3.7 D.3.3.5). `reserved`: byte 2. */
export interface SopClassExtendedNegotiation {
  /** SOP-class-uid. */
  sopClassUid: string;
  /** Service-class-application-information: the rest of the item. */
  serviceClassApplicationInformation: Uint8Array;
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** SOP Class Common Extended Negotiation sub-item (0x57, PS3.7 D.3.3.6). Has no reserved bytes:
 * byte 2 is the sub-item version. */
export interface SopClassCommonExtendedNegotiation {
  /** SOP-class-uid. */
  sopClassUid: string;
  /** Service-class-uid. */
  serviceClassUid: string;
  /** The Related-general-sop-class-uids, in order (PS3.7 Table D.3-13). */
  relatedGeneralSopClassUids: string[];
  /** Sub-item version, byte 2; default 0. */
  subItemVersion?: number;
  /** See the module notes. */
  lengthOverride?: number;
}

/** User Identity sub-item of an A-ASSOCIATE-RQ (0x58, PS3.7 D.3.3.7.1). `reserved`: byte 2. */
export interface UserIdentityRq {
  /** User-Identity-Type, byte 5: 1 username, 2 username and passcode, 3 Kerberos, 4 SAML, 5 JWT. */
  userIdentityType: number;
  /** Positive-response-requested, byte 6: 1 requested, 0 not (kept as sent). */
  positiveResponseRequested: number;
  /** Primary-field: the username (UTF-8), Kerberos ticket, SAML assertion or JWT. */
  primaryField: Uint8Array;
  /** Secondary-field: the passcode for type 2, else empty. */
  secondaryField: Uint8Array;
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** User Identity sub-item of an A-ASSOCIATE-AC (0x59, PS3.7 D.3.3.7.2). `reserved`: byte 2. */
export interface UserIdentityAc {
  /** Server-response: the Kerberos server ticket, SAML response or JWT; empty otherwise. */
  serverResponse: Uint8Array;
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/**
 * The User Information item (0x50, PS3.8 9.3.2.3 / 9.3.3.3, Annex D; PS3.7 D.3.3). All sub-items
 * are optional here (the reader does not insist on Maximum Length). `reserved`: byte 2 of this
 * item, then byte 2 of each Maximum Length, Implementation Class UID and Implementation Version
 * Name sub-item, in wire order.
 */
export interface UserInformation {
  /** Maximum Length sub-item (0x51, PS3.8 D.1): largest P-DATA-TF PDU length the sender receives;
   * 0 = no limit. */
  maximumLength?: number;
  /** Implementation Class UID sub-item (0x52, PS3.7 D.3.3.2). */
  implementationClassUid?: string;
  /** Asynchronous Operations Window sub-item (0x53). */
  asynchronousOperationsWindow?: AsynchronousOperationsWindow;
  /** SCP/SCU Role Selection sub-items (0x54). */
  roleSelections?: RoleSelection[];
  /** Implementation Version Name sub-item (0x55, 1-16 characters). */
  implementationVersionName?: string;
  /** SOP Class Extended Negotiation sub-items (0x56). */
  sopClassExtendedNegotiations?: SopClassExtendedNegotiation[];
  /** SOP Class Common Extended Negotiation sub-items (0x57). */
  sopClassCommonExtendedNegotiations?: SopClassCommonExtendedNegotiation[];
  /** User Identity sub-item of a request (0x58). */
  userIdentity?: UserIdentityRq;
  /** User Identity sub-item of an acceptance (0x59). */
  userIdentityResponse?: UserIdentityAc;
  /** See the module notes. */
  unknownItems?: RawItem[];
  /** See the module notes. */
  itemOrder?: number[];
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** Fields shared by A-ASSOCIATE-RQ and A-ASSOCIATE-AC (PS3.8 Tables 9-11 and 9-17). */
export interface AssociatePduFields {
  /** Protocol-version, bytes 7-8: bit 0 set for version 1. */
  protocolVersion: number;
  /** Called-AE-title, bytes 11-26, without padding (in an AC: reserved, echoed from the RQ). */
  calledAeTitle: string;
  /** Calling-AE-title, bytes 27-42, without padding (in an AC: reserved, echoed from the RQ). */
  callingAeTitle: string;
  /** The raw 16 bytes 11-26, when they are not `calledAeTitle` padded with spaces. The writer
   * uses them while they still trim to `calledAeTitle`. */
  calledAeTitleBytes?: Uint8Array;
  /** The raw 16 bytes 27-42, when they are not `callingAeTitle` padded with spaces. */
  callingAeTitleBytes?: Uint8Array;
  /** The Application Context item (0x10) name, normally "1.2.840.10008.3.1.1.1". */
  applicationContextName: string;
  /** The User Information item (0x50); absent when the PDU has none. */
  userInformation?: UserInformation;
  /** Items of other types, e.g. an 0x21 item in a request. */
  unknownItems?: RawItem[];
  /** See the module notes. */
  itemOrder?: number[];
  /** 36 bytes: byte 2, bytes 9-10, bytes 43-74, and byte 2 of the Application Context item. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** A-ASSOCIATE-RQ (type 0x01, PS3.8 9.3.2, Table 9-11). */
export interface AssociateRqPdu extends AssociatePduFields {
  /** The discriminant. */
  type: "A-ASSOCIATE-RQ";
  /** The Presentation Context items (0x20), in order. */
  presentationContexts: PresentationContextRq[];
}

/** A-ASSOCIATE-AC (type 0x02, PS3.8 9.3.3, Table 9-17). */
export interface AssociateAcPdu extends AssociatePduFields {
  /** The discriminant. */
  type: "A-ASSOCIATE-AC";
  /** The Presentation Context items (0x21), in order. */
  presentationContexts: PresentationContextAc[];
}

/** A-ASSOCIATE-RJ (type 0x03, PS3.8 9.3.4, Table 9-21). `reserved`: bytes 2 and 7. */
export interface AssociateRjPdu {
  /** The discriminant. */
  type: "A-ASSOCIATE-RJ";
  /** Result, byte 8: 1 rejected-permanent, 2 rejected-transient. */
  result: 1 | 2;
  /** Source, byte 9: 1 service-user, 2 service-provider (ACSE), 3 service-provider
   * (presentation). */
  source: 1 | 2 | 3;
  /** Reason/Diag., byte 10 (meaning depends on `source`; see `associateRejectReasonName`). */
  reason: number;
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** One Presentation Data Value item of a P-DATA-TF (PS3.8 9.3.5.1, Annex E.2). */
export interface Pdv {
  /** Presentation-context-ID (odd, 1-255). */
  presentationContextId: number;
  /** Message control header bit 0: a command fragment (else a data set fragment). */
  isCommand: boolean;
  /** Message control header bit 1: the last fragment of the command or data set. */
  isLast: boolean;
  /** The fragment (a view into the received bytes when read). */
  data: Uint8Array;
  /** Bits 2-7 of the message control header (value & 0xfc), when not 0. */
  reservedBits?: number;
  /** Written in the 4-byte item length field instead of `data.length + 2`. */
  lengthOverride?: number;
}

/** P-DATA-TF (type 0x04, PS3.8 9.3.5, Table 9-22). `reserved`: byte 2. */
export interface PDataTfPdu {
  /** The discriminant. */
  type: "P-DATA-TF";
  /** The PDV items, in order. */
  pdvs: Pdv[];
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** A-RELEASE-RQ (type 0x05, PS3.8 9.3.6, Table 9-24). `reserved`: byte 2, bytes 7-10. */
export interface ReleaseRqPdu {
  /** The discriminant. */
  type: "A-RELEASE-RQ";
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** A-RELEASE-RP (type 0x06, PS3.8 9.3.7, Table 9-25). `reserved`: byte 2, bytes 7-10. */
export interface ReleaseRpPdu {
  /** The discriminant. */
  type: "A-RELEASE-RP";
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** A-ABORT (type 0x07, PS3.8 9.3.8, Table 9-26). `reserved`: bytes 2, 7 and 8. */
export interface AbortPdu {
  /** The discriminant. */
  type: "A-ABORT";
  /** Source, byte 9: 0 service-user, 1 reserved, 2 service-provider. */
  source: 0 | 1 | 2;
  /** Reason/Diag., byte 10 (significant when `source` is 2). */
  reason: number;
  /** See the module notes. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/** A PDU of a type PS3.8 does not define, or any PDU built as raw bytes on purpose. */
export interface UnknownPdu {
  /** The discriminant. */
  type: "UNKNOWN";
  /** The PDU type, byte 1 (the writer accepts any, also the defined ones). */
  pduType: number;
  /** The bytes after the 6-byte header. */
  body: Uint8Array;
  /** Byte 2, when not 0. */
  reserved?: Uint8Array;
  /** See the module notes. */
  lengthOverride?: number;
}

/**
 * Any upper-layer PDU.
 * @example
 * ```ts
 * import type { Pdu } from "./pdu_types.ts";
 * const release: Pdu = { type: "A-RELEASE-RQ" };
 * const abort: Pdu = { type: "A-ABORT", source: 2, reason: 6 };
 * ```
 */
export type Pdu =
  | AssociateRqPdu
  | AssociateAcPdu
  | AssociateRjPdu
  | PDataTfPdu
  | ReleaseRqPdu
  | ReleaseRpPdu
  | AbortPdu
  | UnknownPdu;
