/**
 * Names of PDU types, item types, and the result/source/reason codes of PS3.8 (Tables 9-18,
 * 9-21, 9-26) and PS3.7 D.3.3.7, for logs, traces and error messages.
 * @module
 */
import type { Pdu } from "./pdu_types.ts";

function hex2(n: number): string {
  return "0x" + n.toString(16).toUpperCase().padStart(2, "0");
}

const PDU_TYPE_NAMES: readonly string[] = [
  "",
  "A-ASSOCIATE-RQ",
  "A-ASSOCIATE-AC",
  "A-ASSOCIATE-RJ",
  "P-DATA-TF",
  "A-RELEASE-RQ",
  "A-RELEASE-RP",
  "A-ABORT",
];

/**
 * The name of a PDU type code (PS3.8 9.3.1); `UNKNOWN(0xNN)` for codes PS3.8 does not define.
 * @example
 * ```ts
 * import { pduTypeName } from "./names.ts";
 * pduTypeName(0x04); // "P-DATA-TF"
 * pduTypeName(0x09); // "UNKNOWN(0x09)"
 * ```
 */
export function pduTypeName(pduType: number): string {
  return PDU_TYPE_NAMES[pduType] || `UNKNOWN(${hex2(pduType)})`;
}

/**
 * The name of a PDU: its `type`, or for a raw PDU the name of its type code.
 * @example
 * ```ts
 * import { pduName } from "./names.ts";
 * pduName({ type: "A-RELEASE-RQ" }); // "A-RELEASE-RQ"
 * pduName({ type: "UNKNOWN", pduType: 0x0a, body: new Uint8Array() }); // "UNKNOWN(0x0A)"
 * ```
 */
export function pduName(pdu: Pdu): string {
  return pdu.type === "UNKNOWN" ? pduTypeName(pdu.pduType) : pdu.type;
}

const ITEM_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x10: "Application Context",
  0x20: "Presentation Context",
  0x21: "Presentation Context (AC)",
  0x30: "Abstract Syntax",
  0x40: "Transfer Syntax",
  0x50: "User Information",
  0x51: "Maximum Length",
  0x52: "Implementation Class UID",
  0x53: "Asynchronous Operations Window",
  0x54: "SCP/SCU Role Selection",
  0x55: "Implementation Version Name",
  0x56: "SOP Class Extended Negotiation",
  0x57: "SOP Class Common Extended Negotiation",
  0x58: "User Identity",
  0x59: "User Identity (AC)",
};

/**
 * The name of an item or sub-item type (PS3.8 9.3, PS3.7 D.3.3); `type 0xNN` for others.
 * @example
 * ```ts
 * import { itemTypeName } from "./names.ts";
 * itemTypeName(0x51); // "Maximum Length"
 * ```
 */
export function itemTypeName(itemType: number): string {
  return ITEM_TYPE_NAMES[itemType] ?? `type ${hex2(itemType)}`;
}

/**
 * The name of an A-ASSOCIATE-RJ result (PS3.8 Table 9-21).
 * @example
 * ```ts
 * import { associateRejectResultName } from "./names.ts";
 * associateRejectResultName(1); // "rejected-permanent"
 * ```
 */
export function associateRejectResultName(result: number): string {
  return result === 1 ? "rejected-permanent" : result === 2 ? "rejected-transient" : "unknown";
}

/**
 * The name of an A-ASSOCIATE-RJ source (PS3.8 Table 9-21).
 * @example
 * ```ts
 * import { associateRejectSourceName } from "./names.ts";
 * associateRejectSourceName(3); // "service-provider-presentation"
 * ```
 */
export function associateRejectSourceName(source: number): string {
  return ["", "service-user", "service-provider-acse", "service-provider-presentation"][source] ||
    "unknown";
}

// PS3.8 Table 9-21, Reason/Diag. by source; "" marks reserved values.
const REJECT_REASONS: Readonly<Record<number, readonly string[]>> = {
  1: [
    "",
    "no-reason-given",
    "application-context-name-not-supported",
    "calling-AE-title-not-recognized",
    "",
    "",
    "",
    "called-AE-title-not-recognized",
    "",
    "",
    "",
  ],
  2: ["", "no-reason-given", "protocol-version-not-supported"],
  3: ["", "temporary-congestion", "local-limit-exceeded", "", "", "", "", ""],
};

/**
 * The name of an A-ASSOCIATE-RJ reason, which depends on the source (PS3.8 Table 9-21):
 * `reserved` for values the table reserves, `unknown` for values outside it.
 * @example
 * ```ts
 * import { associateRejectReasonName } from "./names.ts";
 * associateRejectReasonName(1, 3); // "calling-AE-title-not-recognized"
 * associateRejectReasonName(3, 1); // "temporary-congestion"
 * ```
 */
export function associateRejectReasonName(source: number, reason: number): string {
  const names = REJECT_REASONS[source];
  if (names === undefined || reason >= names.length) return "unknown";
  return names[reason] || "reserved";
}

/**
 * The name of an A-ABORT source (PS3.8 Table 9-26).
 * @example
 * ```ts
 * import { abortSourceName } from "./names.ts";
 * abortSourceName(2); // "service-provider"
 * ```
 */
export function abortSourceName(source: number): string {
  return ["service-user", "reserved", "service-provider"][source] ?? "unknown";
}

const ABORT_REASONS: readonly string[] = [
  "reason-not-specified",
  "unrecognized-PDU",
  "unexpected-PDU",
  "reserved",
  "unrecognized-PDU-parameter",
  "unexpected-PDU-parameter",
  "invalid-PDU-parameter-value",
];

/**
 * The name of an A-ABORT reason (PS3.8 Table 9-26): significant only when the source is the
 * service-provider (2), else `not-significant`.
 * @example
 * ```ts
 * import { abortReasonName } from "./names.ts";
 * abortReasonName(2, 6); // "invalid-PDU-parameter-value"
 * abortReasonName(0, 0); // "not-significant"
 * ```
 */
export function abortReasonName(source: number, reason: number): string {
  if (source !== 2) return "not-significant";
  return ABORT_REASONS[reason] ?? "unknown";
}

/**
 * The name of a presentation context Result/Reason in an A-ASSOCIATE-AC (PS3.8 Table 9-18).
 * @example
 * ```ts
 * import { presentationContextResultName } from "./names.ts";
 * presentationContextResultName(4); // "transfer-syntaxes-not-supported"
 * ```
 */
export function presentationContextResultName(result: number): string {
  return [
    "acceptance",
    "user-rejection",
    "no-reason",
    "abstract-syntax-not-supported",
    "transfer-syntaxes-not-supported",
  ][result] ?? "unknown";
}

/**
 * The name of a User-Identity-Type (PS3.7 Table D.3-14).
 * @example
 * ```ts
 * import { userIdentityTypeName } from "./names.ts";
 * userIdentityTypeName(2); // "username-and-passcode"
 * ```
 */
export function userIdentityTypeName(userIdentityType: number): string {
  return ["", "username", "username-and-passcode", "kerberos", "saml", "jwt"][userIdentityType] ||
    "unknown";
}
