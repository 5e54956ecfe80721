import assert from "node:assert/strict";
import { acceptAssociation } from "../net/association/accept_association.ts";
import type { ReceivedMessage } from "../net/association/association.ts";
import { AssociationRejectedError } from "../net/association/errors.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import {
  answerEcho,
  echo,
  VERIFICATION_SOP_CLASS,
  VERIFICATION_SUPPORTED,
} from "./verification.ts";

function verificationScp(handled: string[]) {
  const [client, server] = createMemoryPair();
  const accepted = acceptAssociation(server, {
    aeTitle: "SCP",
    supported: [VERIFICATION_SUPPORTED],
    onRequest: async (request, association) => {
      handled.push(`${request.message.type}:${await answerEcho(request, association)}`);
    },
  });
  return { client, accepted };
}

Deno.test("echo sends repeat C-ECHO-RQ and answerEcho answers each with Success", async () => {
  const handled: string[] = [];
  const { client, accepted } = verificationScp(handled);
  const result = await echo({ transport: client, calledAeTitle: "SCP", repeat: 3 });
  assert.deepEqual(result.statuses, [0, 0, 0]);
  assert.ok(result.elapsedMs >= 0);
  assert.deepEqual(handled, ["C-ECHO-RQ:true", "C-ECHO-RQ:true", "C-ECHO-RQ:true"]);
  const scp = await accepted;
  assert.equal((await scp.association.closed).reason, "released");
});

Deno.test("answerEcho leaves other requests alone and can answer another status", async () => {
  const sent: unknown[] = [];
  const fake = { send: (m: unknown) => (sent.push(m), Promise.resolve()) };
  const store = {
    message: { type: "C-STORE-RQ", messageId: 1 },
    presentationContextId: 1,
  } as unknown as ReceivedMessage;
  assert.equal(await answerEcho(store, fake as never), false);
  assert.equal(sent.length, 0);
  const request = {
    message: {
      type: "C-ECHO-RQ",
      messageId: 7,
      affectedSopClassUid: VERIFICATION_SOP_CLASS,
      hasDataSet: false,
    },
    presentationContextId: 3,
  } as unknown as ReceivedMessage;
  assert.equal(await answerEcho(request, fake as never, { status: 0x0211 }), true);
  assert.deepEqual(sent, [{
    type: "C-ECHO-RSP",
    messageIdBeingRespondedTo: 7,
    affectedSopClassUid: VERIFICATION_SOP_CLASS,
    status: 0x0211,
    hasDataSet: false,
  }]);
});

Deno.test("echo throws the rejection when the called AE title is wrong", async () => {
  const { client } = verificationScp([]);
  await assert.rejects(
    echo({ transport: client, calledAeTitle: "OTHER" }),
    (e: unknown) => e instanceof AssociationRejectedError,
  );
});
