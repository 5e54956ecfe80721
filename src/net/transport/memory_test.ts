import assert from "node:assert/strict";
import fc from "fast-check";
import { VirtualClock } from "../../core/clock.ts";
import { TransportError } from "./errors.ts";
import { createMemoryPair } from "./memory.ts";
import type { Transport, TransportCloseInfo } from "./transport.ts";

function collect(t: Transport): { chunks: Uint8Array[]; bytes: () => number[] } {
  const chunks: Uint8Array[] = [];
  t.onData((chunk) => chunks.push(chunk));
  return { chunks, bytes: () => chunks.flatMap((c) => [...c]) };
}

function closeInfo(t: Transport): Promise<TransportCloseInfo> {
  return new Promise((resolve) => t.onClose(resolve));
}

Deno.test("createMemoryPair delivers writes in order, byte by byte with maxChunkSize 1", async () => {
  const [a, b] = createMemoryPair({ maxChunkSize: 1 });
  const got = collect(b);
  await a.write(new Uint8Array([1, 2, 3]));
  await a.write(new Uint8Array([4, 5]));
  await a.end();
  assert.deepEqual(got.bytes(), [1, 2, 3, 4, 5]);
  assert.ok(got.chunks.every((c) => c.length === 1));
  assert.equal(got.chunks.length, 5);
});

Deno.test("createMemoryPair keeps bytes and order for any writes and chunk size", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 12 }),
      fc.integer({ min: 1, max: 50 }),
      async (writes, maxChunkSize) => {
        const [a, b] = createMemoryPair({ maxChunkSize });
        const got = collect(b);
        for (const w of writes) await a.write(w);
        await a.end();
        assert.deepEqual(got.bytes(), writes.flatMap((w) => [...w]));
        assert.ok(got.chunks.every((c) => c.length >= 1 && c.length <= maxChunkSize));
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("createMemoryPair copies written bytes, so the caller may reuse its buffer", async () => {
  const [a, b] = createMemoryPair();
  const got = collect(b);
  const buffer = new Uint8Array([7, 7]);
  await a.write(buffer);
  buffer.fill(0);
  await a.end();
  assert.deepEqual(got.bytes(), [7, 7]);
});

Deno.test("a memory transport buffers data until the listener is attached late", async () => {
  const [a, b] = createMemoryPair({ maxChunkSize: 2 });
  await a.write(new Uint8Array([1, 2, 3, 4, 5]));
  await a.end(); // b has received everything and closed before anyone listens
  assert.deepEqual(await closeInfo(b), {});
  const got = collect(b);
  await Promise.resolve();
  assert.deepEqual(got.bytes(), [1, 2, 3, 4, 5]);
});

Deno.test("end() delivers the close to the peer after pending data; later writes reject", async () => {
  const [a, b] = createMemoryPair();
  const events: string[] = [];
  b.onData((chunk) => events.push(`data ${chunk.length}`));
  b.onClose((info) => events.push(`b closed ${JSON.stringify(info)}`));
  a.onClose((info) => events.push(`a closed ${JSON.stringify(info)}`));
  await a.write(new Uint8Array(3));
  const ended = a.end();
  await assert.rejects(
    a.write(new Uint8Array(1)),
    (e) => e instanceof TransportError && e.code === "CLOSED",
  );
  await ended;
  await b.closed;
  assert.deepEqual(events, ["data 3", "b closed {}", "a closed {}"]);
  await assert.rejects(
    b.write(new Uint8Array(1)),
    (e) => e instanceof TransportError && e.code === "CLOSED",
  );
  await a.end(); // idempotent
});

Deno.test("the peer's data written before it saw our FIN still arrives before the close", async () => {
  const [a, b] = createMemoryPair();
  const gotA = collect(a);
  b.onData(() => {
    b.write(new Uint8Array([9])); // answers each chunk
  });
  await a.write(new Uint8Array([1]));
  await a.end();
  assert.deepEqual(gotA.bytes(), [9]);
});

Deno.test("destroy() delivers a reset to the peer and drops undelivered data", async () => {
  const [a, b] = createMemoryPair();
  const got = collect(b);
  const bClosed = closeInfo(b);
  const aClosed = closeInfo(a);
  const written = a.write(new Uint8Array([1, 2])); // queued, not delivered yet
  const reason = new Error("Aborting");
  a.destroy(reason);
  await written;
  assert.equal((await aClosed).error, reason);
  const info = await bClosed;
  assert.equal(info.reset, true);
  assert.ok(info.error instanceof TransportError);
  assert.equal(info.error.code, "ECONNRESET");
  assert.match(info.error.message, /memory:a/);
  assert.deepEqual(got.bytes(), []);
  await assert.rejects(b.write(new Uint8Array(1)), TransportError);
  a.destroy(); // harmless after close
});

Deno.test("latency runs on the injected clock: nothing arrives before it elapses", async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryPair({ latencyMs: 10, clock, maxChunkSize: 2 });
  const got = collect(b);
  await a.write(new Uint8Array([1, 2, 3]));
  clock.advance(5);
  await a.write(new Uint8Array([4]));
  clock.advance(4);
  assert.deepEqual(got.bytes(), []);
  clock.advance(1);
  assert.deepEqual(got.chunks.map((c) => [...c]), [[1, 2], [3]]);
  clock.advance(5);
  assert.deepEqual(got.bytes(), [1, 2, 3, 4]);
  const ended = a.end();
  clock.advance(10); // FIN reaches b, b answers with FIN
  assert.equal(clock.pending, 1);
  clock.advance(10);
  await ended;
  await b.closed;
});

Deno.test("a data listener that throws destroys the transport with its error", async () => {
  const [a, b] = createMemoryPair();
  const bug = new Error("Listener bug");
  b.onData(() => {
    throw bug;
  });
  const bClosed = closeInfo(b);
  const aClosed = closeInfo(a);
  await a.write(new Uint8Array(1));
  assert.equal((await bClosed).error, bug);
  assert.equal((await aClosed).reset, true);
});

Deno.test("onData twice throws; onClose after the close is called on a microtask", async () => {
  const [a, b] = createMemoryPair({ addresses: ["memory:scu", "memory:scp"] });
  assert.equal(a.localAddress, "memory:scu");
  assert.equal(a.remoteAddress, "memory:scp");
  assert.equal(b.localAddress, "memory:scp");
  assert.notEqual(a.id, b.id);
  a.onData(() => {});
  assert.throws(() => a.onData(() => {}), TypeError);
  b.destroy();
  let called = false;
  b.onClose(() => called = true);
  assert.equal(called, false);
  await Promise.resolve();
  assert.equal(called, true);
  await a.closed;
});

Deno.test("createMemoryPair rejects a bad maxChunkSize or latency", () => {
  assert.throws(() => createMemoryPair({ maxChunkSize: 0 }), RangeError);
  assert.throws(() => createMemoryPair({ maxChunkSize: 1.5 }), RangeError);
  assert.throws(() => createMemoryPair({ latencyMs: -1 }), RangeError);
});
