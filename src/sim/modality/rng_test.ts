import assert from "node:assert/strict";
import fc from "fast-check";
import { hashSeed, Rng } from "./rng.ts";

Deno.test("Rng gives the same sequence for the same seed and uniform numbers in [0, 1)", () => {
  fc.assert(fc.property(fc.integer(), (seed) => {
    const a = new Rng(seed);
    const b = new Rng(seed);
    for (let i = 0; i < 20; i++) {
      const x = a.next();
      assert.equal(x, b.next());
      assert.ok(x >= 0 && x < 1);
    }
  }));
});

Deno.test("Rng.normal has mean near 0 and standard deviation near 1", () => {
  const rng = new Rng(7);
  let sum = 0;
  let squares = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const v = rng.normal();
    sum += v;
    squares += v * v;
  }
  assert.ok(Math.abs(sum / n) < 0.05);
  assert.ok(Math.abs(Math.sqrt(squares / n) - 1) < 0.05);
});

Deno.test("hashSeed is stable and depends on every part", () => {
  assert.equal(hashSeed("ct", 1, 2), hashSeed("ct", 1, 2));
  assert.notEqual(hashSeed("ct", 1, 2), hashSeed("ct", 2, 1));
  assert.notEqual(hashSeed("ct"), hashSeed("mr"));
  assert.equal(hashSeed(5), hashSeed("5"));
});
