import assert from "node:assert/strict";
import { DUL_EVENT_DESCRIPTIONS, DUL_EVENT_NAMES, isDulEventName } from "./events.ts";

Deno.test("the nineteen events are Evt1 to Evt19, each with the standard's definition", () => {
  assert.deepEqual(DUL_EVENT_NAMES, Array.from({ length: 19 }, (_, i) => `Evt${i + 1}`));
  assert.deepEqual(Object.keys(DUL_EVENT_DESCRIPTIONS), [...DUL_EVENT_NAMES]);
  assert.equal(DUL_EVENT_DESCRIPTIONS.Evt19, "Unrecognized or invalid PDU received");
});

Deno.test("isDulEventName accepts only event names", () => {
  assert.equal(isDulEventName("Evt1"), true);
  for (const value of ["Evt0", "Evt20", "evt1", "", 1, null]) {
    assert.equal(isDulEventName(value), false);
  }
});
