import assert from "node:assert/strict";
import { DulProtocolError } from "./errors.ts";

Deno.test("DulProtocolError is an Error carrying the state and the event", () => {
  const error = new DulProtocolError(
    "No transition in PS3.8 Table 9-10: Evt9 in Sta1",
    "Sta1",
    "Evt9",
  );
  assert.ok(error instanceof Error);
  assert.equal(error.name, "DulProtocolError");
  assert.equal(error.state, "Sta1");
  assert.equal(error.event, "Evt9");
  assert.equal(error.message, "No transition in PS3.8 Table 9-10: Evt9 in Sta1");
});
