import assert from "node:assert/strict";
import fc from "fast-check";
import { ECHOSCU_ASSOCIATE_RQ, STORESCP_ASSOCIATE_AC } from "../pdu/_dcmtk_fixtures.ts";
import type { AssociateAcPdu, AssociateRqPdu, UserInformation } from "../pdu/pdu_types.ts";
import { decodePdu } from "../pdu/read_pdu.ts";
import { writePdu } from "../pdu/write_pdu.ts";
import { buildAssociateRequest } from "./association_request.ts";
import { AssociationNegotiationError } from "./errors.ts";
import { describeRejectedContexts, interpretAssociateAccept } from "./interpret_accept.ts";
import { negotiateAssociation } from "./negotiate_association.ts";
import { findContextFor } from "./negotiated_association.ts";
import type { Roles } from "./role_selection.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const GET = "1.2.840.10008.5.1.4.1.2.2.3";
const IMPLICIT = "1.2.840.10008.1.2";
const EXPLICIT = "1.2.840.10008.1.2.1";
const JPEG = "1.2.840.10008.1.2.4.50";

function rqFor(): AssociateRqPdu {
  return buildAssociateRequest({
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [
      { abstractSyntax: GET },
      { abstractSyntax: CT, transferSyntaxes: [JPEG, EXPLICIT], roles: { scu: false, scp: true } },
      { abstractSyntax: "1.2.3" },
    ],
    asyncOperationsWindow: { maxOperationsInvoked: 8, maxOperationsPerformed: 2 },
  });
}

function acFor(
  rq: AssociateRqPdu,
  contexts: AssociateAcPdu["presentationContexts"],
  info: UserInformation = {},
): AssociateAcPdu {
  return {
    type: "A-ASSOCIATE-AC",
    protocolVersion: 1,
    calledAeTitle: rq.calledAeTitle,
    callingAeTitle: rq.callingAeTitle,
    applicationContextName: rq.applicationContextName,
    presentationContexts: contexts,
    userInformation: { maximumLength: 4096, implementationClassUid: "1.2.3.4", ...info },
  };
}

Deno.test("interpretAssociateAccept reads contexts, roles and limits", () => {
  const rq = rqFor();
  const ac = acFor(rq, [
    { id: 3, result: 0, transferSyntax: EXPLICIT },
    { id: 1, result: 0, transferSyntax: IMPLICIT },
    { id: 5, result: 3, transferSyntax: "" },
  ], {
    roleSelections: [{ sopClassUid: CT, scuRole: 1, scpRole: 1 }],
    asynchronousOperationsWindow: { maxOperationsInvoked: 4, maxOperationsPerformed: 4 },
    implementationVersionName: "PEER_1",
    userIdentityResponse: { serverResponse: Uint8Array.of(5) },
  });
  const a = interpretAssociateAccept(rq, ac);
  assert.equal(a.side, "requestor");
  assert.deepEqual(a.contexts.map((c) => [c.id, c.abstractSyntax, c.transferSyntax]), [
    [1, GET, IMPLICIT],
    [3, CT, EXPLICIT],
  ]);
  // The reply's SCU 1 is ignored: it was not proposed.
  assert.deepEqual(a.contexts[1].roles.requestor, { scu: false, scp: true });
  assert.deepEqual(a.contexts[0].roles.requestor, { scu: true, scp: false });
  assert.deepEqual(a.rejectedContexts, [{ id: 5, abstractSyntax: "1.2.3", result: 3 }]);
  assert.equal(a.maxSendPduLength, 4096);
  assert.equal(a.maxReceivePduLength, 16384);
  assert.deepEqual(a.asyncOperationsWindow, { maxOperationsInvoked: 4, maxOperationsPerformed: 2 });
  assert.equal(a.peerImplementationClassUid, "1.2.3.4");
  assert.equal(a.peerImplementationVersionName, "PEER_1");
  assert.deepEqual(a.userIdentityServerResponse, Uint8Array.of(5));
  assert.deepEqual(describeRejectedContexts(a.rejectedContexts), [
    "5 (1.2.3): abstract-syntax-not-supported",
  ]);
});

Deno.test("interpretAssociateAccept counts contexts left out as rejected (2) and defaults limits", () => {
  const rq = rqFor();
  const ac = acFor(rq, [{ id: 1, result: 0, transferSyntax: IMPLICIT }]);
  const a = interpretAssociateAccept(rq, { ...ac, userInformation: {} });
  assert.deepEqual(a.rejectedContexts.map((c) => [c.id, c.result]), [[3, 2], [5, 2]]);
  assert.equal(a.maxSendPduLength, 16384);
  assert.deepEqual(a.asyncOperationsWindow, { maxOperationsInvoked: 1, maxOperationsPerformed: 1 });
  assert.equal(a.peerImplementationClassUid, "");
});

Deno.test("interpretAssociateAccept throws on answers that do not fit the request", () => {
  const rq = rqFor();
  const cases: [AssociateAcPdu["presentationContexts"], string, number][] = [
    [[{ id: 9, result: 0, transferSyntax: IMPLICIT }], "unknown-context-id", 9],
    [
      [{ id: 1, result: 0, transferSyntax: IMPLICIT }, { id: 1, result: 3, transferSyntax: "" }],
      "duplicate-context-id",
      1,
    ],
    [[{ id: 3, result: 0, transferSyntax: IMPLICIT }], "transfer-syntax-not-proposed", 3],
  ];
  for (const [contexts, problem, id] of cases) {
    assert.throws(() => interpretAssociateAccept(rq, acFor(rq, contexts)), (e: unknown) => {
      assert.ok(e instanceof AssociationNegotiationError);
      assert.equal(e.problem, problem);
      assert.equal(e.contextId, id);
      assert.match(e.message, /^Cannot interpret A-ASSOCIATE-AC: presentation context \d+ /);
      return true;
    });
  }
  // A rejected context's transfer syntax is not significant (PS3.8 9.3.3.2).
  assert.ok(interpretAssociateAccept(rq, acFor(rq, [{ id: 3, result: 4, transferSyntax: "9.9" }])));
});

Deno.test("pynetdicom functional role test: C-GET SCU gets the SCP role for CT Image Storage", () => {
  const rq = buildAssociateRequest({
    callingAeTitle: "GETSCU",
    calledAeTitle: "QRSCP",
    contexts: [
      { abstractSyntax: GET, transferSyntaxes: [IMPLICIT] },
      { abstractSyntax: CT, transferSyntaxes: [IMPLICIT], roles: { scu: false, scp: true } },
    ],
  });
  const outcome = negotiateAssociation(rq, {
    aeTitle: "QRSCP",
    supported: [
      { abstractSyntax: GET, transferSyntaxes: [IMPLICIT] },
      { abstractSyntax: CT, transferSyntaxes: [IMPLICIT], roles: { scu: false, scp: true } },
    ],
  });
  assert.ok(outcome.accept);
  const a = interpretAssociateAccept(rq, outcome.accept);
  assert.deepEqual(a.contexts[0].roles.requestor, { scu: true, scp: false });
  assert.deepEqual(a.contexts[1].roles.requestor, { scu: false, scp: true });
  assert.deepEqual(outcome.association.contexts[1].roles, a.contexts[1].roles);
});

const abstractArb = fc.constantFrom(CT, GET, "1.2.840.10008.1.1", "1.2.3");
const tsArb = fc.constantFrom(IMPLICIT, EXPLICIT, JPEG, "1.2.3.4");
const rolesArb: fc.Arbitrary<Roles | undefined> = fc.option(
  fc.record({ scu: fc.boolean(), scp: fc.boolean() }),
  { nil: undefined },
);
const windowArb = fc.option(
  fc.record({
    maxOperationsInvoked: fc.integer({ min: 0, max: 10 }),
    maxOperationsPerformed: fc.integer({ min: 0, max: 10 }),
  }),
  { nil: undefined },
);

Deno.test("requestor and acceptor agree on every negotiated association", () => {
  fc.assert(fc.property(
    fc.array(
      fc.record({
        abstractSyntax: abstractArb,
        transferSyntaxes: fc.uniqueArray(tsArb, { minLength: 1, maxLength: 4 }),
        roles: rolesArb,
      }),
      { minLength: 1, maxLength: 12 },
    ),
    fc.uniqueArray(
      fc.record({
        abstractSyntax: abstractArb,
        transferSyntaxes: fc.uniqueArray(tsArb, { maxLength: 4 }),
        roles: rolesArb,
      }),
      { selector: (s) => s.abstractSyntax },
    ),
    fc.boolean(),
    windowArb,
    windowArb.map((w) => w ?? { maxOperationsInvoked: 1, maxOperationsPerformed: 1 }),
    fc.integer({ min: 0, max: 100000 }),
    fc.integer({ min: 0, max: 100000 }),
    (contexts, supported, onePerTransferSyntax, proposedWindow, supportedWindow, rqMax, acMax) => {
      const rq = buildAssociateRequest({
        callingAeTitle: "SCU",
        calledAeTitle: "SCP",
        contexts,
        onePerTransferSyntax,
        asyncOperationsWindow: proposedWindow,
        maxPduLength: rqMax,
      });
      const outcome = negotiateAssociation(rq, {
        aeTitle: "SCP",
        supported,
        asyncOperationsWindow: supportedWindow,
        maxPduLength: acMax,
      });
      assert.ok(outcome.accept);
      for (const c of outcome.accept.presentationContexts) {
        assert.ok(c.result >= 0 && c.result <= 4);
      }
      assert.deepEqual(
        outcome.accept.presentationContexts.map((c) => c.id),
        rq.presentationContexts.map((c) => c.id),
      );
      // Through the PDU codec, as on the wire.
      const rqWire = decodePdu(writePdu(rq));
      const acWire = decodePdu(writePdu(outcome.accept));
      assert.ok(rqWire.type === "A-ASSOCIATE-RQ" && acWire.type === "A-ASSOCIATE-AC");
      const requestor = interpretAssociateAccept(rqWire, acWire);
      const acceptor = outcome.association;
      assert.deepEqual(requestor.contexts, acceptor.contexts);
      assert.deepEqual(requestor.rejectedContexts, acceptor.rejectedContexts);
      assert.deepEqual(requestor.asyncOperationsWindow, acceptor.asyncOperationsWindow);
      assert.equal(requestor.maxSendPduLength, acceptor.maxReceivePduLength);
      assert.equal(requestor.maxReceivePduLength, acceptor.maxSendPduLength);
      for (const c of acceptor.contexts) {
        const proposal = rq.presentationContexts.find((p) => p.id === c.id)!;
        assert.ok(proposal.transferSyntaxes.includes(c.transferSyntax));
        const entry = supported.find((s) => s.abstractSyntax === c.abstractSyntax)!;
        assert.equal(
          c.transferSyntax,
          entry.transferSyntaxes.find((ts) => proposal.transferSyntaxes.includes(ts)),
        );
        assert.ok(c.roles.requestor.scu || c.roles.requestor.scp);
      }
    },
  ));
});

Deno.test("interpretAssociateAccept reads DCMTK storescp's answer to echoscu", () => {
  const rq = decodePdu(ECHOSCU_ASSOCIATE_RQ);
  const ac = decodePdu(STORESCP_ASSOCIATE_AC);
  assert.ok(rq.type === "A-ASSOCIATE-RQ" && ac.type === "A-ASSOCIATE-AC");
  const a = interpretAssociateAccept(rq, ac);
  assert.deepEqual(a.contexts, [{
    id: 1,
    abstractSyntax: "1.2.840.10008.1.1",
    transferSyntax: IMPLICIT,
    roles: { requestor: { scu: true, scp: false }, acceptor: { scu: false, scp: true } },
  }]);
  assert.equal(a.maxSendPduLength, 16384);
  assert.equal(a.peerImplementationClassUid, "1.2.276.0.7230010.3.0.3.6.7");
  assert.equal(a.peerImplementationVersionName, "OFFIS_DCMTK_367");
  assert.equal(findContextFor(a, "1.2.840.10008.1.1")?.id, 1);
});
