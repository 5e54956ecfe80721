import assert from "node:assert/strict";
import {
  ECHOSCU_ASSOCIATE_RQ,
  STORESCP_ASSOCIATE_AC,
  STORESCP_REFUSE_RJ,
  STORESCU_USER_IDENTITY_RQ,
} from "../pdu/_dcmtk_fixtures.ts";
import type { AssociateRqPdu } from "../pdu/pdu_types.ts";
import { decodePdu } from "../pdu/read_pdu.ts";
import { writePdu } from "../pdu/write_pdu.ts";
import { type AssociateRequestOptions, buildAssociateRequest } from "./association_request.ts";
import { type AcceptorConfig, negotiateAssociation } from "./negotiate_association.ts";
import { ANY_STORAGE_SOP_CLASS } from "./negotiate_contexts.ts";
import { REJECTIONS } from "./rejection.ts";

const VERIFICATION = "1.2.840.10008.1.1";
const CT = "1.2.840.10008.5.1.4.1.1.2";
const GET = "1.2.840.10008.5.1.4.1.2.2.3";
const IMPLICIT = "1.2.840.10008.1.2";
const EXPLICIT = "1.2.840.10008.1.2.1";

function request(options: Partial<AssociateRequestOptions> = {}): AssociateRqPdu {
  return buildAssociateRequest({
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
    ...options,
  });
}

const config: AcceptorConfig = {
  aeTitle: "SCP",
  supported: [
    { abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT] },
    {
      abstractSyntax: "storage",
      transferSyntaxes: [EXPLICIT, IMPLICIT],
      roles: { scu: true, scp: true },
    },
    { abstractSyntax: GET, transferSyntaxes: [EXPLICIT, IMPLICIT] },
  ],
};

Deno.test("negotiateAssociation rejects with the right result, source and reason", () => {
  const cases: [
    string,
    AssociateRqPdu,
    AcceptorConfig,
    { result: number; source: number; reason: number },
  ][] = [
    [
      "protocol version",
      { ...request(), protocolVersion: 2 },
      config,
      REJECTIONS.protocolVersionNotSupported,
    ],
    [
      "application context",
      { ...request(), applicationContextName: "1.2.3" },
      config,
      REJECTIONS.applicationContextNameNotSupported,
    ],
    [
      "called AE title",
      request({ calledAeTitle: "OTHER" }),
      config,
      REJECTIONS.calledAeTitleNotRecognized,
    ],
    [
      "calling AE title",
      request(),
      { ...config, callingAeTitles: ["MODALITY"] },
      REJECTIONS.callingAeTitleNotRecognized,
    ],
    [
      "admit",
      request(),
      { ...config, admit: () => REJECTIONS.localLimitExceeded },
      REJECTIONS.localLimitExceeded,
    ],
    [
      "congestion",
      request(),
      { ...config, admit: () => REJECTIONS.temporaryCongestion },
      REJECTIONS.temporaryCongestion,
    ],
    [
      "user identity",
      request({ userIdentity: { kind: "username", username: "mallory" } }),
      { ...config, userIdentity: () => ({ accept: false }) },
      REJECTIONS.noReasonGiven,
    ],
  ];
  for (const [name, rq, cfg, expected] of cases) {
    const outcome = negotiateAssociation(rq, cfg);
    assert.equal(outcome.accept, undefined, name);
    assert.deepEqual(outcome.reject, { type: "A-ASSOCIATE-RJ", ...expected }, name);
    assert.ok(outcome.description?.length, name);
  }
  assert.equal(
    negotiateAssociation(request({ calledAeTitle: "SCP" }), config).reject?.type,
    undefined,
  );
});

Deno.test("negotiateAssociation accepts any called AE title when configured, and listed callers", () => {
  const rq = request({ calledAeTitle: "WHATEVER", callingAeTitle: "MODALITY" });
  const outcome = negotiateAssociation(rq, {
    ...config,
    acceptAnyCalledAeTitle: true,
    callingAeTitles: ["MODALITY  "],
  });
  assert.ok(outcome.accept);
  assert.equal(outcome.association.calledAeTitle, "WHATEVER");
  assert.equal(outcome.association.callingAeTitle, "MODALITY");
});

Deno.test("negotiateAssociation accepts a protocol version field with bit 0 set", () => {
  assert.ok(negotiateAssociation({ ...request(), protocolVersion: 3 }, config).accept);
});

Deno.test("negotiateAssociation builds the A-ASSOCIATE-AC and the agreed association", () => {
  const rq = request({
    contexts: [
      { abstractSyntax: VERIFICATION },
      { abstractSyntax: GET },
      {
        abstractSyntax: CT,
        transferSyntaxes: [IMPLICIT, EXPLICIT],
        roles: { scu: false, scp: true },
      },
      { abstractSyntax: "1.2.3.4" },
    ],
    maxPduLength: 32768,
    asyncOperationsWindow: { maxOperationsInvoked: 0, maxOperationsPerformed: 0 },
  });
  const outcome = negotiateAssociation(rq, {
    ...config,
    maxPduLength: 65536,
    asyncOperationsWindow: { maxOperationsInvoked: 5, maxOperationsPerformed: 1 },
    implementationClassUid: "1.2.3.999",
    implementationVersionName: "",
  });
  assert.ok(outcome.accept);
  const ac = outcome.accept;
  assert.equal(ac.type, "A-ASSOCIATE-AC");
  assert.equal(ac.calledAeTitle, rq.calledAeTitle);
  assert.equal(ac.callingAeTitle, rq.callingAeTitle);
  assert.deepEqual(ac.presentationContexts, [
    { id: 1, result: 0, transferSyntax: IMPLICIT },
    { id: 3, result: 0, transferSyntax: EXPLICIT },
    { id: 5, result: 0, transferSyntax: EXPLICIT },
    { id: 7, result: 3, transferSyntax: EXPLICIT },
  ]);
  assert.deepEqual(ac.userInformation, {
    maximumLength: 65536,
    implementationClassUid: "1.2.3.999",
    asynchronousOperationsWindow: { maxOperationsInvoked: 5, maxOperationsPerformed: 1 },
    roleSelections: [{ sopClassUid: CT, scuRole: 0, scpRole: 1 }],
  });
  const a = outcome.association;
  assert.equal(a.side, "acceptor");
  assert.equal(a.maxSendPduLength, 32768);
  assert.equal(a.maxReceivePduLength, 65536);
  assert.deepEqual(a.asyncOperationsWindow, { maxOperationsInvoked: 5, maxOperationsPerformed: 1 });
  assert.deepEqual(a.contexts.map((c) => c.id), [1, 3, 5]);
  assert.deepEqual(a.contexts[2].roles.acceptor, { scu: true, scp: false });
  assert.deepEqual(a.rejectedContexts, [{ id: 7, abstractSyntax: "1.2.3.4", result: 3 }]);
  assert.equal(a.peerImplementationVersionName, "DICOMSIM_010");
});

Deno.test("negotiateAssociation accepts even when no context is accepted", () => {
  const outcome = negotiateAssociation(
    request({ contexts: [{ abstractSyntax: "1.2.3" }] }),
    config,
  );
  assert.ok(outcome.accept);
  assert.equal(outcome.association.contexts.length, 0);
  assert.equal(outcome.accept.presentationContexts[0].result, 3);
});

Deno.test("negotiateAssociation answers user identity and extended negotiation through hooks", () => {
  const rq = request({
    contexts: [{ abstractSyntax: "1.2.3.4.5" }],
    userIdentity: { kind: "jwt", token: Uint8Array.of(1, 2) },
    requestUserIdentityResponse: true,
    sopClassExtended: [{
      sopClassUid: VERIFICATION,
      serviceClassApplicationInformation: Uint8Array.of(7),
    }],
    sopClassCommonExtended: [{
      sopClassUid: "1.2.3.4.5",
      serviceClassUid: "1.2.840.10008.4.2",
      relatedGeneralSopClassUids: [CT],
    }],
  });
  const outcome = negotiateAssociation(rq, {
    ...config,
    userIdentity: ({ identity }) => ({
      accept: identity.kind === "jwt",
      serverResponse: Uint8Array.of(42),
    }),
    sopClassExtended: (item) => item.serviceClassApplicationInformation,
    sopClassCommonExtended: () => true,
  });
  assert.ok(outcome.accept);
  assert.deepEqual(outcome.accept.userInformation?.userIdentityResponse, {
    serverResponse: Uint8Array.of(42),
  });
  assert.deepEqual(outcome.accept.userInformation?.sopClassExtendedNegotiations, [
    { sopClassUid: VERIFICATION, serviceClassApplicationInformation: Uint8Array.of(7) },
  ]);
  // Accepted as a specialization of CT Image Storage (storage entry: Explicit VR LE first).
  assert.deepEqual(outcome.accept.presentationContexts, [{
    id: 1,
    result: 0,
    transferSyntax: EXPLICIT,
  }]);
  assert.equal(outcome.association.sopClassCommonExtended.length, 1);
  assert.deepEqual(outcome.association.userIdentityServerResponse, Uint8Array.of(42));
});

Deno.test("negotiateAssociation answers DCMTK echoscu's A-ASSOCIATE-RQ like storescp", () => {
  const rq = decodePdu(ECHOSCU_ASSOCIATE_RQ);
  assert.equal(rq.type, "A-ASSOCIATE-RQ");
  const outcome = negotiateAssociation(rq, {
    aeTitle: "ANY-SCP",
    supported: [{ abstractSyntax: VERIFICATION, transferSyntaxes: [EXPLICIT, IMPLICIT] }],
    implementationClassUid: "1.2.276.0.7230010.3.0.3.6.7",
    implementationVersionName: "OFFIS_DCMTK_367",
  });
  assert.ok(outcome.accept);
  // Written and read back, our answer is the one storescp sent.
  const ac = decodePdu(writePdu(outcome.accept));
  assert.deepEqual(ac, decodePdu(STORESCP_ASSOCIATE_AC));
  assert.deepEqual(writePdu(outcome.accept), STORESCP_ASSOCIATE_AC);
  assert.equal(outcome.association.callingAeTitle, "ECHOSCU");
  assert.equal(outcome.association.peerImplementationVersionName, "OFFIS_DCMTK_367");
});

Deno.test("negotiateAssociation reads DCMTK storescu's user identity and confirms it", () => {
  const rq = decodePdu(STORESCU_USER_IDENTITY_RQ);
  assert.equal(rq.type, "A-ASSOCIATE-RQ");
  const seen: string[] = [];
  const outcome = negotiateAssociation(rq, {
    aeTitle: "ANY-SCP",
    supported: [{ abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: [IMPLICIT] }],
    userIdentity: ({ identity, callingAeTitle }) => {
      seen.push(callingAeTitle, JSON.stringify(identity));
      return { accept: true };
    },
  });
  assert.deepEqual(seen, [
    "STORESCU",
    JSON.stringify({ kind: "username-passcode", username: "alice", passcode: "secret" }),
  ]);
  assert.ok(outcome.accept);
  assert.deepEqual(outcome.accept.presentationContexts.map((c) => [c.id, c.result]), [
    [1, 4],
    [3, 0],
  ]);
  const ac = decodePdu(writePdu(outcome.accept));
  assert.equal(ac.type, "A-ASSOCIATE-AC");
  assert.deepEqual(ac.userInformation?.userIdentityResponse, { serverResponse: new Uint8Array() });
  const refused = negotiateAssociation(rq, {
    aeTitle: "ANY-SCP",
    supported: [],
    userIdentity: () => ({ accept: false }),
  });
  assert.deepEqual(decodePdu(writePdu(refused.reject!)), decodePdu(STORESCP_REFUSE_RJ));
});
