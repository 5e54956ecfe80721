/**
 * The asynchronous operations window (PS3.7 D.3.3.3): the requestor proposes it, the acceptor
 * negotiates it down, and the SCU pipelines exactly that many requests, never more.
 */
import assert from "node:assert/strict";
import {
  acceptAssociation,
  listenAssociations,
} from "../src/net/association/accept_association.ts";
import type { Association, ReceivedMessage } from "../src/net/association/association.ts";
import { requestAssociation } from "../src/net/association/request_association.ts";
import type { AsyncOperationsWindow } from "../src/net/acse/limits.ts";
import type { DimseMessage } from "../src/net/dimse/messages.ts";
import { createMemoryPair } from "../src/net/transport/memory.ts";

const VERIFICATION = "1.2.840.10008.1.1";
const CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
const IMPLICIT_LE = "1.2.840.10008.1.2";

/** An SCP that holds every request for `delayMs` and counts how many it holds at once. */
function delayingScp(delayMs: number) {
  const stats = { outstanding: 0, maxOutstanding: 0, handled: 0, ids: new Set<number>() };
  const handler = async (request: ReceivedMessage, assoc: Association) => {
    const rq = request.message;
    if (rq.type !== "C-ECHO-RQ" && rq.type !== "C-STORE-RQ") return;
    stats.ids.add(rq.messageId);
    stats.outstanding++;
    stats.maxOutstanding = Math.max(stats.maxOutstanding, stats.outstanding);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    stats.outstanding--;
    stats.handled++;
    const rsp: DimseMessage = rq.type === "C-ECHO-RQ"
      ? {
        type: "C-ECHO-RSP",
        messageIdBeingRespondedTo: rq.messageId,
        affectedSopClassUid: rq.affectedSopClassUid,
        status: 0,
        hasDataSet: false,
      }
      : {
        type: "C-STORE-RSP",
        messageIdBeingRespondedTo: rq.messageId,
        affectedSopClassUid: rq.affectedSopClassUid,
        affectedSopInstanceUid: rq.affectedSopInstanceUid,
        status: 0,
        hasDataSet: false,
      };
    await assoc.send(rsp, { presentationContextId: request.presentationContextId });
  };
  return { stats, handler };
}

async function pair(
  proposed: AsyncOperationsWindow | undefined,
  supported: AsyncOperationsWindow | undefined,
  handler: (request: ReceivedMessage, assoc: Association) => Promise<void>,
) {
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: [
      { abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] },
      { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [IMPLICIT_LE] },
    ],
    asyncOperationsWindow: supported,
    onRequest: handler,
  });
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }, { abstractSyntax: CT_IMAGE_STORAGE }],
    asyncOperationsWindow: proposed,
  });
  const scp = await accepted;
  assert.ok(scp.accepted);
  return { scu, scp: scp.association };
}

Deno.test("both sides negotiate the window: the acceptor lowers what was proposed", async () => {
  const { scu, scp } = await pair(
    { maxOperationsInvoked: 16, maxOperationsPerformed: 4 },
    { maxOperationsInvoked: 8, maxOperationsPerformed: 1 },
    delayingScp(0).handler,
  );
  const expected = { maxOperationsInvoked: 8, maxOperationsPerformed: 1 };
  assert.deepEqual(scu.negotiated.asyncOperationsWindow, expected);
  assert.deepEqual(scp.negotiated.asyncOperationsWindow, expected);
  await scu.release();
});

Deno.test("without a proposal or without acceptor support the window is (1, 1)", async () => {
  for (
    const [proposed, supported] of [
      [undefined, { maxOperationsInvoked: 8, maxOperationsPerformed: 8 }],
      [{ maxOperationsInvoked: 8, maxOperationsPerformed: 8 }, undefined],
    ] as const
  ) {
    const { scu, scp } = await pair(proposed, supported, delayingScp(0).handler);
    const sync = { maxOperationsInvoked: 1, maxOperationsPerformed: 1 };
    assert.deepEqual(scu.negotiated.asyncOperationsWindow, sync);
    assert.deepEqual(scp.negotiated.asyncOperationsWindow, sync);
    await scu.release();
  }
});

Deno.test("window 8: 20 concurrent C-ECHO requests run 8 at a time, never more", async () => {
  const scp = delayingScp(5);
  const { scu } = await pair(
    { maxOperationsInvoked: 8, maxOperationsPerformed: 1 },
    { maxOperationsInvoked: 8, maxOperationsPerformed: 1 },
    scp.handler,
  );
  const statuses = await Promise.all(Array.from({ length: 20 }, () => scu.echo()));
  assert.deepEqual(statuses, Array(20).fill(0));
  assert.equal(scp.stats.handled, 20);
  assert.equal(scp.stats.maxOutstanding, 8);
  assert.equal(scp.stats.ids.size, 20, "message IDs are unique while outstanding");
  await scu.release();
});

Deno.test("window 8: C-STORE requests with data sets pipeline the same way", async () => {
  const scp = delayingScp(3);
  const { scu } = await pair(
    { maxOperationsInvoked: 8, maxOperationsPerformed: 1 },
    { maxOperationsInvoked: 0, maxOperationsPerformed: 0 },
    scp.handler,
  );
  const context = scu.negotiated.contexts.find((c) => c.abstractSyntax === CT_IMAGE_STORAGE)!;
  const dataSet = new Uint8Array(40_000).fill(7); // several P-DATA-TF PDUs each
  const responses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    scu.requestFinal({
      type: "C-STORE-RQ",
      messageId: 0,
      affectedSopClassUid: CT_IMAGE_STORAGE,
      affectedSopInstanceUid: `1.2.3.${i}`,
      priority: 0,
      hasDataSet: true,
    }, { presentationContextId: context.id, dataSet })));
  assert.deepEqual(
    responses.map((r) => (r.message as { affectedSopInstanceUid: string }).affectedSopInstanceUid),
    Array.from({ length: 20 }, (_, i) => `1.2.3.${i}`),
  );
  assert.equal(scp.stats.maxOutstanding, 8);
  await scu.release();
});

Deno.test("window 1: requests go strictly one at a time", async () => {
  const scp = delayingScp(2);
  const { scu } = await pair(undefined, undefined, scp.handler);
  await Promise.all(Array.from({ length: 10 }, () => scu.echo()));
  assert.equal(scp.stats.handled, 10);
  assert.equal(scp.stats.maxOutstanding, 1);
  await scu.release();
});

Deno.test("window 0 (unlimited) lets all 20 requests be outstanding at once", async () => {
  const scp = delayingScp(5);
  const { scu } = await pair(
    { maxOperationsInvoked: 0, maxOperationsPerformed: 1 },
    { maxOperationsInvoked: 0, maxOperationsPerformed: 1 },
    scp.handler,
  );
  await Promise.all(Array.from({ length: 20 }, () => scu.echo()));
  assert.equal(scp.stats.maxOutstanding, 20);
  await scu.release();
});

Deno.test("the acceptor's own requests obey maxOperationsPerformed", async () => {
  // The requestor answers C-ECHO too; the acceptor invokes (as for N-EVENT-REPORT).
  const requestorSide = delayingScp(3);
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: [{ abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] }],
    asyncOperationsWindow: { maxOperationsInvoked: 8, maxOperationsPerformed: 3 },
  });
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
    asyncOperationsWindow: { maxOperationsInvoked: 8, maxOperationsPerformed: 3 },
    onRequest: requestorSide.handler,
  });
  const scp = await accepted;
  assert.ok(scp.accepted);
  await Promise.all(Array.from({ length: 12 }, () => scp.association.echo()));
  assert.equal(requestorSide.stats.maxOutstanding, 3);
  await scu.release();
});

Deno.test("window 8 over TCP: the SCU pipelines on a real socket too", async () => {
  const scp = delayingScp(30); // long enough for all 8 to arrive over the socket first
  const server = await listenAssociations({
    aeTitle: "SCP",
    supported: [{ abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] }],
    asyncOperationsWindow: { maxOperationsInvoked: 8, maxOperationsPerformed: 1 },
    onRequest: scp.handler,
  });
  try {
    const scu = await requestAssociation({
      host: "127.0.0.1",
      port: server.port,
      callingAeTitle: "SCU",
      calledAeTitle: "SCP",
      contexts: [{ abstractSyntax: VERIFICATION }],
      asyncOperationsWindow: { maxOperationsInvoked: 16, maxOperationsPerformed: 1 },
    });
    assert.equal(scu.negotiated.asyncOperationsWindow.maxOperationsInvoked, 8);
    await Promise.all(Array.from({ length: 20 }, () => scu.echo()));
    assert.equal(scp.stats.handled, 20);
    assert.equal(scp.stats.maxOutstanding, 8);
    await scu.release();
  } finally {
    await server.close();
  }
});
