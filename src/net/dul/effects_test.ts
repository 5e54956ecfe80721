import assert from "node:assert/strict";
import { DUL_ACTION_NAMES, DUL_ACTIONS } from "./actions.ts";
import { DUL_PRIMITIVES } from "./effects.ts";

Deno.test("DUL_PRIMITIVES lists every primitive the actions issue", () => {
  const issued = new Set<string>();
  const events = [
    { type: "Evt3", pdu: { type: "A-ASSOCIATE-AC" } },
    { type: "Evt4", pdu: { type: "A-ASSOCIATE-RJ", result: 1, source: 1, reason: 1 } },
    { type: "Evt6", pdu: { type: "A-ASSOCIATE-RQ", protocolVersion: 1 } },
    { type: "Evt10", pdu: { type: "P-DATA-TF" } },
    { type: "Evt12", pdu: { type: "A-RELEASE-RQ" } },
    { type: "Evt13", pdu: { type: "A-RELEASE-RP" } },
    { type: "Evt16", pdu: { type: "A-ABORT", source: 0, reason: 0 } },
    { type: "Evt16", pdu: { type: "A-ABORT", source: 2, reason: 0 } },
    { type: "Evt17" },
  ] as const;
  for (const name of DUL_ACTION_NAMES) {
    for (const event of events) {
      try {
        const { effects } = DUL_ACTIONS[name].run({ state: "Sta7", event, role: "acceptor" });
        for (const e of effects) if (e.type === "indicate") issued.add(e.primitive);
      } catch {
        // actions that need another event
      }
    }
  }
  assert.deepEqual(issued, new Set(DUL_PRIMITIVES));
});
