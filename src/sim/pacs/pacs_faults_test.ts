import assert from "node:assert/strict";
import { FaultPlan, parseFaults } from "./pacs_faults.ts";

const STORE = { callingAeTitle: "SCU", command: "C-STORE-RQ", sopClassUid: "1.2" };

Deno.test("FaultPlan applies a status to the Nth matching request only", () => {
  const plan = new FaultPlan(
    parseFaults([{ type: "status", command: "C-STORE-RQ", nth: 2, status: "0xC000" }], "f"),
  );
  assert.equal(plan.decide(STORE).status, undefined);
  assert.equal(plan.decide({ ...STORE, command: "C-ECHO-RQ" }).status, undefined);
  assert.equal(plan.decide(STORE).status, 0xc000);
  assert.equal(plan.decide(STORE).status, undefined);
});

Deno.test("FaultPlan scopes faults by calling AE title and SOP class", () => {
  const plan = new FaultPlan(parseFaults([
    { type: "delay", callingAeTitle: "SLOW", ms: 10 },
    { type: "no-response", sopClassUid: "9.9" },
  ], "f"));
  assert.equal(plan.decide(STORE).delayMs, 0);
  assert.equal(plan.decide({ ...STORE, callingAeTitle: "SLOW" }).delayMs, 10);
  assert.equal(plan.decide({ ...STORE, sopClassUid: "9.9" }).noResponse, true);
});

Deno.test("FaultPlan rejects associations and ends them after N messages", () => {
  const plan = new FaultPlan(parseFaults([
    { type: "reject", callingAeTitle: "BAD", result: 2, source: 3, reason: 1 },
    { type: "close", callingAeTitle: "FLAKY", afterMessages: 3 },
  ], "f"));
  assert.deepEqual(plan.admit("BAD"), { result: 2, source: 3, reason: 1 });
  assert.equal(plan.admit("GOOD"), undefined);
  assert.deepEqual(plan.endAfter("FLAKY"), {
    kind: "close",
    afterMessages: 3,
    afterBytes: undefined,
  });
  assert.equal(plan.endAfter("GOOD"), undefined);
});

Deno.test("FaultPlan find-limit and move-pending-forever apply only to their commands", () => {
  const plan = new FaultPlan(parseFaults([
    { type: "find-limit", maxMatches: 5 },
    { type: "move-pending-forever" },
  ], "f"));
  const find = plan.decide({ ...STORE, command: "C-FIND-RQ" });
  assert.equal(find.maxMatches, 5);
  assert.equal(find.limitStatus, 0xa700);
  assert.equal(find.pendingForever, false);
  assert.equal(plan.decide({ ...STORE, command: "C-MOVE-RQ" }).pendingForever, true);
  assert.equal(plan.decide(STORE).maxMatches, undefined);
});

Deno.test("FaultPlan scopes a status to one SOP instance", () => {
  const plan = new FaultPlan(parseFaults([
    { type: "status", sopInstanceUid: "1.2.3", status: 0xb000 },
  ], "f"));
  assert.equal(plan.decide({ ...STORE, sopInstanceUid: "1.2.4" }).status, undefined);
  assert.equal(plan.decide({ ...STORE, sopInstanceUid: "1.2.3" }).status, 0xb000);
});
