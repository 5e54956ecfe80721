import assert from "node:assert/strict";
import { type Clock, VirtualClock } from "../../core/clock.ts";
import { ArtimTimer, DEFAULT_ARTIM_TIMEOUT_MS } from "./artim.ts";

Deno.test("ArtimTimer fires once after its timeout and is then not running", () => {
  const clock = new VirtualClock();
  let fired = 0;
  const artim = new ArtimTimer(clock, 500, () => fired++);
  assert.equal(artim.running, false);
  artim.start();
  assert.equal(artim.running, true);
  clock.advance(499);
  assert.equal(fired, 0);
  clock.advance(1);
  assert.equal(fired, 1);
  assert.equal(artim.running, false);
  clock.advance(10_000);
  assert.equal(fired, 1);
});

Deno.test("ArtimTimer start restarts from now; stop disarms; both are harmless repeated", () => {
  const clock = new VirtualClock();
  let fired = 0;
  const artim = new ArtimTimer(clock, 100, () => fired++);
  artim.stop();
  artim.start();
  clock.advance(60);
  artim.start();
  clock.advance(60);
  assert.equal(fired, 0);
  clock.advance(40);
  assert.equal(fired, 1);
  artim.start();
  artim.stop();
  artim.stop();
  clock.advance(1_000);
  assert.equal(fired, 1);
  assert.equal(clock.pending, 0);
});

Deno.test("ArtimTimer ignores a stale callback from a clock that cannot cancel", () => {
  const callbacks: (() => void)[] = [];
  const stubborn: Clock = {
    now: () => 0,
    setTimer: (_ms, callback) => {
      callbacks.push(callback);
      return { cancel() {} };
    },
  };
  let fired = 0;
  const artim = new ArtimTimer(stubborn, 10, () => fired++);
  artim.start();
  artim.stop();
  artim.start();
  callbacks[0]();
  assert.equal(fired, 0);
  assert.equal(artim.running, true);
  callbacks[1]();
  assert.equal(fired, 1);
});

Deno.test("ArtimTimer defaults and limits", () => {
  assert.equal(DEFAULT_ARTIM_TIMEOUT_MS, 30_000);
  const clock = new VirtualClock();
  assert.equal(new ArtimTimer(clock, 0, () => {}).timeoutMs, 0);
  assert.throws(() => new ArtimTimer(clock, -1, () => {}), /Invalid ARTIM timeout: -1 ms/);
  assert.throws(() => new ArtimTimer(clock, Number.NaN, () => {}), RangeError);
});
