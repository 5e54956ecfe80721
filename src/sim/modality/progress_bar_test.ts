import assert from "node:assert/strict";
import { progressBar } from "./progress_bar.ts";

Deno.test("progressBar fills in proportion and fits the width", () => {
  const half = progressBar(50, 100, { width: 60 });
  assert.equal(half.length, 60);
  assert.match(half, /^\[#+\.+\] {3}50\/100 images {2}50%$/);
  const full = progressBar(100, 100, { width: 60, elapsedMs: 2000, failed: 3 });
  assert.match(full, /^\[#+\] {2}100\/100 images {2}100% {2}50\.0\/s {2}3 failed$/);
  assert.match(progressBar(0, 0), /^\[\.+\] {2}0\/0 images {2}0%$/);
});
