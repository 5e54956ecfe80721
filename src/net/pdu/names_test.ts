import assert from "node:assert/strict";
import {
  abortReasonName,
  abortSourceName,
  associateRejectReasonName,
  associateRejectResultName,
  associateRejectSourceName,
  itemTypeName,
  pduName,
  pduTypeName,
  presentationContextResultName,
  userIdentityTypeName,
} from "./names.ts";

Deno.test("pduTypeName and pduName name the seven PDU types and mark the others", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(pduTypeName), [
    "A-ASSOCIATE-RQ",
    "A-ASSOCIATE-AC",
    "A-ASSOCIATE-RJ",
    "P-DATA-TF",
    "A-RELEASE-RQ",
    "A-RELEASE-RP",
    "A-ABORT",
  ]);
  assert.equal(pduTypeName(0), "UNKNOWN(0x00)");
  assert.equal(pduTypeName(0xff), "UNKNOWN(0xFF)");
  assert.equal(pduName({ type: "A-ABORT", source: 0, reason: 0 }), "A-ABORT");
  assert.equal(pduName({ type: "UNKNOWN", pduType: 4, body: new Uint8Array() }), "P-DATA-TF");
  assert.equal(pduName({ type: "UNKNOWN", pduType: 8, body: new Uint8Array() }), "UNKNOWN(0x08)");
});

Deno.test("A-ASSOCIATE-RJ names follow PS3.8 Table 9-21", () => {
  assert.equal(associateRejectResultName(1), "rejected-permanent");
  assert.equal(associateRejectResultName(2), "rejected-transient");
  assert.equal(associateRejectResultName(3), "unknown");
  assert.equal(associateRejectSourceName(1), "service-user");
  assert.equal(associateRejectSourceName(2), "service-provider-acse");
  assert.equal(associateRejectSourceName(3), "service-provider-presentation");
  assert.equal(associateRejectSourceName(0), "unknown");
  const user = [1, 2, 3, 4, 7, 10, 11].map((r) => associateRejectReasonName(1, r));
  assert.deepEqual(user, [
    "no-reason-given",
    "application-context-name-not-supported",
    "calling-AE-title-not-recognized",
    "reserved",
    "called-AE-title-not-recognized",
    "reserved",
    "unknown",
  ]);
  assert.equal(associateRejectReasonName(2, 1), "no-reason-given");
  assert.equal(associateRejectReasonName(2, 2), "protocol-version-not-supported");
  assert.equal(associateRejectReasonName(3, 0), "reserved");
  assert.equal(associateRejectReasonName(3, 1), "temporary-congestion");
  assert.equal(associateRejectReasonName(3, 2), "local-limit-exceeded");
  assert.equal(associateRejectReasonName(3, 7), "reserved");
  assert.equal(associateRejectReasonName(4, 1), "unknown");
});

Deno.test("A-ABORT names follow PS3.8 Table 9-26", () => {
  assert.deepEqual([0, 1, 2, 3].map(abortSourceName), [
    "service-user",
    "reserved",
    "service-provider",
    "unknown",
  ]);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((r) => abortReasonName(2, r)), [
    "reason-not-specified",
    "unrecognized-PDU",
    "unexpected-PDU",
    "reserved",
    "unrecognized-PDU-parameter",
    "unexpected-PDU-parameter",
    "invalid-PDU-parameter-value",
    "unknown",
  ]);
  assert.equal(abortReasonName(0, 5), "not-significant");
});

Deno.test("presentation context results, user identity types and item types have names", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(presentationContextResultName), [
    "acceptance",
    "user-rejection",
    "no-reason",
    "abstract-syntax-not-supported",
    "transfer-syntaxes-not-supported",
    "unknown",
  ]);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(userIdentityTypeName), [
    "username",
    "username-and-passcode",
    "kerberos",
    "saml",
    "jwt",
    "unknown",
  ]);
  assert.equal(itemTypeName(0x57), "SOP Class Common Extended Negotiation");
  assert.equal(itemTypeName(0x5a), "type 0x5A");
});
