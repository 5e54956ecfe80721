import assert from "node:assert/strict";
import { createMemoryPair } from "../transport/memory.ts";
import { acceptAssociation } from "./accept_association.ts";
import type { Association } from "./association.ts";
import { AssociationRejectedError } from "./errors.ts";
import { requestAssociation } from "./request_association.ts";

const VERIFICATION = "1.2.840.10008.1.1";

function echoResponder(
  request: { message: { type: string; messageId?: number }; presentationContextId: number },
  assoc: Association,
) {
  if (request.message.type !== "C-ECHO-RQ") return;
  return assoc.send({
    type: "C-ECHO-RSP",
    messageIdBeingRespondedTo: request.message.messageId!,
    affectedSopClassUid: VERIFICATION,
    status: 0,
    hasDataSet: false,
  } as never, { presentationContextId: request.presentationContextId });
}

Deno.test("C-ECHO over an in-memory association, then release", async () => {
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: [{ abstractSyntax: VERIFICATION, transferSyntaxes: ["1.2.840.10008.1.2"] }],
    onRequest: echoResponder,
  });
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
  });
  const scp = await accepted;
  assert.equal(scp.accepted, true);
  assert.equal(scu.negotiated.contexts[0].transferSyntax, "1.2.840.10008.1.2");
  assert.equal(await scu.echo(), 0);
  assert.equal(await scu.echo(), 0);
  await scu.release();
  assert.equal((await scu.closed).reason, "released");
  assert.equal((await scp.association.closed).reason, "released");
});

Deno.test("a wrong called AE title is rejected with the PS3.8 reason", async () => {
  const [a, b] = createMemoryPair();
  acceptAssociation(b, {
    aeTitle: "SCP",
    supported: [{ abstractSyntax: VERIFICATION, transferSyntaxes: ["1.2.840.10008.1.2"] }],
  });
  await assert.rejects(
    requestAssociation({
      transport: a,
      callingAeTitle: "SCU",
      calledAeTitle: "WRONG",
      contexts: [{ abstractSyntax: VERIFICATION }],
    }),
    (e: unknown) => e instanceof AssociationRejectedError && e.reason === 7 && e.source === 1,
  );
});

Deno.test("abort from the requestor reaches the acceptor", async () => {
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: [{ abstractSyntax: VERIFICATION, transferSyntaxes: ["1.2.840.10008.1.2"] }],
  });
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
  });
  const scp = await accepted;
  scu.abort();
  assert.equal((await scp.association.closed).reason, "aborted");
  assert.equal((await scu.closed).reason, "aborted");
});
