import assert from "node:assert/strict";
import { DUL_ACTION_NAMES, DUL_ACTIONS, runAction } from "./actions.ts";
import { DulProtocolError } from "./errors.ts";
import type { DulAbortPdu } from "./pdu_shapes.ts";

const RQ = { type: "A-ASSOCIATE-RQ", protocolVersion: 1 } as const;

Deno.test("every action has the standard's description and a function", () => {
  assert.equal(DUL_ACTION_NAMES.length, 28);
  for (const name of DUL_ACTION_NAMES) {
    assert.ok(DUL_ACTIONS[name].description.length > 5, name);
    assert.equal(typeof DUL_ACTIONS[name].run, "function");
  }
});

Deno.test("AE-2 sends the A-ASSOCIATE-RQ given with Evt1, or the one Evt2 carries", () => {
  const other = { type: "A-ASSOCIATE-RQ", protocolVersion: 3 } as const;
  assert.deepEqual(
    runAction("AE-2", { state: "Sta4", event: { type: "Evt2" }, associateRq: RQ }).effects,
    [{ type: "send-pdu", pdu: RQ }],
  );
  assert.deepEqual(
    runAction("AE-2", { state: "Sta4", event: { type: "Evt2", pdu: other }, associateRq: RQ })
      .effects,
    [{ type: "send-pdu", pdu: other }],
  );
});

Deno.test("AE-2 without an A-ASSOCIATE-RQ throws DulProtocolError", () => {
  assert.throws(
    () => runAction("AE-2", { state: "Sta4", event: { type: "Evt2" } }),
    (e: unknown) =>
      e instanceof DulProtocolError && e.state === "Sta4" && e.event === "Evt2" &&
      e.message === "Cannot run AE-2 in Sta4: no A-ASSOCIATE-RQ was given with Evt1",
  );
});

Deno.test("AE-6 indicates an A-ASSOCIATE-RQ with protocol version bit 0 set", () => {
  // PS3.8 9.3.2: only bit 0 is tested; other bits are other versions.
  const rq = { type: "A-ASSOCIATE-RQ", protocolVersion: 0x0003 } as const;
  const result = runAction("AE-6", { state: "Sta2", event: { type: "Evt6", pdu: rq } });
  assert.equal(result.next, "Sta3");
  assert.deepEqual(result.effects, [
    { type: "stop-artim" },
    { type: "indicate", primitive: "A-ASSOCIATE indication", pdu: rq },
  ]);
});

Deno.test("AE-6 rejects an A-ASSOCIATE-RQ without version 1: RJ 1/2/2 and ARTIM, Sta13", () => {
  const rq = { type: "A-ASSOCIATE-RQ", protocolVersion: 0x0002 } as const;
  const result = runAction("AE-6", { state: "Sta2", event: { type: "Evt6", pdu: rq } });
  assert.equal(result.next, "Sta13");
  assert.deepEqual(result.effects, [
    { type: "stop-artim" },
    { type: "send-pdu", pdu: { type: "A-ASSOCIATE-RJ", result: 1, source: 2, reason: 2 } },
    { type: "start-artim" },
  ]);
});

Deno.test("AE-3, AE-4, DT-2, AR-2, AR-6, AR-10 pass the received PDU up", () => {
  const ac = { type: "A-ASSOCIATE-AC" } as const;
  assert.deepEqual(runAction("AE-3", { state: "Sta5", event: { type: "Evt3", pdu: ac } }).effects, [
    { type: "indicate", primitive: "A-ASSOCIATE confirmation (accept)", pdu: ac },
  ]);
  const rj = { type: "A-ASSOCIATE-RJ", result: 2, source: 3, reason: 1 } as const;
  assert.deepEqual(runAction("AE-4", { state: "Sta5", event: { type: "Evt4", pdu: rj } }).effects, [
    { type: "indicate", primitive: "A-ASSOCIATE confirmation (reject)", pdu: rj },
    { type: "close-transport" },
  ]);
  const data = { type: "P-DATA-TF" } as const;
  for (const action of ["DT-2", "AR-6"] as const) {
    assert.deepEqual(
      runAction(action, { state: "Sta6", event: { type: "Evt10", pdu: data } }).effects,
      [{ type: "indicate", primitive: "P-DATA indication", pdu: data }],
    );
  }
  const rq = { type: "A-RELEASE-RQ" } as const;
  assert.deepEqual(
    runAction("AR-2", { state: "Sta6", event: { type: "Evt12", pdu: rq } }).effects,
    [
      { type: "indicate", primitive: "A-RELEASE indication", pdu: rq },
    ],
  );
  const rp = { type: "A-RELEASE-RP" } as const;
  assert.deepEqual(
    runAction("AR-10", { state: "Sta10", event: { type: "Evt13", pdu: rp } }).effects,
    [{ type: "indicate", primitive: "A-RELEASE confirmation", pdu: rp }],
  );
});

Deno.test("AE-7, AE-8, DT-1, AR-7 send the PDU of the local primitive", () => {
  const ac = { type: "A-ASSOCIATE-AC" } as const;
  assert.deepEqual(runAction("AE-7", { state: "Sta3", event: { type: "Evt7", pdu: ac } }).effects, [
    { type: "send-pdu", pdu: ac },
  ]);
  const rj = { type: "A-ASSOCIATE-RJ", result: 1, source: 1, reason: 7 } as const;
  assert.deepEqual(runAction("AE-8", { state: "Sta3", event: { type: "Evt8", pdu: rj } }).effects, [
    { type: "send-pdu", pdu: rj },
    { type: "start-artim" },
  ]);
  const data = { type: "P-DATA-TF" } as const;
  for (const action of ["DT-1", "AR-7"] as const) {
    assert.deepEqual(
      runAction(action, { state: "Sta6", event: { type: "Evt9", pdu: data } }).effects,
      [{ type: "send-pdu", pdu: data }],
    );
  }
});

Deno.test("a sending action given an event without its PDU throws DulProtocolError", () => {
  const event = { type: "Evt9" } as unknown as { type: "Evt9"; pdu: { type: "P-DATA-TF" } };
  assert.throws(
    () => runAction("DT-1", { state: "Sta6", event }),
    /Cannot run DT-1 in Sta6: Evt9 carries no PDU/,
  );
});

Deno.test("AR-1, AR-4, AR-9 send a plain release PDU unless the primitive gives one", () => {
  assert.deepEqual(runAction("AR-1", { state: "Sta6", event: { type: "Evt11" } }).effects, [
    { type: "send-pdu", pdu: { type: "A-RELEASE-RQ" } },
  ]);
  assert.deepEqual(runAction("AR-4", { state: "Sta8", event: { type: "Evt14" } }).effects, [
    { type: "send-pdu", pdu: { type: "A-RELEASE-RP" } },
    { type: "start-artim" },
  ]);
  assert.deepEqual(runAction("AR-9", { state: "Sta9", event: { type: "Evt14" } }).effects, [
    { type: "send-pdu", pdu: { type: "A-RELEASE-RP" } },
  ]);
  const odd = { type: "A-RELEASE-RQ", reserved: 7 } as const;
  assert.deepEqual(
    runAction("AR-1", { state: "Sta6", event: { type: "Evt11", pdu: odd } }).effects,
    [
      { type: "send-pdu", pdu: odd },
    ],
  );
});

Deno.test("AR-8 goes to Sta9 for the requestor, Sta10 for the acceptor, and needs a role", () => {
  const event = { type: "Evt12", pdu: { type: "A-RELEASE-RQ" } } as const;
  assert.equal(runAction("AR-8", { state: "Sta7", event, role: "requestor" }).next, "Sta9");
  assert.equal(runAction("AR-8", { state: "Sta7", event, role: "acceptor" }).next, "Sta10");
  assert.throws(() => runAction("AR-8", { state: "Sta7", event }), DulProtocolError);
});

Deno.test("AA-1 sends a service-user A-ABORT (0/0) unless Evt15 gives its own", () => {
  for (const event of [{ type: "Evt15" } as const, { type: "Evt19", reason: 1 } as const]) {
    assert.deepEqual(runAction("AA-1", { state: "Sta2", event }).effects, [
      { type: "send-pdu", pdu: { type: "A-ABORT", source: 0, reason: 0 } },
      { type: "start-artim" },
    ]);
  }
  const own: DulAbortPdu = { type: "A-ABORT", source: 2, reason: 6 };
  assert.deepEqual(
    runAction("AA-1", { state: "Sta6", event: { type: "Evt15", pdu: own } }).effects,
    [
      { type: "send-pdu", pdu: own },
      { type: "start-artim" },
    ],
  );
});

Deno.test("AA-3 issues A-ABORT for a user abort and A-P-ABORT with the reason for a provider one", () => {
  const user: DulAbortPdu = { type: "A-ABORT", source: 0, reason: 0 };
  assert.deepEqual(runAction("AA-3", { state: "Sta6", event: { type: "Evt16", pdu: user } }), {
    next: "Sta1",
    effects: [
      { type: "indicate", primitive: "A-ABORT indication", pdu: user },
      { type: "close-transport" },
    ],
  });
  const provider: DulAbortPdu = { type: "A-ABORT", source: 2, reason: 5 };
  assert.deepEqual(runAction("AA-3", { state: "Sta6", event: { type: "Evt16", pdu: provider } }), {
    next: "Sta1",
    effects: [
      { type: "indicate", primitive: "A-P-ABORT indication", pdu: provider, providerReason: 5 },
      { type: "close-transport" },
    ],
  });
  // The reserved source 1 is taken as a user abort.
  const reserved: DulAbortPdu = { type: "A-ABORT", source: 1, reason: 0 };
  const [indication] = runAction("AA-3", {
    state: "Sta6",
    event: { type: "Evt16", pdu: reserved },
  }).effects;
  assert.deepEqual(indication, {
    type: "indicate",
    primitive: "A-ABORT indication",
    pdu: reserved,
  });
});

Deno.test("AA-4 issues A-P-ABORT, reason not specified, without touching the closed transport", () => {
  assert.deepEqual(runAction("AA-4", { state: "Sta6", event: { type: "Evt17" } }), {
    next: "Sta1",
    effects: [{ type: "indicate", primitive: "A-P-ABORT indication", providerReason: 0 }],
  });
});

Deno.test("AA-7 sends a provider A-ABORT: unexpected PDU for Evt6, the Evt19 reason otherwise", () => {
  assert.deepEqual(
    runAction("AA-7", { state: "Sta13", event: { type: "Evt6", pdu: RQ } }).effects,
    [{ type: "send-pdu", pdu: { type: "A-ABORT", source: 2, reason: 2 } }],
  );
  assert.deepEqual(
    runAction("AA-7", { state: "Sta13", event: { type: "Evt19", reason: 1 } }).effects,
    [{ type: "send-pdu", pdu: { type: "A-ABORT", source: 2, reason: 1 } }],
  );
  assert.deepEqual(
    runAction("AA-7", { state: "Sta13", event: { type: "Evt19" } }).effects,
    [{ type: "send-pdu", pdu: { type: "A-ABORT", source: 2, reason: 0 } }],
  );
});

Deno.test("AA-8 sends a provider A-ABORT, indicates A-P-ABORT with the same reason, starts ARTIM", () => {
  assert.deepEqual(
    runAction("AA-8", { state: "Sta6", event: { type: "Evt3", pdu: { type: "A-ASSOCIATE-AC" } } }),
    {
      next: "Sta13",
      effects: [
        { type: "send-pdu", pdu: { type: "A-ABORT", source: 2, reason: 2 } },
        { type: "indicate", primitive: "A-P-ABORT indication", providerReason: 2 },
        { type: "start-artim" },
      ],
    },
  );
  const [sent, indication] = runAction("AA-8", {
    state: "Sta6",
    event: { type: "Evt19", reason: 6 },
  }).effects;
  assert.deepEqual(sent, { type: "send-pdu", pdu: { type: "A-ABORT", source: 2, reason: 6 } });
  assert.deepEqual(indication, {
    type: "indicate",
    primitive: "A-P-ABORT indication",
    providerReason: 6,
  });
});

Deno.test("actions are pure: same input, equal output, input untouched", () => {
  const input = {
    state: "Sta7",
    event: { type: "Evt12", pdu: { type: "A-RELEASE-RQ" } },
    role: "acceptor",
  } as const;
  const copy = structuredClone(input);
  for (const name of DUL_ACTION_NAMES) {
    let first: unknown, second: unknown;
    try {
      first = runAction(name, input);
      second = runAction(name, input);
    } catch (e) {
      assert.ok(e instanceof DulProtocolError, name);
      continue;
    }
    assert.deepEqual(first, second, name);
  }
  assert.deepEqual(input, copy);
});
