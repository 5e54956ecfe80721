/**
 * Every timeout of an association (connect, ACSE, DIMSE, idle, ARTIM) fires as a
 * `DicomTimeoutError` naming itself, leaves the association closed, and leaves no timer behind.
 * All but the connect timeout run on a `VirtualClock` over an in-memory pair, in milliseconds.
 */
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { VirtualClock } from "../src/core/clock.ts";
import { acceptAssociation } from "../src/net/association/accept_association.ts";
import type { Association, AssociationEvent } from "../src/net/association/association.ts";
import { DicomTimeoutError } from "../src/net/association/errors.ts";
import { requestAssociation } from "../src/net/association/request_association.ts";
import { DEFAULT_TIMEOUTS, resolveTimeouts } from "../src/net/association/timeouts.ts";
import { buildAssociateRequest } from "../src/net/acse/association_request.ts";
import { PduReader } from "../src/net/pdu/pdu_reader.ts";
import type { Pdu } from "../src/net/pdu/pdu_types.ts";
import { writePdu } from "../src/net/pdu/write_pdu.ts";
import { createMemoryPair } from "../src/net/transport/memory.ts";
import type { Transport } from "../src/net/transport/transport.ts";

const VERIFICATION = "1.2.840.10008.1.1";
const IMPLICIT_LE = "1.2.840.10008.1.2";
const SUPPORTED = [{ abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] }];

/** Lets microtasks and zero-delay tasks run (memory pairs deliver on microtasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Advances the virtual clock in steps, letting the association react between them. */
async function advance(clock: VirtualClock, ms: number, steps = 4): Promise<void> {
  for (let i = 0; i < steps; i++) {
    clock.advance(ms / steps);
    await settle();
  }
}

/** A scripted peer on one end of a pair: records the PDUs it receives, answers nothing. */
function rawPeer(transport: Transport) {
  const reader = new PduReader();
  const received: Pdu[] = [];
  transport.onData((chunk) => {
    for (const pdu of reader.push(chunk)) received.push(pdu);
  });
  return {
    received,
    types: () => received.map((p) => p.type),
    send: (pdu: Pdu) => transport.write(writePdu(pdu)),
  };
}

/** Records events and the association they belong to. */
function recorder() {
  const events: AssociationEvent[] = [];
  let association: Association | undefined;
  return {
    events,
    get association(): Association {
      assert.ok(association, "no association event seen");
      return association;
    },
    onEvent: (event: AssociationEvent, a: Association) => {
      association = a;
      events.push(event);
    },
  };
}

function isTimeout(kind: string) {
  return (e: unknown) => e instanceof DicomTimeoutError && e.kind === kind;
}

Deno.test("the timeouts have documented defaults a user can override", () => {
  assert.deepEqual(resolveTimeouts(), { ...DEFAULT_TIMEOUTS });
  const t = resolveTimeouts({ dimseMs: 5, idleMs: 7 });
  assert.equal(t.dimseMs, 5);
  assert.equal(t.idleMs, 7);
  assert.equal(t.acseMs, DEFAULT_TIMEOUTS.acseMs);
  const e = new DicomTimeoutError("artim", 30);
  assert.match(e.message, /^ARTIM timeout/);
  assert.equal(e.name, "DicomTimeoutError");
});

Deno.test({
  name: "connect timeout: a listener whose accept queue is full never completes the handshake",
  // Deno.listen accepts only when asked, so its backlog can be filled; Bun and Node accept eagerly.
  ignore: typeof (globalThis as { Deno?: { listen?: unknown } }).Deno?.listen !== "function",
  fn: connectTimeoutTest,
});

async function connectTimeoutTest() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const fillers: Socket[] = [];
  try {
    // Fill the accept queue: once full, Linux drops further SYNs and connect() just waits.
    for (let stalled = false; !stalled && fillers.length < 5000;) {
      stalled = await new Promise<boolean>((resolve) => {
        const s = connect({ host: "127.0.0.1", port });
        s.on("error", () => {});
        fillers.push(s);
        const timer = setTimeout(() => resolve(true), 200);
        s.once("connect", () => {
          clearTimeout(timer);
          resolve(false);
        });
      });
    }
    const started = performance.now();
    await assert.rejects(
      requestAssociation({
        host: "127.0.0.1",
        port,
        callingAeTitle: "SCU",
        calledAeTitle: "SCP",
        contexts: [{ abstractSyntax: VERIFICATION }],
        timeouts: { connectMs: 150 },
      }),
      (e: unknown) => isTimeout("connect")(e) && (e as Error).message.includes(`127.0.0.1:${port}`),
    );
    assert.ok(performance.now() - started < 2000);
  } finally {
    for (const s of fillers) s.destroy();
    listener.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

Deno.test("ACSE timeout (requestor): no A-ASSOCIATE-AC/RJ, then A-ABORT and close", async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryPair();
  const peer = rawPeer(b);
  const rec = recorder();
  const pending = requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
    clock,
    timeouts: { acseMs: 3_000, artimMs: 1_000 },
    onEvent: rec.onEvent,
  });
  const outcome = pending.then(() => undefined, (e) => e);
  await settle();
  assert.deepEqual(peer.types(), ["A-ASSOCIATE-RQ"]);
  await advance(clock, 2_900);
  assert.equal(peer.types().length, 1, "nothing before the timeout");
  await advance(clock, 100);
  const error = await outcome;
  assert.ok(isTimeout("acse")(error), String(error));
  assert.deepEqual(peer.types(), ["A-ASSOCIATE-RQ", "A-ABORT"]);
  await advance(clock, 1_000); // ARTIM, as the peer does not close
  const end = await rec.association.closed;
  assert.equal(end.reason, "aborted");
  assert.ok(isTimeout("acse")(end.error));
  assert.equal(rec.association.state, "Sta1");
  assert.equal(clock.pending, 0);
});

Deno.test("ACSE timeout (acceptor): no A-ASSOCIATE-RQ within acseMs closes the connection", async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryPair();
  const peer = rawPeer(a);
  const rec = recorder();
  const result = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: SUPPORTED,
    clock,
    timeouts: { acseMs: 2_000, artimMs: 10_000 },
    onEvent: rec.onEvent,
  }).then(() => undefined, (e) => e);
  await advance(clock, 2_000);
  assert.ok(isTimeout("acse")(await result));
  const end = await rec.association.closed;
  assert.ok(isTimeout("acse")(end.error));
  assert.deepEqual(peer.types(), []);
  assert.ok(!rec.events.some((e) => e.type === "error"), "an ordinary timeout is no error event");
  assert.equal(clock.pending, 0);
});

Deno.test("ARTIM (acceptor, Sta2): a connection that sends nothing is closed by ARTIM", async () => {
  const clock = new VirtualClock();
  const [, b] = createMemoryPair();
  const rec = recorder();
  const result = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: SUPPORTED,
    clock,
    timeouts: { acseMs: 60_000, artimMs: 5_000 },
    onEvent: rec.onEvent,
  }).then(() => undefined, (e) => e);
  await advance(clock, 5_000);
  assert.ok(isTimeout("artim")(await result));
  assert.ok(isTimeout("artim")((await rec.association.closed).error));
  assert.equal(clock.pending, 0);
});

async function establish(clock: VirtualClock, timeouts: Record<string, number>) {
  const [a, b] = createMemoryPair();
  const scpRec = recorder();
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: SUPPORTED,
    clock,
    onEvent: scpRec.onEvent,
  });
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
    clock,
    timeouts,
  });
  const scp = await accepted;
  assert.ok(scp.accepted);
  return { scu, scp: scp.association, scpEvents: scpRec.events };
}

Deno.test("DIMSE timeout: an SCP that never answers fails the request and aborts", async () => {
  const clock = new VirtualClock();
  const { scu, scp } = await establish(clock, { dimseMs: 4_000 });
  let seen = 0;
  scp.setRequestHandler(() => {
    seen++; // never answers
  });
  const echo = scu.echo().then(() => undefined, (e) => e);
  await settle();
  assert.equal(seen, 1);
  await advance(clock, 3_900);
  assert.ok(scu.isEstablished);
  await advance(clock, 100);
  const error = await echo;
  assert.ok(isTimeout("dimse")(error), String(error));
  assert.match((error as Error).message, /message ID 1/);
  const end = await scu.closed;
  assert.equal(end.reason, "aborted");
  assert.ok(isTimeout("dimse")(end.error));
  assert.equal((await scp.closed).reason, "aborted");
  assert.equal(clock.pending, 0);
});

Deno.test("DIMSE timeout restarts with each pending response and is per request", async () => {
  const clock = new VirtualClock();
  const { scu, scp } = await establish(clock, { dimseMs: 1_000 });
  scp.setRequestHandler(async (request, assoc) => {
    if (request.message.type !== "C-ECHO-RQ") return;
    await new Promise<void>((resolve) => clock.setTimer(900, resolve));
    await assoc.send({
      type: "C-ECHO-RSP",
      messageIdBeingRespondedTo: request.message.messageId,
      affectedSopClassUid: VERIFICATION,
      status: 0,
      hasDataSet: false,
    }, { presentationContextId: request.presentationContextId });
  });
  for (let i = 0; i < 3; i++) {
    const echo = scu.echo();
    await settle();
    await advance(clock, 900, 2);
    assert.equal(await echo, 0);
  }
  assert.equal(clock.pending, 0);
  await scu.release();
  assert.equal(clock.pending, 0);
});

Deno.test("idle timeout: nothing received for idleMs aborts the association", async () => {
  const clock = new VirtualClock();
  const { scu, scp } = await establish(clock, { idleMs: 10_000 });
  await advance(clock, 9_000);
  assert.ok(scu.isEstablished);
  await advance(clock, 1_000);
  const end = await scu.closed;
  assert.equal(end.reason, "aborted");
  assert.ok(isTimeout("idle")(end.error), String(end.error));
  assert.equal((await scp.closed).reason, "aborted");
  assert.equal(clock.pending, 0);
});

Deno.test("idle timeout restarts whenever something arrives", async () => {
  const clock = new VirtualClock();
  const { scu, scp } = await establish(clock, { idleMs: 1_000 });
  scp.setRequestHandler((request, assoc) =>
    assoc.send({
      type: "C-ECHO-RSP",
      messageIdBeingRespondedTo: (request.message as { messageId: number }).messageId,
      affectedSopClassUid: VERIFICATION,
      status: 0,
      hasDataSet: false,
    }, { presentationContextId: request.presentationContextId })
  );
  for (let i = 0; i < 5; i++) {
    await advance(clock, 800, 1);
    assert.equal(await scu.echo(), 0);
  }
  assert.ok(scu.isEstablished);
  await scu.release();
  assert.equal(clock.pending, 0);
});

Deno.test("ARTIM (requestor): a release the acceptor never answers fails with the ARTIM timeout", async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryPair();
  const peer = rawPeer(b);
  const pending = requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
    clock,
    timeouts: { artimMs: 2_000 },
  });
  await settle();
  const rq = peer.received[0];
  assert.equal(rq.type, "A-ASSOCIATE-RQ");
  await peer.send({
    type: "A-ASSOCIATE-AC",
    protocolVersion: 1,
    calledAeTitle: "SCP",
    callingAeTitle: "SCU",
    applicationContextName: "1.2.840.10008.3.1.1.1",
    presentationContexts: [{ id: 1, result: 0, transferSyntax: IMPLICIT_LE }],
    userInformation: { maximumLength: 16384, implementationClassUid: "1.2.3" },
  });
  const scu = await pending;
  const released = scu.release().then(() => undefined, (e) => e);
  await settle();
  assert.deepEqual(peer.types(), ["A-ASSOCIATE-RQ", "A-RELEASE-RQ"]);
  await advance(clock, 2_000);
  assert.deepEqual(peer.types(), ["A-ASSOCIATE-RQ", "A-RELEASE-RQ", "A-ABORT"]);
  await advance(clock, 2_000); // ARTIM again in Sta13: the peer does not close either
  assert.ok(isTimeout("artim")(await released));
  const end = await scu.closed;
  assert.equal(end.reason, "aborted");
  assert.ok(isTimeout("artim")(end.error));
  assert.equal(clock.pending, 0);
});

Deno.test("ARTIM (acceptor): after A-RELEASE-RP a requestor that never closes is cut off", async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryPair();
  const peer = rawPeer(a);
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: SUPPORTED,
    clock,
    timeouts: { artimMs: 3_000 },
  });
  await peer.send(buildAssociateRequest({
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
  }));
  const scp = await accepted;
  assert.ok(scp.accepted);
  await peer.send({ type: "A-RELEASE-RQ" });
  await settle();
  assert.deepEqual(peer.types(), ["A-ASSOCIATE-AC", "A-RELEASE-RP"]);
  assert.equal(scp.association.state, "Sta13");
  await advance(clock, 2_900);
  assert.equal(scp.association.state, "Sta13");
  await advance(clock, 100);
  const end = await scp.association.closed;
  assert.equal(end.reason, "released");
  assert.equal(clock.pending, 0);
});

Deno.test("release first answers the requests being handled; a stuck handler delays it by dimseMs at most", async () => {
  const clock = new VirtualClock();
  const { scu, scp } = await establish(clock, { dimseMs: 1_000 });
  // The acceptor asks the requestor; the requestor answers after 500 ms (virtual).
  scu.setRequestHandler(async (request, assoc) => {
    await new Promise<void>((resolve) => clock.setTimer(500, resolve));
    await assoc.send({
      type: "C-ECHO-RSP",
      messageIdBeingRespondedTo: (request.message as { messageId: number }).messageId,
      affectedSopClassUid: VERIFICATION,
      status: 0,
      hasDataSet: false,
    }, { presentationContextId: request.presentationContextId });
  });
  const answered = scp.echo();
  await settle();
  let releasedAt: number | undefined;
  const released = scu.release().then(() => releasedAt = clock.now());
  await advance(clock, 500, 2);
  assert.equal(await answered, 0, "the response went out before the A-RELEASE-RQ");
  await released;
  assert.equal(releasedAt, 500);
  assert.equal(clock.pending, 0);

  const second = await establish(clock, { dimseMs: 1_000 });
  second.scu.setRequestHandler(() => new Promise<void>(() => {})); // never answers
  const stuck = second.scp.echo().catch((e) => e);
  await settle();
  const start = clock.now();
  let done = false;
  const release = second.scu.release().then(() => done = true);
  await advance(clock, 900, 3);
  assert.ok(!done);
  await advance(clock, 100, 1);
  await release;
  assert.equal(clock.now() - start, 1_000);
  assert.ok((await stuck) instanceof Error, "the unanswered request fails when the peer releases");
  assert.equal(clock.pending, 0);
});
