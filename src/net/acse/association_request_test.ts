import assert from "node:assert/strict";
import {
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
} from "../../codec/implementation.ts";
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
      maxLength: 16384,
      implementationClassUid: IMPLEMENTATION_CLASS_UID,
      implementationVersionName: IMPLEMENTATION_VERSION_NAME,
      roleSelections: [],
      sopClassExtended: [],
      sopClassCommonExtended: [],
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
    asyncOperationsWindow: { invoked: 4, performed: 1 },
    sopClassExtended: [{ sopClassUid: GET, serviceClassApplicationInformation: Uint8Array.of(1) }],
    userIdentity: { kind: "username-passcode", username: "u", passcode: "p" },
    requestUserIdentityResponse: true,
  });
  assert.deepEqual(rq.presentationContexts.map((c) => c.id), [1, 3, 5]);
  const info = rq.userInformation;
  assert.equal(info.maxLength, 0);
  assert.equal("implementationVersionName" in info, false);
  assert.deepEqual(info.asyncOperationsWindow, { invoked: 4, performed: 1 });
  assert.deepEqual(info.roleSelections, [
    { sopClassUid: CT, scu: false, scp: true },
    { sopClassUid: MR, scu: false, scp: true },
  ]);
  assert.equal(info.sopClassExtended?.length, 1);
  assert.equal(info.userIdentity?.userIdentityType, 2);
  assert.equal(info.userIdentity?.positiveResponseRequested, true);
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
    [{ asyncOperationsWindow: { invoked: 65536, performed: 1 } }, "invalid-option"],
  ];
  for (const [change, problem] of problems) {
    assert.throws(
      () => buildAssociateRequest({ ...base, ...change }),
      (e: unknown) => e instanceof AssociationNegotiationError && e.problem === problem,
      problem,
    );
  }
});
