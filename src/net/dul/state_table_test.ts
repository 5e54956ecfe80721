import assert from "node:assert/strict";
import { VirtualClock } from "../../core/clock.ts";
import { DUL_ACTION_NAMES, type DulActionName } from "./actions.ts";
import { DulMachine } from "./dul_machine.ts";
import type { DulEffect } from "./effects.ts";
import { DulProtocolError } from "./errors.ts";
import { DUL_EVENT_NAMES, type DulEvent, type DulEventName } from "./events.ts";
import {
  DUL_STATE_TABLE,
  DUL_TABLE_CELLS,
  dulCellKey,
  hasTransition,
  lookupAction,
} from "./state_table.ts";
import { DUL_STATES, type DulState } from "./states.ts";

// A second, independent transcription of PS3.8 Table 9-10, written action by action (the way the
// standard's action tables and pynetdicom's per-action docstrings list their triggers), so that a
// slip in either transcription shows up as a mismatch.
const S = (...n: number[]) => n.map((i) => `Sta${i}` as DulState);
const TRIGGERS: Record<DulActionName, [DulEventName, DulState[]][]> = {
  "AE-1": [["Evt1", S(1)]],
  "AE-2": [["Evt2", S(4)]],
  "AE-3": [["Evt3", S(5)]],
  "AE-4": [["Evt4", S(5)]],
  "AE-5": [["Evt5", S(1)]],
  "AE-6": [["Evt6", S(2)]],
  "AE-7": [["Evt7", S(3)]],
  "AE-8": [["Evt8", S(3)]],
  "DT-1": [["Evt9", S(6)]],
  "DT-2": [["Evt10", S(6)]],
  "AR-1": [["Evt11", S(6)]],
  "AR-2": [["Evt12", S(6)]],
  "AR-3": [["Evt13", S(7, 11)]],
  "AR-4": [["Evt14", S(8, 12)]],
  "AR-5": [["Evt17", S(13)]],
  "AR-6": [["Evt10", S(7)]],
  "AR-7": [["Evt9", S(8)]],
  "AR-8": [["Evt12", S(7)]],
  "AR-9": [["Evt14", S(9)]],
  "AR-10": [["Evt13", S(10)]],
  "AA-1": [
    ["Evt3", S(2)],
    ["Evt4", S(2)],
    ["Evt10", S(2)],
    ["Evt12", S(2)],
    ["Evt13", S(2)],
    ["Evt19", S(2)],
    ["Evt15", S(3, 5, 6, 7, 8, 9, 10, 11, 12)],
  ],
  "AA-2": [["Evt15", S(4)], ["Evt16", S(2, 13)], ["Evt18", S(2, 13)]],
  "AA-3": [["Evt16", S(3, 5, 6, 7, 8, 9, 10, 11, 12)]],
  "AA-4": [["Evt17", S(3, 4, 5, 6, 7, 8, 9, 10, 11, 12)]],
  "AA-5": [["Evt17", S(2)]],
  "AA-6": [["Evt3", S(13)], ["Evt4", S(13)], ["Evt10", S(13)], ["Evt12", S(13)], [
    "Evt13",
    S(13),
  ]],
  "AA-7": [["Evt6", S(13)], ["Evt19", S(13)]],
  "AA-8": [
    ["Evt3", S(3, 6, 7, 8, 9, 10, 11, 12)],
    ["Evt4", S(3, 6, 7, 8, 9, 10, 11, 12)],
    ["Evt6", S(3, 5, 6, 7, 8, 9, 10, 11, 12)],
    ["Evt10", S(3, 5, 8, 9, 10, 11, 12)],
    ["Evt12", S(3, 5, 8, 9, 10, 11, 12)],
    ["Evt13", S(3, 5, 6, 8, 9, 12)],
    ["Evt19", S(3, 5, 6, 7, 8, 9, 10, 11, 12)],
  ],
};

// What each action does (PS3.8 Tables 9-6 to 9-9), summarised: next state and effects in order.
// AE-6 is given for an acceptable A-ASSOCIATE-RQ, AR-8 for both roles.
const EXPECTED: Record<DulActionName, { next: DulState; effects: string[] }> = {
  "AE-1": { next: "Sta4", effects: ["open-transport"] },
  "AE-2": { next: "Sta5", effects: ["send A-ASSOCIATE-RQ"] },
  "AE-3": { next: "Sta6", effects: ["indicate A-ASSOCIATE confirmation (accept)"] },
  "AE-4": {
    next: "Sta1",
    effects: ["indicate A-ASSOCIATE confirmation (reject)", "close-transport"],
  },
  "AE-5": { next: "Sta2", effects: ["start-artim"] },
  "AE-6": { next: "Sta3", effects: ["stop-artim", "indicate A-ASSOCIATE indication"] },
  "AE-7": { next: "Sta6", effects: ["send A-ASSOCIATE-AC"] },
  "AE-8": { next: "Sta13", effects: ["send A-ASSOCIATE-RJ", "start-artim"] },
  "DT-1": { next: "Sta6", effects: ["send P-DATA-TF"] },
  "DT-2": { next: "Sta6", effects: ["indicate P-DATA indication"] },
  "AR-1": { next: "Sta7", effects: ["send A-RELEASE-RQ"] },
  "AR-2": { next: "Sta8", effects: ["indicate A-RELEASE indication"] },
  "AR-3": { next: "Sta1", effects: ["indicate A-RELEASE confirmation", "close-transport"] },
  "AR-4": { next: "Sta13", effects: ["send A-RELEASE-RP", "start-artim"] },
  "AR-5": { next: "Sta1", effects: ["stop-artim"] },
  "AR-6": { next: "Sta7", effects: ["indicate P-DATA indication"] },
  "AR-7": { next: "Sta8", effects: ["send P-DATA-TF"] },
  "AR-8": { next: "Sta9", effects: ["indicate A-RELEASE indication (release collision)"] },
  "AR-9": { next: "Sta11", effects: ["send A-RELEASE-RP"] },
  "AR-10": { next: "Sta12", effects: ["indicate A-RELEASE confirmation"] },
  "AA-1": { next: "Sta13", effects: ["send A-ABORT", "start-artim"] },
  "AA-2": { next: "Sta1", effects: ["stop-artim", "close-transport"] },
  "AA-3": { next: "Sta1", effects: ["indicate A-ABORT indication", "close-transport"] },
  "AA-4": { next: "Sta1", effects: ["indicate A-P-ABORT indication"] },
  "AA-5": { next: "Sta1", effects: ["stop-artim"] },
  "AA-6": { next: "Sta13", effects: [] },
  "AA-7": { next: "Sta13", effects: ["send A-ABORT"] },
  "AA-8": {
    next: "Sta13",
    effects: ["send A-ABORT", "indicate A-P-ABORT indication", "start-artim"],
  },
};

const RQ = { type: "A-ASSOCIATE-RQ", protocolVersion: 1 } as const;
const SAMPLE_EVENTS: Record<DulEventName, DulEvent> = {
  Evt1: { type: "Evt1", pdu: RQ },
  Evt2: { type: "Evt2", pdu: RQ },
  Evt3: { type: "Evt3", pdu: { type: "A-ASSOCIATE-AC" } },
  Evt4: { type: "Evt4", pdu: { type: "A-ASSOCIATE-RJ", result: 1, source: 1, reason: 1 } },
  Evt5: { type: "Evt5" },
  Evt6: { type: "Evt6", pdu: RQ },
  Evt7: { type: "Evt7", pdu: { type: "A-ASSOCIATE-AC" } },
  Evt8: { type: "Evt8", pdu: { type: "A-ASSOCIATE-RJ", result: 1, source: 1, reason: 7 } },
  Evt9: { type: "Evt9", pdu: { type: "P-DATA-TF" } },
  Evt10: { type: "Evt10", pdu: { type: "P-DATA-TF" } },
  Evt11: { type: "Evt11" },
  Evt12: { type: "Evt12", pdu: { type: "A-RELEASE-RQ" } },
  Evt13: { type: "Evt13", pdu: { type: "A-RELEASE-RP" } },
  Evt14: { type: "Evt14" },
  Evt15: { type: "Evt15" },
  Evt16: { type: "Evt16", pdu: { type: "A-ABORT", source: 0, reason: 0 } },
  Evt17: { type: "Evt17" },
  Evt18: { type: "Evt18" },
  Evt19: { type: "Evt19", reason: 1 },
};

function summarise(effect: DulEffect): string {
  switch (effect.type) {
    case "send-pdu":
      return `send ${effect.pdu.type}`;
    case "indicate":
      return `indicate ${effect.primitive}`;
    default:
      return effect.type;
  }
}

const expectedCells = new Map<string, DulActionName>();
for (const action of DUL_ACTION_NAMES) {
  for (const [event, states] of TRIGGERS[action]) {
    for (const state of states) {
      const key = dulCellKey(state, event);
      assert.equal(expectedCells.has(key), false, `${key} listed twice`);
      expectedCells.set(key, action);
    }
  }
}

Deno.test("Table 9-10 has 13 states by 19 events and the independent transcription agrees", () => {
  assert.equal(DUL_STATES.length, 13);
  assert.equal(DUL_EVENT_NAMES.length, 19);
  assert.equal(DUL_TABLE_CELLS.length, expectedCells.size);
  for (const cell of DUL_TABLE_CELLS) {
    assert.equal(expectedCells.get(dulCellKey(cell.state, cell.event)), cell.action);
  }
  // Every action is reachable from some cell.
  assert.deepEqual(
    new Set(DUL_TABLE_CELLS.map((c) => c.action)),
    new Set(DUL_ACTION_NAMES),
  );
});

for (const state of DUL_STATES) {
  for (const eventName of DUL_EVENT_NAMES) {
    const key = dulCellKey(state, eventName);
    const action = expectedCells.get(key);
    const name = action === undefined
      ? `Table 9-10 ${state} + ${eventName} is empty and throws DulProtocolError`
      : `Table 9-10 ${state} + ${eventName} runs ${action} to ${EXPECTED[action].next}`;
    Deno.test(name, () => {
      const dul = new DulMachine(new VirtualClock(), { initialState: state, role: "requestor" });
      const seen: string[] = [];
      dul.onTransition((from, event, act, to) => seen.push(`${from} ${event.type} ${act} ${to}`));
      const event = SAMPLE_EVENTS[eventName];
      if (action === undefined) {
        assert.equal(hasTransition(state, eventName), false);
        assert.equal(DUL_STATE_TABLE[state][eventName], undefined);
        assert.equal(dul.canHandle(eventName), false);
        assert.throws(() => lookupAction(state, eventName), DulProtocolError);
        assert.throws(
          () => dul.handle(event),
          (e: unknown) =>
            e instanceof DulProtocolError && e.state === state && e.event === eventName,
        );
        assert.equal(dul.state, state);
        assert.deepEqual(seen, []);
        assert.equal(dul.history.length, 0);
        return;
      }
      assert.equal(lookupAction(state, eventName), action);
      assert.equal(dul.canHandle(eventName), true);
      const t = dul.handle(event);
      assert.equal(t.action, action);
      assert.equal(t.from, state);
      assert.equal(t.to, EXPECTED[action].next);
      assert.equal(dul.state, EXPECTED[action].next);
      assert.deepEqual(t.effects.map(summarise), EXPECTED[action].effects);
      assert.equal(dul.artimRunning, EXPECTED[action].effects.includes("start-artim"));
      assert.deepEqual(seen, [`${state} ${eventName} ${action} ${EXPECTED[action].next}`]);
      assert.equal(dul.cellCounts.get(key), 1);
      if (action === "AR-8") {
        // PS3.8 AR-8: the acceptor goes to Sta10 instead.
        const acceptor = new DulMachine(new VirtualClock(), {
          initialState: state,
          role: "acceptor",
        });
        const u = acceptor.handle(event);
        assert.equal(u.to, "Sta10");
        assert.deepEqual(u.effects.map(summarise), EXPECTED[action].effects);
      }
      dul.dispose();
    });
  }
}
