import assert from "node:assert/strict";
import fc from "fast-check";
import { VirtualClock } from "../../core/clock.ts";
import type { DulActionName } from "./actions.ts";
import { DulMachine, type DulTransition } from "./dul_machine.ts";
import type { DulEffect } from "./effects.ts";
import { DulProtocolError } from "./errors.ts";
import { DUL_EVENT_NAMES, type DulEvent, type DulEventName } from "./events.ts";
import type { DulAssociateRqPdu } from "./pdu_shapes.ts";
import { eventFromPdu } from "./received_event.ts";
import { DUL_STATES, type DulState } from "./states.ts";

const RQ: DulAssociateRqPdu = { type: "A-ASSOCIATE-RQ", protocolVersion: 1 };
const AC = { type: "A-ASSOCIATE-AC" } as const;
const DATA = { type: "P-DATA-TF" } as const;

/** The states a machine went through, from its history. */
function path(dul: DulMachine): string {
  const h = dul.history;
  return h.length === 0 ? dul.state : [h[0].from, ...h.map((t) => t.to)].join(" ");
}

function actions(dul: DulMachine): DulActionName[] {
  return dul.history.map((t) => t.action);
}

function primitives(effects: readonly DulEffect[]): string[] {
  return effects.flatMap((e) => e.type === "indicate" ? [e.primitive] : []);
}

/**
 * Two machines joined by a virtual wire: sent PDUs arrive at the other end as events, opening the
 * transport confirms it to one side and indicates it to the other, and closing it tells the peer.
 * Deliveries wait in a queue until `flush`, so tests can interleave (release collisions).
 */
class Wire {
  readonly queue: [DulMachine, DulEvent][] = [];
  readonly indications = new Map<DulMachine, string[]>();
  #open = false;
  constructor(readonly a: DulMachine, readonly b: DulMachine) {
    for (const [self, peer] of [[a, b], [b, a]] as const) {
      this.indications.set(self, []);
      self.onTransition((_from, _event, _action, _to, t) => this.#carry(self, peer, t));
    }
  }
  #carry(self: DulMachine, peer: DulMachine, t: DulTransition): void {
    for (const effect of t.effects) {
      if (effect.type === "send-pdu" && this.#open) {
        this.queue.push([peer, eventFromPdu(effect.pdu)]);
      }
      if (effect.type === "open-transport") {
        this.#open = true;
        this.queue.push([peer, { type: "Evt5" }], [self, { type: "Evt2" }]);
      }
      if (effect.type === "close-transport" && this.#open) {
        this.#open = false;
        this.queue.push([peer, { type: "Evt17" }]);
      }
      if (effect.type === "indicate") this.indications.get(self)!.push(effect.primitive);
    }
  }
  flush(): void {
    while (this.queue.length > 0) {
      const [machine, event] = this.queue.shift()!;
      machine.handle(event);
    }
  }
}

function associated(clock = new VirtualClock()) {
  const requestor = new DulMachine(clock);
  const acceptor = new DulMachine(clock);
  const wire = new Wire(requestor, acceptor);
  requestor.handle({ type: "Evt1", pdu: RQ });
  wire.flush();
  acceptor.handle({ type: "Evt7", pdu: AC });
  wire.flush();
  return { clock, requestor, acceptor, wire };
}

Deno.test("requestor happy path: Sta1 Sta4 Sta5 Sta6 Sta7 Sta1", () => {
  const clock = new VirtualClock();
  const dul = new DulMachine(clock);
  assert.deepEqual(dul.handle({ type: "Evt1", pdu: RQ }).effects, [{ type: "open-transport" }]);
  assert.equal(dul.role, "requestor");
  assert.deepEqual(dul.handle({ type: "Evt2" }).effects, [{ type: "send-pdu", pdu: RQ }]);
  assert.deepEqual(primitives(dul.handle({ type: "Evt3", pdu: AC }).effects), [
    "A-ASSOCIATE confirmation (accept)",
  ]);
  dul.handle({ type: "Evt9", pdu: DATA });
  dul.handle({ type: "Evt10", pdu: DATA });
  assert.deepEqual(dul.handle({ type: "Evt11" }).effects, [
    { type: "send-pdu", pdu: { type: "A-RELEASE-RQ" } },
  ]);
  dul.handle({ type: "Evt10", pdu: DATA }); // AR-6: data still arriving while awaiting RP
  const last = dul.handle({ type: "Evt13", pdu: { type: "A-RELEASE-RP" } });
  assert.deepEqual(last.effects, [
    { type: "indicate", primitive: "A-RELEASE confirmation", pdu: { type: "A-RELEASE-RP" } },
    { type: "close-transport" },
  ]);
  assert.equal(path(dul), "Sta1 Sta4 Sta5 Sta6 Sta6 Sta6 Sta7 Sta7 Sta1");
  assert.deepEqual(actions(dul), ["AE-1", "AE-2", "AE-3", "DT-1", "DT-2", "AR-1", "AR-6", "AR-3"]);
  assert.equal(dul.artimRunning, false);
  assert.equal(clock.pending, 0);
});

Deno.test("acceptor happy path: Sta1 Sta2 Sta3 Sta6 Sta8 Sta13 Sta1", () => {
  const clock = new VirtualClock();
  const dul = new DulMachine(clock);
  dul.handle({ type: "Evt5" });
  assert.equal(dul.role, "acceptor");
  assert.equal(dul.artimRunning, true);
  assert.deepEqual(primitives(dul.handle({ type: "Evt6", pdu: RQ }).effects), [
    "A-ASSOCIATE indication",
  ]);
  assert.equal(dul.artimRunning, false);
  dul.handle({ type: "Evt7", pdu: AC });
  dul.handle({ type: "Evt10", pdu: DATA });
  assert.deepEqual(
    primitives(dul.handle({ type: "Evt12", pdu: { type: "A-RELEASE-RQ" } }).effects),
    [
      "A-RELEASE indication",
    ],
  );
  dul.handle({ type: "Evt9", pdu: DATA }); // AR-7: the acceptor may still send before responding
  dul.handle({ type: "Evt14" });
  assert.equal(dul.artimRunning, true);
  dul.handle({ type: "Evt17" });
  assert.equal(path(dul), "Sta1 Sta2 Sta3 Sta6 Sta6 Sta8 Sta8 Sta13 Sta1");
  assert.deepEqual(actions(dul), ["AE-5", "AE-6", "AE-7", "DT-2", "AR-2", "AR-7", "AR-4", "AR-5"]);
  assert.equal(dul.artimRunning, false);
  assert.equal(clock.pending, 0);
});

Deno.test("two machines on a wire associate, exchange data and release", () => {
  const { clock, requestor, acceptor, wire } = associated();
  assert.equal(requestor.state, "Sta6");
  assert.equal(acceptor.state, "Sta6");
  requestor.handle({ type: "Evt9", pdu: DATA });
  wire.flush();
  requestor.handle({ type: "Evt11" });
  wire.flush();
  assert.equal(acceptor.state, "Sta8");
  acceptor.handle({ type: "Evt14" });
  wire.flush();
  assert.equal(requestor.state, "Sta1");
  assert.equal(acceptor.state, "Sta1");
  assert.deepEqual(wire.indications.get(requestor), [
    "A-ASSOCIATE confirmation (accept)",
    "A-RELEASE confirmation",
  ]);
  assert.deepEqual(wire.indications.get(acceptor), [
    "A-ASSOCIATE indication",
    "P-DATA indication",
    "A-RELEASE indication",
  ]);
  assert.equal(clock.pending, 0);
});

Deno.test("release collision: requestor Sta7 Sta9 Sta11 Sta1, acceptor Sta7 Sta10 Sta12 Sta13 Sta1", () => {
  const { clock, requestor, acceptor, wire } = associated();
  // Both ask for release before either A-RELEASE-RQ arrives (PS3.8 7.2.2 release collision).
  requestor.handle({ type: "Evt11" });
  acceptor.handle({ type: "Evt11" });
  wire.flush();
  assert.equal(requestor.state, "Sta9");
  assert.equal(acceptor.state, "Sta10");
  assert.deepEqual(
    wire.indications.get(requestor)!.at(-1),
    "A-RELEASE indication (release collision)",
  );
  assert.deepEqual(
    wire.indications.get(acceptor)!.at(-1),
    "A-RELEASE indication (release collision)",
  );
  // The requestor's user answers first (AR-9); its A-RELEASE-RP confirms the acceptor (AR-10).
  assert.equal(requestor.canHandle("Evt14"), true);
  assert.equal(acceptor.canHandle("Evt14"), false);
  requestor.handle({ type: "Evt14" });
  wire.flush();
  assert.equal(requestor.state, "Sta11");
  assert.equal(acceptor.state, "Sta12");
  assert.equal(wire.indications.get(acceptor)!.at(-1), "A-RELEASE confirmation");
  // Then the acceptor's user answers (AR-4); the requestor is confirmed and closes (AR-3).
  acceptor.handle({ type: "Evt14" });
  wire.flush();
  assert.equal(requestor.state, "Sta1");
  assert.equal(acceptor.state, "Sta1");
  const collisionPath = (dul: DulMachine) =>
    dul.history.slice(dul.history.findIndex((t) => t.action === "AR-1"))
      .map((t) => `${t.action}>${t.to}`).join(" ");
  assert.equal(collisionPath(requestor), "AR-1>Sta7 AR-8>Sta9 AR-9>Sta11 AR-3>Sta1");
  assert.equal(collisionPath(acceptor), "AR-1>Sta7 AR-8>Sta10 AR-10>Sta12 AR-4>Sta13 AR-5>Sta1");
  assert.equal(clock.pending, 0);
});

Deno.test("release collision with the roles given explicitly, each machine alone", () => {
  for (
    const [role, states] of [
      ["requestor", ["Sta7", "Sta9", "Sta11", "Sta1"]],
      ["acceptor", ["Sta7", "Sta10", "Sta12", "Sta13"]],
    ] as const
  ) {
    const dul = new DulMachine(new VirtualClock(), { initialState: "Sta6", role });
    const seen: DulState[] = [];
    dul.onTransition((_f, _e, _a, to) => seen.push(to));
    dul.handle({ type: "Evt11" });
    dul.handle({ type: "Evt12", pdu: { type: "A-RELEASE-RQ" } });
    if (role === "requestor") {
      dul.handle({ type: "Evt14" });
      dul.handle({ type: "Evt13", pdu: { type: "A-RELEASE-RP" } });
    } else {
      dul.handle({ type: "Evt13", pdu: { type: "A-RELEASE-RP" } });
      dul.handle({ type: "Evt14" });
    }
    assert.deepEqual(seen, states, role);
  }
});

Deno.test("ARTIM expiry in Sta13 closes the transport and returns to Sta1 on a virtual clock", () => {
  const clock = new VirtualClock();
  const dul = new DulMachine(clock, {
    artimTimeoutMs: 5_000,
    initialState: "Sta8",
    role: "acceptor",
  });
  const expired: DulTransition[] = [];
  dul.onTransition((_f, event, _a, _t, t) => event.type === "Evt18" && expired.push(t));
  dul.handle({ type: "Evt14" }); // AR-4: A-RELEASE-RP sent, awaiting the peer's close
  assert.equal(dul.state, "Sta13");
  clock.advance(4_999);
  assert.equal(dul.state, "Sta13");
  assert.equal(expired.length, 0);
  clock.advance(1);
  assert.equal(dul.state, "Sta1");
  assert.equal(expired.length, 1);
  assert.equal(expired[0].action, "AA-2");
  assert.equal(expired[0].at, 5_000);
  assert.deepEqual(expired[0].effects, [{ type: "stop-artim" }, { type: "close-transport" }]);
  assert.equal(clock.pending, 0);
});

Deno.test("ARTIM expiry in Sta2 when no A-ASSOCIATE-RQ arrives", () => {
  const clock = new VirtualClock();
  const dul = new DulMachine(clock);
  dul.handle({ type: "Evt5" });
  clock.advance(29_999);
  assert.equal(dul.state, "Sta2");
  clock.advance(1);
  assert.equal(dul.state, "Sta1");
  assert.deepEqual(actions(dul), ["AE-5", "AA-2"]);
});

Deno.test("AA-1 restarts a running ARTIM timer from now", () => {
  const clock = new VirtualClock();
  const dul = new DulMachine(clock, { artimTimeoutMs: 1_000 });
  dul.handle({ type: "Evt5" });
  clock.advance(900);
  dul.handle({ type: "Evt10", pdu: DATA }); // P-DATA-TF before A-ASSOCIATE-RQ: AA-1
  assert.equal(dul.state, "Sta13");
  clock.advance(900);
  assert.equal(dul.state, "Sta13");
  clock.advance(100);
  assert.equal(dul.state, "Sta1");
  assert.equal(clock.pending, 0);
});

Deno.test("a stopped ARTIM timer never fires", () => {
  const clock = new VirtualClock();
  const dul = new DulMachine(clock, { artimTimeoutMs: 1_000 });
  dul.handle({ type: "Evt5" });
  dul.handle({ type: "Evt6", pdu: RQ });
  clock.advance(10_000);
  assert.equal(dul.state, "Sta3");
  assert.equal(dul.history.length, 2);
});

Deno.test("onArtimExpired lets the owner feed Evt18 itself", () => {
  const clock = new VirtualClock();
  let calls = 0;
  const dul = new DulMachine(clock, { artimTimeoutMs: 10, onArtimExpired: () => calls++ });
  dul.handle({ type: "Evt5" });
  clock.advance(10);
  assert.equal(calls, 1);
  assert.equal(dul.state, "Sta2");
  assert.deepEqual(dul.handle({ type: "Evt18" }).effects, [
    { type: "stop-artim" },
    { type: "close-transport" },
  ]);
  assert.equal(dul.state, "Sta1");
});

Deno.test("AE-6 rejects an unsupported protocol version and waits in Sta13 under ARTIM", () => {
  const clock = new VirtualClock();
  const dul = new DulMachine(clock, { artimTimeoutMs: 100 });
  dul.handle({ type: "Evt5" });
  const t = dul.handle({ type: "Evt6", pdu: { type: "A-ASSOCIATE-RQ", protocolVersion: 2 } });
  assert.equal(t.to, "Sta13");
  assert.deepEqual(t.effects[1], {
    type: "send-pdu",
    pdu: { type: "A-ASSOCIATE-RJ", result: 1, source: 2, reason: 2 },
  });
  assert.equal(dul.artimRunning, true);
  clock.advance(100);
  assert.equal(dul.state, "Sta1");
});

Deno.test("an unexpected PDU in Sta6 aborts: A-ABORT sent, A-P-ABORT indicated, Sta13", () => {
  const { clock, requestor, acceptor, wire } = associated();
  const t = acceptor.handle(eventFromPdu(AC));
  assert.equal(t.action, "AA-8");
  assert.equal(acceptor.state, "Sta13");
  wire.flush(); // the requestor gets the A-ABORT: AA-3, closes; the acceptor gets Evt17: AR-5
  assert.equal(requestor.state, "Sta1");
  assert.equal(acceptor.state, "Sta1");
  assert.equal(wire.indications.get(requestor)!.at(-1), "A-P-ABORT indication");
  assert.equal(clock.pending, 0);
});

Deno.test("an empty cell throws DulProtocolError and leaves the machine as it was", () => {
  const dul = new DulMachine(new VirtualClock());
  let calls = 0;
  dul.onTransition(() => calls++);
  assert.throws(
    () => dul.handle({ type: "Evt9", pdu: DATA }),
    (e: unknown) =>
      e instanceof DulProtocolError && e.state === "Sta1" && e.event === "Evt9" &&
      e.message === "No transition in PS3.8 Table 9-10: Evt9 in Sta1",
  );
  assert.equal(dul.state, "Sta1");
  assert.equal(dul.role, undefined);
  assert.equal(calls, 0);
  assert.equal(dul.history.length, 0);
  assert.equal(dul.cellCounts.size, 0);
});

Deno.test("listeners see every transition, can unsubscribe, and a throwing one is reported", () => {
  const errors: unknown[] = [];
  const dul = new DulMachine(new VirtualClock(), { onListenerError: (e) => errors.push(e) });
  const seen: string[] = [];
  dul.onTransition(() => {
    throw new Error("Listener broke");
  });
  const off = dul.onTransition((from, event, action, to) =>
    seen.push(`${from}+${event.type}=${action}>${to}`)
  );
  dul.handle({ type: "Evt5" });
  off();
  dul.handle({ type: "Evt17" });
  assert.deepEqual(seen, ["Sta1+Evt5=AE-5>Sta2"]);
  assert.equal(errors.length, 2);
  assert.equal(dul.state, "Sta1");
});

Deno.test("history keeps the latest transitions and cellCounts counts every cell taken", () => {
  const dul = new DulMachine(new VirtualClock(), { initialState: "Sta6", historyLimit: 3 });
  for (let i = 0; i < 5; i++) dul.handle({ type: "Evt9", pdu: DATA });
  dul.handle({ type: "Evt10", pdu: DATA });
  assert.equal(dul.history.length, 3);
  assert.deepEqual(actions(dul), ["DT-1", "DT-1", "DT-2"]);
  assert.deepEqual([...dul.cellCounts], [["Sta6+Evt9", 5], ["Sta6+Evt10", 1]]);
  const none = new DulMachine(new VirtualClock(), { initialState: "Sta6", historyLimit: 0 });
  none.handle({ type: "Evt9", pdu: DATA });
  assert.equal(none.history.length, 0);
  assert.equal(none.cellCounts.get("Sta6+Evt9"), 1);
});

Deno.test("a machine back in Sta1 can serve the next association, forgetting the old RQ", () => {
  const dul = new DulMachine(new VirtualClock());
  dul.handle({ type: "Evt1", pdu: RQ });
  dul.handle({ type: "Evt17" }); // connect failed: AA-4
  assert.equal(dul.state, "Sta1");
  dul.handle({ type: "Evt5" });
  assert.equal(dul.role, "acceptor");
  dul.handle({ type: "Evt17" });
  const fresh = new DulMachine(new VirtualClock(), { initialState: "Sta4" });
  assert.throws(() => fresh.handle({ type: "Evt2" }), DulProtocolError);
  assert.equal(fresh.state, "Sta4");
});

Deno.test("dispose stops ARTIM and drops listeners", () => {
  const clock = new VirtualClock();
  const dul = new DulMachine(clock);
  let calls = 0;
  dul.onTransition(() => calls++);
  dul.handle({ type: "Evt5" });
  dul.dispose();
  assert.equal(dul.artimRunning, false);
  clock.advance(60_000);
  assert.equal(dul.state, "Sta2");
  dul.handle({ type: "Evt17" });
  assert.equal(calls, 1);
});

Deno.test("ArtimTimer rejects a negative timeout", () => {
  assert.throws(() => new DulMachine(new VirtualClock(), { artimTimeoutMs: -1 }), RangeError);
});

const anyEvent: fc.Arbitrary<DulEvent> = fc.constantFrom(...DUL_EVENT_NAMES).chain((name) => {
  const events: Record<DulEventName, fc.Arbitrary<DulEvent>> = {
    Evt1: fc.constant({ type: "Evt1", pdu: RQ }),
    Evt2: fc.constant({ type: "Evt2" }),
    Evt3: fc.constant({ type: "Evt3", pdu: AC }),
    Evt4: fc.constant({
      type: "Evt4",
      pdu: { type: "A-ASSOCIATE-RJ", result: 1, source: 1, reason: 1 },
    }),
    Evt5: fc.constant({ type: "Evt5" }),
    Evt6: fc.integer({ min: 0, max: 0xffff }).map((protocolVersion) => ({
      type: "Evt6",
      pdu: { type: "A-ASSOCIATE-RQ", protocolVersion },
    })),
    Evt7: fc.constant({ type: "Evt7", pdu: AC }),
    Evt8: fc.constant({
      type: "Evt8",
      pdu: { type: "A-ASSOCIATE-RJ", result: 2, source: 3, reason: 2 },
    }),
    Evt9: fc.constant({ type: "Evt9", pdu: DATA }),
    Evt10: fc.constant({ type: "Evt10", pdu: DATA }),
    Evt11: fc.constant({ type: "Evt11" }),
    Evt12: fc.constant({ type: "Evt12", pdu: { type: "A-RELEASE-RQ" } }),
    Evt13: fc.constant({ type: "Evt13", pdu: { type: "A-RELEASE-RP" } }),
    Evt14: fc.constant({ type: "Evt14" }),
    Evt15: fc.constant({ type: "Evt15" }),
    Evt16: fc.integer({ min: 0, max: 2 }).map((source) => ({
      type: "Evt16",
      pdu: { type: "A-ABORT", source, reason: 0 },
    })),
    Evt17: fc.constant({ type: "Evt17" }),
    Evt18: fc.constant({ type: "Evt18" }),
    Evt19: fc.integer({ min: 0, max: 6 }).map((reason) => ({ type: "Evt19", reason })),
  };
  return events[name];
});

Deno.test("random event sequences: only DulProtocolError, valid states, ARTIM only in Sta2/Sta13", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(anyEvent, fc.integer({ min: 0, max: 40_000 })), { maxLength: 60 }),
      (steps) => {
        const clock = new VirtualClock();
        const dul = new DulMachine(clock);
        for (const [event, wait] of steps) {
          const before = dul.state;
          try {
            const t = dul.handle(event);
            assert.equal(t.from, before);
          } catch (e) {
            assert.ok(e instanceof DulProtocolError);
            assert.equal(dul.state, before);
          }
          assert.ok(DUL_STATES.includes(dul.state));
          if (dul.artimRunning) assert.ok(dul.state === "Sta2" || dul.state === "Sta13", dul.state);
          clock.advance(wait);
          assert.ok(!dul.artimRunning || dul.state === "Sta2" || dul.state === "Sta13");
        }
      },
    ),
    { numRuns: 300 },
  );
});
