import assert from "node:assert/strict";
import { DUL_STATE_DESCRIPTIONS, DUL_STATES, isDulState } from "./states.ts";

Deno.test("the thirteen states are Sta1 to Sta13, each with the standard's definition", () => {
  assert.deepEqual(DUL_STATES, Array.from({ length: 13 }, (_, i) => `Sta${i + 1}`));
  assert.deepEqual(Object.keys(DUL_STATE_DESCRIPTIONS), [...DUL_STATES]);
  assert.equal(DUL_STATE_DESCRIPTIONS.Sta1, "Idle");
  assert.match(DUL_STATE_DESCRIPTIONS.Sta9, /^Release collision requestor side/);
  assert.match(DUL_STATE_DESCRIPTIONS.Sta10, /^Release collision acceptor side/);
});

Deno.test("isDulState accepts only state names", () => {
  assert.equal(isDulState("Sta13"), true);
  for (const value of ["Sta0", "Sta14", "sta1", "", 1, null, undefined]) {
    assert.equal(isDulState(value), false);
  }
});
