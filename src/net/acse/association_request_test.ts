import assert from "node:assert/strict";
import {
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
} from "../../codec/implementation.ts";
import { ECHOSCU_ASSOCIATE_RQ } from "../pdu/_dcmtk_fixtures.ts";
import { decodePdu } from "../pdu/read_pdu.ts";
import { writePdu } from "../pdu/write_pdu.ts";
import { buildAssociateRequest, DICOM_APPLICATION_CONTEXT_NAME } from "./association_request.ts";
import { AeTitleError, AssociationNegotiationError } from "./errors.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const MR = "1.2.840.10008.5.1.4.1.1.4";
const GET = "1.2.840.10008.5.1.4.1.2.2.3";

Deno.test("buildAssociateRequest fills in the defaults", () => {
  const rq = buildAssociateRequest({
    callingAeTitle: " ECHOSCU ",
    calledAeTitle: "ANY-SCP",
    contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
  });
  assert.deepEqual(rq, {
    type: "A-ASSOCIATE-RQ",
    protocolVersion: 1,
    calledAeTitle: "ANY-SCP",
    callingAeTitle: "ECHOSCU",
    applicationContextName: DICOM_APPLICATION_CONTEXT_NAME,
    presentationContexts: [{
      id: 1,
      abstractSyntax: "1.2.840.10008.1.1",
      transferSyntaxes: ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"],
    }],
    userInformation: {
      maximumLength: 16384,
      implementationClassUid: IMPLEMENTATION_CLASS_UID,
      implementationVersionName: IMPLEMENTATION_VERSION_NAME,
    },
  });
});

Deno.test("buildAssociateRequest carries roles, window, extended negotiation and user identity", () => {
  const rq = buildAssociateRequest({
    callingAeTitle: "GETSCU",
    calledAeTitle: "QRSCP",
    contexts: [
      { abstractSyntax: GET },
      {
        abstractSyntax: CT,
        transferSyntaxes: ["1.2.840.10008.1.2"],
        roles: { scu: false, scp: true },
      },
      {
        abstractSyntax: CT,
        transferSyntaxes: ["1.2.840.10008.1.2.1"],
        roles: { scu: true, scp: true },
      },
    ],
    roleSelections: [
      { sopClassUid: MR, scu: false, scp: true },
      { sopClassUid: CT, scu: true, scp: false },
    ],
    maxPduLength: 0,
    implementationVersionName: "",
    asyncOperationsWindow: { maxOperationsInvoked: 4, maxOperationsPerformed: 1 },
    sopClassExtended: [{ sopClassUid: GET, serviceClassApplicationInformation: Uint8Array.of(1) }],
    userIdentity: { kind: "username-passcode", username: "u", passcode: "p" },
    requestUserIdentityResponse: true,
  });
  assert.deepEqual(rq.presentationContexts.map((c) => c.id), [1, 3, 5]);
  const info = rq.userInformation!;
  assert.equal(info.maximumLength, 0);
  assert.equal("implementationVersionName" in info, false);
  assert.deepEqual(info.asynchronousOperationsWindow, {
    maxOperationsInvoked: 4,
    maxOperationsPerformed: 1,
  });
  assert.deepEqual(info.roleSelections, [
    { sopClassUid: CT, scuRole: 0, scpRole: 1 },
    { sopClassUid: MR, scuRole: 0, scpRole: 1 },
  ]);
  assert.equal(info.sopClassExtendedNegotiations?.length, 1);
  assert.equal(info.userIdentity?.userIdentityType, 2);
  assert.equal(info.userIdentity?.positiveResponseRequested, 1);
});

Deno.test("buildAssociateRequest refuses bad options", () => {
  const base = {
    callingAeTitle: "A",
    calledAeTitle: "B",
    contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
  };
  assert.throws(() => buildAssociateRequest({ ...base, callingAeTitle: "" }), AeTitleError);
  assert.throws(
    () => buildAssociateRequest({ ...base, calledAeTitle: "WAY-TOO-LONG-AE-TITLE" }),
    AeTitleError,
  );
  const problems: [Partial<typeof base> & Record<string, unknown>, string][] = [
    [{ contexts: [] }, "no-contexts"],
    [{ maxPduLength: -1 }, "invalid-option"],
    [{ maxPduLength: 2 ** 32 }, "invalid-option"],
    [{ implementationVersionName: "X".repeat(17) }, "invalid-option"],
    [{
      asyncOperationsWindow: { maxOperationsInvoked: 65536, maxOperationsPerformed: 1 },
    }, "invalid-option"],
  ];
  for (const [change, problem] of problems) {
    assert.throws(
      () => buildAssociateRequest({ ...base, ...change }),
      (e: unknown) => e instanceof AssociationNegotiationError && e.problem === problem,
      problem,
    );
  }
});

Deno.test("buildAssociateRequest makes what DCMTK echoscu sends, and survives the PDU codec", () => {
  const rq = buildAssociateRequest({
    callingAeTitle: "ECHOSCU",
    calledAeTitle: "ANY-SCP",
    contexts: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
    implementationClassUid: "1.2.276.0.7230010.3.0.3.6.7",
    implementationVersionName: "OFFIS_DCMTK_367",
  });
  const bytes = writePdu(rq);
  assert.deepEqual(decodePdu(bytes), rq);
  // echoscu differs only in a reserved byte of its presentation context item, which it sends as
  // 0xFF (PS3.8 9.3.2.2: sent as 00H, not tested).
  const dcmtk = ECHOSCU_ASSOCIATE_RQ.slice();
  const differing = [...dcmtk.keys()].filter((i) => dcmtk[i] !== bytes[i]);
  assert.equal(bytes.length, dcmtk.length);
  assert.equal(differing.length, 1);
  assert.equal(dcmtk[differing[0]], 0xff);
});

Deno.test("buildAssociateRequest output with every sub-item round-trips through the PDU codec", () => {
  const rq = buildAssociateRequest({
    callingAeTitle: "GETSCU",
    calledAeTitle: "QRSCP",
    contexts: [
      { abstractSyntax: GET },
      { abstractSyntax: CT, roles: { scu: false, scp: true } },
    ],
    onePerTransferSyntax: true,
    asyncOperationsWindow: { maxOperationsInvoked: 0, maxOperationsPerformed: 2 },
    sopClassExtended: [{ sopClassUid: GET, serviceClassApplicationInformation: Uint8Array.of(1) }],
    sopClassCommonExtended: [{
      sopClassUid: "1.2.3",
      serviceClassUid: "1.2.840.10008.4.2",
      relatedGeneralSopClassUids: [CT],
    }],
    userIdentity: { kind: "saml", assertion: Uint8Array.of(60, 62) },
    requestUserIdentityResponse: true,
  });
  assert.deepEqual(decodePdu(writePdu(rq)), rq);
});
