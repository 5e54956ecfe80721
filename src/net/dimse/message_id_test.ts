import assert from "node:assert/strict";
import { MessageIdAllocator } from "./message_id.ts";

Deno.test("MessageIdAllocator counts from 1 and wraps after 65535 to 1", () => {
  const ids = new MessageIdAllocator();
  assert.deepEqual([ids.next(), ids.next(), ids.next()], [1, 2, 3]);
  const late = new MessageIdAllocator({ first: 65534 });
  assert.deepEqual([late.next(), late.next(), late.next()], [65534, 65535, 1]);
});

Deno.test("MessageIdAllocator skips IDs still in use", () => {
  const outstanding = new Set([2, 3]);
  const ids = new MessageIdAllocator({ isInUse: (id) => outstanding.has(id) });
  assert.deepEqual([ids.next(), ids.next()], [1, 4]);
});

Deno.test("MessageIdAllocator throws when every ID is in use or the first is invalid", () => {
  const ids = new MessageIdAllocator({ isInUse: () => true });
  assert.throws(() => ids.next(), /No free Message ID/);
  assert.throws(() => new MessageIdAllocator({ first: 0 }), RangeError);
  assert.throws(() => new MessageIdAllocator({ first: 65536 }), RangeError);
});
