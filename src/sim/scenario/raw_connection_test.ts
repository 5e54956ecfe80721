import assert from "node:assert/strict";
import { VirtualClock } from "../../core/clock.ts";
import type { AssociationEvent } from "../../net/association/association.ts";
import { decodePdu } from "../../net/pdu/read_pdu.ts";
import { writePdu } from "../../net/pdu/write_pdu.ts";
import { createMemoryPair } from "../../net/transport/memory.ts";
import type { Transport } from "../../net/transport/transport.ts";
import { ExpectationError } from "./expectation_error.ts";
import { commandPdu, RawConnection } from "./raw_connection.ts";

const ABORT_2_1 = Uint8Array.of(7, 0, 0, 0, 0, 4, 0, 0, 2, 1);
const ECHO_RQ = {
  type: "C-ECHO-RQ",
  messageId: 5,
  affectedSopClassUid: "1.2.840.10008.1.1",
  hasDataSet: false,
} as const;

/** A peer that records the chunks it receives. */
function peer(t: Transport): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  t.onData((c) => chunks.push(c.slice()));
  return chunks;
}

Deno.test("RawConnection sends a PDU and reads the answer PDU by PDU", async () => {
  const [ours, theirs] = createMemoryPair();
  const chunks = peer(theirs);
  const raw = new RawConnection(ours);
  await raw.send({ type: "A-RELEASE-RQ" });
  await theirs.write(Uint8Array.of(6, 0, 0, 0, 0, 4, 0, 0, 0, 0, ...ABORT_2_1));
  assert.deepEqual(await raw.expectPdu("A-RELEASE-RP"), { type: "A-RELEASE-RP" });
  const abort = await raw.expectPdu(["A-ABORT", "A-RELEASE-RP"]);
  assert.deepEqual(abort, { type: "A-ABORT", source: 2, reason: 1 });
  assert.deepEqual(decodePdu(chunks[0]), { type: "A-RELEASE-RQ" });
  raw.close();
});

Deno.test("RawConnection.expectPdu names what came instead", async () => {
  const [ours, theirs] = createMemoryPair();
  const raw = new RawConnection(ours);
  await theirs.write(ABORT_2_1);
  await assert.rejects(
    raw.expectPdu("A-ASSOCIATE-AC", { withinMs: 100 }),
    (e: unknown) =>
      e instanceof ExpectationError &&
      e.message === "Raw connection: expected A-ASSOCIATE-AC within 100 ms, got A-ABORT " +
          "(source 2, reason 1)",
  );
  await assert.rejects(raw.expectPdu("A-ABORT", { withinMs: 20 }), /got nothing/);
  raw.close();
});

Deno.test("RawConnection.sendSplit writes fixed-size chunks or the given sizes then the rest", async () => {
  const [ours, theirs] = createMemoryPair();
  const chunks = peer(theirs);
  const raw = new RawConnection(ours);
  const bytes = writePdu({ type: "A-RELEASE-RQ" });
  await raw.sendSplit(bytes, 1);
  await raw.sendSplit({ type: "A-RELEASE-RQ" }, [3, 6]);
  await raw.sendSplit(bytes, 4);
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(chunks.map((c) => c.length), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 6, 1, 4, 4, 2]);
  await assert.rejects(raw.sendSplit(bytes, 0), /chunk size 0 is not a positive integer/);
  raw.close();
});

Deno.test("RawConnection reassembles PDUs that arrive a byte at a time", async () => {
  const [ours, theirs] = createMemoryPair({ maxChunkSize: 1 });
  const raw = new RawConnection(ours);
  void theirs.write(writePdu(commandPdu(ECHO_RQ, 1)));
  const { message, presentationContextId } = await raw.expectDimse();
  assert.equal(message.type, "C-ECHO-RQ");
  assert.equal(presentationContextId, 1);
  raw.close();
});

Deno.test("RawConnection.expectClosed skips the PDUs allowed before the close", async () => {
  const [ours, theirs] = createMemoryPair();
  const raw = new RawConnection(ours);
  await theirs.write(ABORT_2_1);
  void theirs.end();
  const closed = await raw.expectClosed({ skip: ["A-ABORT"] });
  assert.deepEqual(closed, { reset: false, pdus: [{ type: "A-ABORT", source: 2, reason: 1 }] });
  assert.equal(raw.closed, true);
});

Deno.test("RawConnection.expectClosed fails on an unexpected PDU and reports a reset", async () => {
  const [ours, theirs] = createMemoryPair();
  const raw = new RawConnection(ours);
  await theirs.write(ABORT_2_1);
  await assert.rejects(raw.expectClosed(), /expected closed within 5000 ms, got A-ABORT/);
  theirs.destroy();
  assert.deepEqual(await raw.expectClosed(), { reset: true, pdus: [] });
});

Deno.test("RawConnection.expectAbortOrClose takes an A-ABORT or a close", async () => {
  const [a, b] = createMemoryPair();
  const first = new RawConnection(a);
  await b.write(ABORT_2_1);
  assert.deepEqual(await first.expectAbortOrClose(), { type: "A-ABORT", source: 2, reason: 1 });
  void b.end();
  assert.equal(await first.expectAbortOrClose(), undefined);
  const [c, d] = createMemoryPair();
  const second = new RawConnection(c);
  await d.write(writePdu({ type: "A-RELEASE-RP" }));
  await assert.rejects(second.expectAbortOrClose(), /A-ABORT or closed .* got A-RELEASE-RP/);
  second.close();
});

Deno.test("RawConnection waits on the virtual clock: a long wait takes no real time", async () => {
  const clock = new VirtualClock();
  const [ours, theirs] = createMemoryPair({ clock });
  const raw = new RawConnection(ours, { virtualClock: clock });
  clock.setTimer(20_000, () => void theirs.write(ABORT_2_1));
  const started = performance.now();
  assert.equal(await raw.next({ withinMs: 10_000 }), undefined);
  assert.equal(clock.now(), 10_000);
  await raw.expectPdu("A-ABORT", { withinMs: 30_000 });
  assert.equal(clock.now(), 20_000);
  assert.ok(performance.now() - started < 1000);
  raw.close();
});

Deno.test("RawConnection.sendPrefix then reset: the peer sees part of a PDU and a reset", async () => {
  const [ours, theirs] = createMemoryPair();
  const chunks = peer(theirs);
  const resets: boolean[] = [];
  theirs.onClose((info) => resets.push(info.reset === true));
  const raw = new RawConnection(ours);
  await raw.sendPrefix({ type: "A-RELEASE-RQ" }, 4);
  await new Promise((r) => setTimeout(r, 0));
  raw.reset();
  await theirs.closed;
  assert.deepEqual(chunks.map((c) => [...c]), [[5, 0, 0, 0]]);
  assert.deepEqual(resets, [true]);
});

Deno.test("RawConnection.close ends gracefully, or resets a peer that does not close", async () => {
  const [a, b] = createMemoryPair();
  peer(b);
  const graceful = new RawConnection(a);
  await graceful.close();
  assert.deepEqual(await graceful.expectClosed(), { reset: false, pdus: [] });
  // A peer that never closes its side: end() stays pending, so close() resets after the grace.
  let destroyed = false;
  const stalled: Transport = {
    id: "stalled-1",
    localAddress: "memory:a",
    remoteAddress: "memory:b",
    onData: () => {},
    onClose: () => {},
    write: () => Promise.resolve(),
    end: () => new Promise<void>(() => {}),
    destroy: () => void (destroyed = true),
    closed: new Promise<void>(() => {}),
  };
  await new RawConnection(stalled).close(10);
  assert.equal(destroyed, true);
});

Deno.test("RawConnection.end closes our side; the peer closes in turn", async () => {
  const [ours, theirs] = createMemoryPair();
  peer(theirs);
  const raw = new RawConnection(ours);
  raw.end();
  assert.deepEqual(await raw.expectClosed(), { reset: false, pdus: [] });
  await theirs.closed;
});

Deno.test("RawConnection reports PDUs sent and received, undecodable ones and the close", async () => {
  const [ours, theirs] = createMemoryPair();
  peer(theirs);
  const events: AssociationEvent[] = [];
  const raw = new RawConnection(ours, { onEvent: (e) => events.push(e) });
  await raw.send(writePdu({ type: "A-RELEASE-RQ" }));
  await raw.sendPrefix({ type: "A-RELEASE-RQ" }, 3);
  // A-ABORT one byte short: framed but not decodable.
  await theirs.write(Uint8Array.of(7, 0, 0, 0, 0, 3, 0, 0, 2));
  await theirs.write(ABORT_2_1);
  const bad = await raw.next();
  assert.equal(bad?.kind, "undecodable");
  await raw.expectPdu("A-ABORT");
  await raw.close();
  assert.deepEqual(events.map((e) => e.type), ["pdu-sent", "pdu-sent", "pdu-received", "closed"]);
  assert.deepEqual(events.map((e) => "pdu" in e ? e.pdu.type : ""), [
    "A-RELEASE-RQ",
    "UNKNOWN",
    "A-ABORT",
    "",
  ]);
});

Deno.test("RawConnection.associateRq builds an A-ASSOCIATE-RQ to the default called AE title", () => {
  const [ours] = createMemoryPair();
  const raw = new RawConnection(ours, { calledAeTitle: "PACS" });
  const rq = raw.associateRq({
    callingAeTitle: "SCU",
    contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
  });
  assert.equal(rq.calledAeTitle, "PACS");
  assert.equal(rq.presentationContexts[0].id, 1);
  const other = raw.associateRq({
    callingAeTitle: "SCU",
    calledAeTitle: "OTHER",
    contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
  });
  assert.equal(other.calledAeTitle, "OTHER");
  raw.close();
});

Deno.test("commandPdu carries one last command PDV on the given context", () => {
  const pdu = commandPdu(ECHO_RQ, 9);
  assert.equal(pdu.pdvs.length, 1);
  assert.deepEqual(
    [pdu.pdvs[0].presentationContextId, pdu.pdvs[0].isCommand, pdu.pdvs[0].isLast],
    [9, true, true],
  );
});
