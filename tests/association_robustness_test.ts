/**
 * Bad input from a peer (PS3.8 9.2, Table 9-10): malformed, truncated, oversize, unknown and
 * out-of-state PDUs, PDVs on unknown contexts and garbage command sets end in A-ABORT (or
 * A-ASSOCIATE-RJ) with the right source and reason, an 'error' event, and a closed association:
 * never a crash or a hang. A TCP server keeps serving after such peers; random input never
 * crashes or hangs an acceptor (fast-check).
 */
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import fc from "fast-check";
import { VirtualClock } from "../src/core/clock.ts";
import { DataElement } from "../src/core/element.ts";
import {
  acceptAssociation,
  type AcceptResult,
  listenAssociations,
} from "../src/net/association/accept_association.ts";
import type {
  Association,
  AssociationEvent,
  ReceivedMessage,
} from "../src/net/association/association.ts";
import {
  AssociationAbortedError,
  AssociationRejectedError,
} from "../src/net/association/errors.ts";
import { requestAssociation } from "../src/net/association/request_association.ts";
import { buildAssociateRequest } from "../src/net/acse/association_request.ts";
import { encodeCommand } from "../src/net/dimse/command_set.ts";
import { toCommandSet } from "../src/net/dimse/messages.ts";
import { DulProtocolError } from "../src/net/dul/errors.ts";
import { pduArb } from "../src/net/pdu/_arbitrary_pdu.ts";
import { PduDecodeError, PduLimitError } from "../src/net/pdu/errors.ts";
import { pDataTf, pdv, rawPdu } from "../src/net/pdu/pdu_builders.ts";
import { PduReader } from "../src/net/pdu/pdu_reader.ts";
import type { AbortPdu, AssociateRjPdu, Pdu } from "../src/net/pdu/pdu_types.ts";
import { writePdu } from "../src/net/pdu/write_pdu.ts";
import { createMemoryPair } from "../src/net/transport/memory.ts";
import type { Transport } from "../src/net/transport/transport.ts";

const VERIFICATION = "1.2.840.10008.1.1";
const IMPLICIT_LE = "1.2.840.10008.1.2";
const SUPPORTED = [{ abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT_LE] }];
const ARTIM_MS = 1_000;

/** Lets the memory pair deliver: its chunks travel on microtasks, all done before a timer. */
function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function associateRq(calledAeTitle = "SCP") {
  return buildAssociateRequest({
    callingAeTitle: "BADPEER",
    calledAeTitle,
    contexts: [{ abstractSyntax: VERIFICATION }],
  });
}

function echoRsp(request: ReceivedMessage, assoc: Association) {
  if (request.message.type !== "C-ECHO-RQ") return;
  return assoc.send({
    type: "C-ECHO-RSP",
    messageIdBeingRespondedTo: request.message.messageId,
    affectedSopClassUid: VERIFICATION,
    status: 0,
    hasDataSet: false,
  }, { presentationContextId: request.presentationContextId });
}

/** Our acceptor on one end of a pair and a scripted raw peer on the other. */
function harness() {
  const clock = new VirtualClock();
  const [peerEnd, scpEnd] = createMemoryPair();
  const reader = new PduReader();
  const received: Pdu[] = [];
  let peerClosed = false;
  peerEnd.onData((chunk) => {
    for (const pdu of reader.push(chunk)) received.push(pdu);
  });
  peerEnd.onClose(() => peerClosed = true);
  const events: AssociationEvent[] = [];
  let association: Association | undefined;
  const result: Promise<AcceptResult | Error> = acceptAssociation(scpEnd, {
    aeTitle: "SCP",
    supported: SUPPORTED,
    clock,
    timeouts: { artimMs: ARTIM_MS },
    onRequest: echoRsp,
    onEvent: (event, a) => {
      association = a;
      events.push(event);
    },
  }).catch((e) => e);
  const h = {
    clock,
    received,
    events,
    get peerClosed() {
      return peerClosed;
    },
    get association(): Association {
      assert.ok(association);
      return association;
    },
    result,
    errors: () =>
      events.filter((e) => e.type === "error").map((e) => (e as { error: Error }).error),
    async send(bytes: Uint8Array | Pdu) {
      await peerEnd.write(bytes instanceof Uint8Array ? bytes : writePdu(bytes));
      await tick();
    },
    async establish() {
      await h.send(associateRq());
      const r = await result;
      assert.ok(!(r instanceof Error) && r.accepted, String(r));
      assert.equal(received.at(-1)?.type, "A-ASSOCIATE-AC");
      return r.association;
    },
    /** The last PDU received must be an A-ABORT with this source and reason. */
    expectAbort(source: number, reason: number) {
      const last = received.at(-1) as AbortPdu;
      assert.equal(last?.type, "A-ABORT", `got ${received.map((p) => p.type).join(", ")}`);
      assert.deepEqual([last.source, last.reason], [source, reason]);
    },
    /** The acceptor waits in Sta13 for the peer to close; ARTIM ends the wait. */
    async expectClosedAfterArtim() {
      assert.equal(h.association.state, "Sta13");
      h.clock.advance(ARTIM_MS);
      await tick();
      const end = await h.association.closed;
      assert.equal(h.association.state, "Sta1");
      assert.ok(peerClosed);
      assert.equal(clock.pending, 0);
      return end;
    },
  };
  return h;
}

// ---- Sta2: before the association

Deno.test("a malformed A-ASSOCIATE-RQ is answered with A-ABORT (AA-1) and an error event", async () => {
  const h = harness();
  const rq = writePdu(associateRq());
  rq[74 + 3] = 0xff; // the first item's length now runs past the PDU
  await h.send(rq);
  h.expectAbort(0, 0);
  assert.ok(h.errors().some((e) => e instanceof PduDecodeError), String(h.errors()));
  assert.ok((await h.result) instanceof AssociationAbortedError);
  assert.equal((await h.expectClosedAfterArtim()).reason, "aborted");
});

Deno.test("a P-DATA-TF before the association (Sta2) is answered with A-ABORT (AA-1)", async () => {
  const h = harness();
  await h.send(pDataTf([pdv(1, new Uint8Array(10), { isCommand: true })]));
  h.expectAbort(0, 0);
  const error = h.errors().find((e) => e instanceof DulProtocolError) as DulProtocolError;
  assert.ok(error, "an error event names the violation");
  assert.equal(error.state, "Sta2");
  assert.match(error.message, /Unexpected P-DATA-TF in Sta2/);
  await h.expectClosedAfterArtim();
});

Deno.test("an A-ASSOCIATE-RQ of an unsupported protocol version is rejected (RJ 1/2/2)", async () => {
  const h = harness();
  await h.send({ ...associateRq(), protocolVersion: 2 });
  const rj = h.received.at(-1) as AssociateRjPdu;
  assert.equal(rj.type, "A-ASSOCIATE-RJ");
  assert.deepEqual([rj.result, rj.source, rj.reason], [1, 2, 2]);
  // The provider itself refuses it (PS3.8 AE-6), before any negotiation.
  const r = await h.result;
  assert.ok(r instanceof AssociationRejectedError, String(r));
  assert.deepEqual([r.result, r.source, r.reason], [1, 2, 2]);
  // PS3.8 AE-6: after the RJ the acceptor waits (ARTIM) for the requestor to close.
  assert.equal((await h.expectClosedAfterArtim()).reason, "rejected");
});

Deno.test("an A-ASSOCIATE-RQ header beyond the limit is refused before its body arrives", async () => {
  const h = harness();
  // Only the 6-byte header, announcing 4 GiB: the refusal cannot have waited for the body.
  await h.send(Uint8Array.of(0x01, 0, 0xff, 0xff, 0xff, 0xff));
  h.expectAbort(0, 0);
  assert.ok(h.errors().some((e) => e instanceof PduLimitError));
  await h.expectClosedAfterArtim();
});

Deno.test("an acceptor policy that throws aborts instead of leaving the requestor waiting", async () => {
  const [peerEnd, scpEnd] = createMemoryPair();
  const reader = new PduReader();
  const received: Pdu[] = [];
  peerEnd.onData((chunk) => received.push(...reader.push(chunk)));
  const result = acceptAssociation(scpEnd, {
    aeTitle: "SCP",
    supported: SUPPORTED,
    admit: () => {
      throw new Error("policy store unavailable");
    },
  }).catch((e) => e);
  await peerEnd.write(writePdu(associateRq()));
  assert.match(String(await result), /policy store unavailable/);
  await tick();
  assert.deepEqual(received.map((p) => p.type), ["A-ABORT"]);
  await peerEnd.end();
});

// ---- Sta6: on an established association

Deno.test("an A-ASSOCIATE-RQ in Sta6 is answered with A-ABORT provider/unexpected-PDU (AA-8)", async () => {
  const h = harness();
  await h.establish();
  await h.send(associateRq());
  h.expectAbort(2, 2);
  assert.ok(h.errors().some((e) => e instanceof DulProtocolError && e.state === "Sta6"));
  const end = await h.expectClosedAfterArtim();
  assert.equal(end.reason, "aborted");
  assert.ok(end.error instanceof AssociationAbortedError);
});

Deno.test("an unknown PDU type is answered with A-ABORT provider/unrecognized-PDU", async () => {
  const h = harness();
  await h.establish();
  await h.send(rawPdu(0x09, Uint8Array.of(1, 2, 3, 4)));
  h.expectAbort(2, 1);
  assert.ok(h.errors().length > 0);
  await h.expectClosedAfterArtim();
});

Deno.test("a malformed A-RELEASE-RQ is answered with A-ABORT provider/invalid-parameter", async () => {
  const h = harness();
  await h.establish();
  await h.send(rawPdu(0x05, Uint8Array.of(0, 0))); // 2 bytes instead of 4
  h.expectAbort(2, 6);
  assert.ok(h.errors().some((e) => e instanceof PduDecodeError));
  await h.expectClosedAfterArtim();
});

Deno.test("a P-DATA-TF longer than the negotiated maximum is refused from its header", async () => {
  const h = harness();
  const assoc = await h.establish();
  const max = assoc.negotiated.maxReceivePduLength;
  assert.equal(max, 16384);
  // A P-DATA-TF header announcing max + 1 bytes, and nothing else.
  const n = max + 1;
  await h.send(Uint8Array.of(0x04, 0, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));
  h.expectAbort(2, 6);
  const limit = h.errors().find((e) => e instanceof PduLimitError) as PduLimitError;
  assert.ok(limit);
  assert.equal(limit.limit, max);
  await h.expectClosedAfterArtim();
});

Deno.test("a P-DATA-TF of exactly the negotiated maximum is accepted", async () => {
  const h = harness();
  const assoc = await h.establish();
  const max = assoc.negotiated.maxReceivePduLength;
  const echo = (padding: number) =>
    encodeCommand(toCommandSet({
      type: "C-ECHO-RQ",
      messageId: 7,
      affectedSopClassUid: VERIFICATION,
      hasDataSet: false,
      // An element no C-ECHO-RQ defines, kept and ignored: here only to fill the PDU.
      extraElements: [DataElement.fromBytes(0x00004000, "OB", new Uint8Array(padding))],
    }));
  // PDU length = PDV item length field (4) + context ID (1) + control header (1) + command.
  const padding = max - 6 - echo(0).length;
  const pdu = writePdu(pDataTf([pdv(1, echo(padding), { isCommand: true })]));
  assert.equal(pdu.length, 6 + max);
  await h.send(pdu);
  assert.deepEqual(h.errors(), []);
  assert.equal(h.received.at(-1)?.type, "P-DATA-TF", "the C-ECHO-RSP came back");
  assert.ok(assoc.isEstablished);
});

Deno.test("a truncated PDU followed by a close ends the association with an error event", async () => {
  const h = harness();
  await h.establish();
  const full = writePdu(pDataTf([pdv(1, new Uint8Array(100), { isCommand: true })]));
  await h.send(full.subarray(0, 20));
  assert.ok(h.association.isEstablished, "a partial PDU is just waited for");
  await h.association.transport.end(); // the peer goes away mid-PDU
  const end = await h.association.closed;
  assert.equal(end.reason, "aborted");
  assert.ok(h.errors().some((e) => /middle of a PDU: 20 bytes/.test(e.message)));
  assert.equal(h.clock.pending, 0);
});

Deno.test("a PDV on a presentation context that was not accepted is an invalid parameter", async () => {
  const h = harness();
  await h.establish();
  const command = encodeCommand(toCommandSet({
    type: "C-ECHO-RQ",
    messageId: 1,
    affectedSopClassUid: VERIFICATION,
    hasDataSet: false,
  }));
  await h.send(pDataTf([pdv(99, command, { isCommand: true })]));
  h.expectAbort(2, 6);
  assert.ok(h.errors().some((e) => /presentation context 99/.test(e.message)));
  await h.expectClosedAfterArtim();
});

Deno.test("a garbage command set aborts the association", async () => {
  const h = harness();
  await h.establish();
  await h.send(pDataTf([pdv(1, Uint8Array.of(1, 2, 3, 4, 5, 6, 7), { isCommand: true })]));
  h.expectAbort(2, 0);
  assert.ok(h.errors().length > 0);
  await h.expectClosedAfterArtim();
});

Deno.test("a data set fragment with no command before it aborts the association", async () => {
  const h = harness();
  await h.establish();
  await h.send(pDataTf([pdv(1, Uint8Array.of(8, 0, 0x18, 0, 0, 0, 0, 0))]));
  h.expectAbort(2, 0);
  await h.expectClosedAfterArtim();
});

Deno.test("a pending request fails with AssociationAbortedError when the peer sends garbage", async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryPair();
  const reader = new PduReader();
  const received: Pdu[] = [];
  b.onData((chunk) => received.push(...reader.push(chunk)));
  const pending = requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
    clock,
    timeouts: { artimMs: ARTIM_MS },
  });
  await tick();
  await b.write(writePdu({
    type: "A-ASSOCIATE-AC",
    protocolVersion: 1,
    calledAeTitle: "SCP",
    callingAeTitle: "SCU",
    applicationContextName: "1.2.840.10008.3.1.1.1",
    presentationContexts: [{ id: 1, result: 0, transferSyntax: IMPLICIT_LE }],
    userInformation: { maximumLength: 16384, implementationClassUid: "1.2.3" },
  }));
  const scu = await pending;
  const echo = scu.echo().catch((e) => e);
  await tick();
  await b.write(Uint8Array.of(0x0a, 0, 0, 0, 0, 0)); // unknown PDU type 0AH
  const error = await echo;
  assert.ok(error instanceof AssociationAbortedError, String(error));
  assert.equal((received.at(-1) as AbortPdu).type, "A-ABORT");
  clock.advance(ARTIM_MS);
  assert.equal((await scu.closed).reason, "aborted");
  assert.equal(clock.pending, 0);
});

Deno.test("a malformed A-ASSOCIATE-AC makes requestAssociation fail with an A-ABORT sent", async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryPair();
  const reader = new PduReader();
  const received: Pdu[] = [];
  b.onData((chunk) => received.push(...reader.push(chunk)));
  const pending = requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
    clock,
    timeouts: { artimMs: ARTIM_MS },
  }).catch((e) => e);
  await tick();
  await b.write(Uint8Array.of(0x02, 0, 0, 0, 0, 3, 1, 2, 3)); // an AC of 3 bytes
  const error = await pending;
  assert.ok(error instanceof AssociationAbortedError, String(error));
  const abort = received.at(-1) as AbortPdu;
  assert.deepEqual([abort.type, abort.source, abort.reason], ["A-ABORT", 2, 6]);
  clock.advance(ARTIM_MS);
  await tick();
  assert.equal(clock.pending, 0);
});

// ---- a TCP server keeps serving

/** A raw TCP client: writes bytes, collects PDUs, reports when the server closes it. */
function rawClient(port: number, options: { allowHalfOpen?: boolean } = {}) {
  const socket: Socket = connect({ host: "127.0.0.1", port, allowHalfOpen: options.allowHalfOpen });
  socket.on("error", () => {});
  const reader = new PduReader({ maxPduLength: 0, maxOtherPduLength: 0 });
  const received: Pdu[] = [];
  socket.on("data", (chunk: Uint8Array) => {
    try {
      received.push(...reader.push(new Uint8Array(chunk)));
    } catch {
      // the server's bytes are not what this test is about
    }
  });
  const connected = new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  const ended = new Promise<void>((resolve) => socket.once("end", () => resolve()));
  return {
    socket,
    received,
    connected,
    closed,
    ended,
    write: async (bytes: Uint8Array) => {
      await connected;
      await new Promise<void>((resolve) => socket.write(bytes, () => resolve()));
    },
    waitFor: async (type: string) => {
      for (let i = 0; i < 200 && !received.some((p) => p.type === type); i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.ok(received.some((p) => p.type === type), `no ${type} in ${received.length} PDUs`);
    },
  };
}

async function echoOnce(port: number): Promise<number> {
  const assoc = await requestAssociation({
    host: "127.0.0.1",
    port,
    callingAeTitle: "GOODSCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: VERIFICATION }],
  });
  const status = await assoc.echo();
  await assoc.release();
  return status;
}

Deno.test("a TCP server keeps serving after bad peers", async () => {
  const failures: unknown[] = [];
  const errors: Error[] = [];
  const accepted: Association[] = [];
  const server = await listenAssociations({
    aeTitle: "SCP",
    supported: SUPPORTED,
    listen: { host: "127.0.0.1", port: 0 },
    timeouts: { artimMs: 200, acseMs: 2_000 },
    onRequest: echoRsp,
    onAssociation: (a) => accepted.push(a),
    onFailure: (error) => failures.push(error),
    onEvent: (event) => {
      if (event.type === "error") errors.push(event.error);
    },
  });
  try {
    assert.equal(await echoOnce(server.port), 0);

    // 1. An HTTP request: "GE" is no PDU type, "T / " a length far beyond the limit.
    const http = rawClient(server.port);
    await http.write(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    await http.waitFor("A-ABORT");
    await http.closed;

    // 2. A truncated A-ASSOCIATE-RQ, then the peer goes away.
    const truncated = rawClient(server.port);
    await truncated.write(writePdu(associateRq()).subarray(0, 50));
    truncated.socket.end();
    await truncated.closed;

    // 3. A reset in the middle of a PDU.
    const reset = rawClient(server.port);
    await reset.write(writePdu(associateRq()).subarray(0, 30));
    reset.socket.resetAndDestroy();
    await reset.closed;

    // 4. Out of state: P-DATA-TF before any association.
    const early = rawClient(server.port);
    await early.write(writePdu(pDataTf([pdv(1, new Uint8Array(4), { isCommand: true })])));
    await early.waitFor("A-ABORT");
    await early.closed;

    // 5. An oversize P-DATA-TF after a good association, then garbage.
    const oversize = rawClient(server.port);
    await oversize.write(writePdu(associateRq()));
    await oversize.waitFor("A-ASSOCIATE-AC");
    await oversize.write(Uint8Array.of(0x04, 0, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3));
    await oversize.waitFor("A-ABORT");
    await oversize.closed;

    // 6. A half-open peer: releases, gets the A-RELEASE-RP, never closes its side. The server
    //    closes after ARTIM, and does not wait for the peer's FIN forever either.
    const halfOpen = rawClient(server.port, { allowHalfOpen: true });
    await halfOpen.write(writePdu(associateRq()));
    await halfOpen.waitFor("A-ASSOCIATE-AC");
    await halfOpen.write(writePdu({ type: "A-RELEASE-RQ" }));
    await halfOpen.waitFor("A-RELEASE-RP");
    await halfOpen.ended; // the server sent FIN; this peer keeps its side open
    const halfOpenAssoc = accepted.at(-1)!;
    assert.equal((await halfOpenAssoc.closed).reason, "released");
    halfOpen.socket.destroy();

    // The server is still there and works.
    assert.equal(await echoOnce(server.port), 0);
    assert.ok(failures.length >= 4, `failures: ${failures.length}`);
    assert.ok(errors.some((e) => e instanceof PduLimitError));
    assert.ok(errors.some((e) => e instanceof DulProtocolError));
    for (const a of accepted) await a.closed;
  } finally {
    await server.close();
  }
});

// ---- random input (fast-check)

async function runAcceptor(feed: (peer: Transport) => Promise<void>, closePeer: boolean) {
  const clock = new VirtualClock();
  const [peer, scpEnd] = createMemoryPair();
  peer.onData(() => {});
  let association: Association | undefined;
  const result = acceptAssociation(scpEnd, {
    aeTitle: "SCP",
    acceptAnyCalledAeTitle: true,
    supported: SUPPORTED,
    clock,
    timeouts: { acseMs: 1_000, artimMs: 1_000, idleMs: 5_000, dimseMs: 1_000 },
    onRequest: echoRsp,
    onEvent: (_event, a) => association = a,
  }).catch((e) => e);
  await tick();
  await feed(peer).catch(() => {}); // writes fail once the acceptor has closed
  if (closePeer) await peer.end().catch(() => {});
  let closed = false;
  for (let i = 0; i < 20 && !closed; i++) {
    await tick();
    const a = association;
    if (a) {
      await Promise.race([a.closed.then(() => closed = true), tick()]);
    }
    if (!closed) clock.advance(1_000);
  }
  await result;
  assert.ok(association, "the acceptor reported events");
  assert.ok(closed, `still open in ${association.state} after 20 s of virtual time`);
  assert.equal(association.state, "Sta1");
  assert.equal(clock.pending, 0);
}

Deno.test("fast-check: random bytes never crash or hang an acceptor", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }),
      fc.boolean(),
      async (chunks, closePeer) => {
        await runAcceptor(async (peer) => {
          for (const c of chunks) await peer.write(c);
        }, closePeer);
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("fast-check: random bytes after a PDU header-shaped prefix never crash or hang", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 300 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.boolean(),
      async (type, length, body, closePeer) => {
        const header = Uint8Array.of(type, 0, 0, 0, length >> 8, length & 0xff);
        await runAcceptor(async (peer) => {
          await peer.write(header);
          await peer.write(body);
        }, closePeer);
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("fast-check: random PDU sequences, with or without a valid association first", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.array(pduArb, { maxLength: 5 }),
      fc.boolean(),
      async (associateFirst, pdus, closePeer) => {
        await runAcceptor(async (peer) => {
          if (associateFirst) await peer.write(writePdu(associateRq()));
          for (const pdu of pdus) await peer.write(writePdu(pdu));
        }, closePeer);
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("fast-check: mutated bytes of a valid conversation never crash or hang", async () => {
  const command = encodeCommand(toCommandSet({
    type: "C-ECHO-RQ",
    messageId: 1,
    affectedSopClassUid: VERIFICATION,
    hasDataSet: false,
  }));
  const conversation = [
    writePdu(associateRq()),
    writePdu(pDataTf([pdv(1, command, { isCommand: true })])),
    writePdu({ type: "A-RELEASE-RQ" }),
  ];
  const total = conversation.reduce((n, c) => n + c.length, 0);
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.integer({ min: 0, max: total - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.boolean(),
      async (mutations, closePeer) => {
        const bytes = new Uint8Array(total);
        let at = 0;
        for (const c of conversation) {
          bytes.set(c, at);
          at += c.length;
        }
        for (const [i, v] of mutations) bytes[i] = v;
        await runAcceptor(async (peer) => {
          for (let i = 0; i < bytes.length; i += 50) await peer.write(bytes.subarray(i, i + 50));
        }, closePeer);
      },
    ),
    { numRuns: 100 },
  );
});
