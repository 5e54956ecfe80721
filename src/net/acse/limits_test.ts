import assert from "node:assert/strict";
import fc from "fast-check";
import {
  minLimit,
  negotiateAsyncWindow,
  resolveAsyncWindow,
  SYNCHRONOUS_WINDOW,
} from "./limits.ts";

const limit = fc.integer({ min: 0, max: 0xffff });
const windowArb = fc.record({ maxOperationsInvoked: limit, maxOperationsPerformed: limit });

Deno.test("minLimit treats 0 as unlimited", () => {
  fc.assert(fc.property(limit, limit, (a, b) => {
    const m = minLimit(a, b);
    assert.equal(m, minLimit(b, a));
    if (a === 0 || b === 0) assert.equal(m, a === 0 ? b : a);
    else assert.equal(m, Math.min(a, b));
  }));
});

Deno.test("negotiateAsyncWindow: no proposal, no reply, synchronous", () => {
  assert.deepEqual(
    negotiateAsyncWindow(undefined, { maxOperationsInvoked: 0, maxOperationsPerformed: 0 }),
    {
      reply: undefined,
      window: SYNCHRONOUS_WINDOW,
    },
  );
});

Deno.test("negotiateAsyncWindow negotiates down, never up", () => {
  const cases: [[number, number], [number, number], [number, number]][] = [
    [[5, 5], [1, 1], [1, 1]],
    [[0, 0], [3, 2], [3, 2]],
    [[0, 0], [0, 0], [0, 0]],
    [[2, 7], [0, 4], [2, 4]],
    [[1, 1], [16, 16], [1, 1]],
  ];
  for (const [[pi, pp], [si, sp], [wi, wp]] of cases) {
    const out = negotiateAsyncWindow({ maxOperationsInvoked: pi, maxOperationsPerformed: pp }, {
      maxOperationsInvoked: si,
      maxOperationsPerformed: sp,
    });
    assert.deepEqual(out.window, { maxOperationsInvoked: wi, maxOperationsPerformed: wp });
    assert.deepEqual(out.reply, out.window);
  }
});

Deno.test("resolveAsyncWindow agrees with the acceptor and clamps an answer above the proposal", () => {
  fc.assert(fc.property(windowArb, windowArb, (proposed, supported) => {
    const { reply, window } = negotiateAsyncWindow(proposed, supported);
    assert.deepEqual(resolveAsyncWindow(proposed, reply), window);
  }));
  assert.deepEqual(
    resolveAsyncWindow({ maxOperationsInvoked: 2, maxOperationsPerformed: 1 }, {
      maxOperationsInvoked: 9,
      maxOperationsPerformed: 9,
    }),
    { maxOperationsInvoked: 2, maxOperationsPerformed: 1 },
  );
  assert.deepEqual(
    resolveAsyncWindow(undefined, { maxOperationsInvoked: 9, maxOperationsPerformed: 9 }),
    SYNCHRONOUS_WINDOW,
  );
});
