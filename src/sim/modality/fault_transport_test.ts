import assert from "node:assert/strict";
import { createMemoryPair } from "../../net/transport/memory.ts";
import { FaultTransport, InjectedDropError } from "./fault_transport.ts";

Deno.test("FaultTransport passes bytes through until a fault is armed", async () => {
  const [a, b] = createMemoryPair();
  const faulty = new FaultTransport(a);
  const received: number[] = [];
  b.onData((chunk) => received.push(...chunk));
  await faulty.write(new Uint8Array([1, 2, 3]));
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(received, [1, 2, 3]);
  assert.equal(faulty.id, a.id);
  faulty.destroy();
});

Deno.test("FaultTransport.dropOnNextWrite sends half of the write, then resets", async () => {
  const [a, b] = createMemoryPair();
  const faulty = new FaultTransport(a);
  const received: number[] = [];
  b.onData((chunk) => received.push(...chunk));
  let closed = false;
  b.onClose(() => closed = true);
  faulty.dropOnNextWrite();
  await assert.rejects(faulty.write(new Uint8Array(10).fill(7)), InjectedDropError);
  await b.closed;
  assert.deepEqual(received, [7, 7, 7, 7, 7]);
  assert.ok(closed);
  assert.equal(faulty.dropError?.sentBytes, 5);
});

Deno.test("FaultTransport.stall holds writes and received bytes, then delivers them in order", async () => {
  const [a, b] = createMemoryPair();
  const faulty = new FaultTransport(a);
  const got: number[] = [];
  faulty.onData((chunk) => got.push(...chunk));
  const peerGot: number[] = [];
  b.onData((chunk) => peerGot.push(...chunk));
  const stall = faulty.stall(40);
  assert.ok(faulty.stalled);
  await b.write(new Uint8Array([9]));
  const writing = faulty.write(new Uint8Array([4]));
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(got, []);
  assert.deepEqual(peerGot, []);
  await stall;
  await writing;
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(got, [9]);
  assert.deepEqual(peerGot, [4]);
  assert.equal(faulty.stalled, false);
  faulty.destroy();
});
