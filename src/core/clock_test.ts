import assert from "node:assert/strict";
import { VirtualClock } from "./clock.ts";

Deno.test("VirtualClock fires due timers in time order and skips cancelled ones", () => {
  const clock = new VirtualClock();
  const fired: string[] = [];
  clock.setTimer(20, () => fired.push("b"));
  clock.setTimer(10, () => fired.push("a"));
  const c = clock.setTimer(15, () => fired.push("cancelled"));
  c.cancel();
  clock.advance(12);
  assert.deepEqual(fired, ["a"]);
  assert.equal(clock.now(), 12);
  clock.advance(100);
  assert.deepEqual(fired, ["a", "b"]);
  assert.equal(clock.pending, 0);
});

Deno.test("VirtualClock timers set from a callback fire in the same advance when due", () => {
  const clock = new VirtualClock();
  const at: number[] = [];
  clock.setTimer(5, () => {
    at.push(clock.now());
    clock.setTimer(5, () => at.push(clock.now()));
  });
  clock.advance(10);
  assert.deepEqual(at, [5, 10]);
  assert.equal(clock.runUntilIdle(), 0);
});
