import assert from "node:assert/strict";
import fc from "fast-check";
import { readConversations, withDimseRecords } from "./conversation.ts";
import { recordConversation } from "./_recorded_conversation.ts";
import type { TraceRecord } from "./trace_summary.ts";

Deno.test("readConversations: association, every DIMSE message with its context, the end", async () => {
  const [c] = readConversations(await recordConversation());
  assert.equal(c.request?.callingAeTitle.trim(), "SCU");
  assert.equal(c.response?.type, "A-ASSOCIATE-AC");
  assert.deepEqual(c.messages.map((m) => `${m.from} ${m.message.type}`), [
    "requestor C-ECHO-RQ",
    "acceptor C-ECHO-RSP",
    "requestor C-STORE-RQ",
    "acceptor C-STORE-RSP",
    "requestor C-STORE-RQ",
    "acceptor C-STORE-RSP",
    "requestor C-FIND-RQ",
    "acceptor C-FIND-RSP",
    "acceptor C-FIND-RSP",
    "acceptor C-FIND-RSP",
  ]);
  const store = c.messages[2];
  assert.equal(store.abstractSyntax, "1.2.840.10008.5.1.4.1.1.2");
  assert.equal(store.transferSyntax, "1.2.840.10008.1.2.1");
  assert.ok(store.dataSet && store.dataSet.length > 0);
  assert.equal(c.end, "released");
  assert.deepEqual(c.problems, []);
  assert.match(c.requestorAddress ?? "", /^memory:/);
});

Deno.test("readConversations: records without raw bytes and broken PDUs are named, not fatal", async () => {
  const records = await recordConversation();
  const pdus = records.filter((r) => r.kind === "pdu-sent" || r.kind === "pdu-received");
  const noRaw = { ...pdus[3], raw: undefined };
  const broken = { ...pdus[4], raw: "AQID" }; // 3 bytes: not a PDU
  const mixed = records.map((r) => r === pdus[3] ? noRaw : r === pdus[4] ? broken : r);
  const [c] = readConversations(mixed as TraceRecord[]);
  assert.equal(c.problems.length >= 2, true);
  assert.match(c.problems.join("\n"), /no raw bytes/);
});

Deno.test("readConversations: arbitrary raw bytes never throw", () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 6 }), (chunks) => {
      const records = chunks.map((bytes, i) => ({
        v: 1,
        t: i,
        conn: "x",
        kind: i % 2 ? "pdu-received" : "pdu-sent",
        dir: i % 2 ? "in" : "out",
        raw: btoa(String.fromCharCode(...bytes)),
      })) as TraceRecord[];
      const out = readConversations(records);
      assert.ok(out.length <= 1);
    }),
    { numRuns: 300 },
  );
});

Deno.test("withDimseRecords: adds DIMSE records to a PDU-only trace, after the PDU that completes each", async () => {
  const records = await recordConversation();
  const pduOnly = records.filter((r) => !r.kind.startsWith("dimse"));
  const withDimse = withDimseRecords(pduOnly);
  const kinds = (rs: TraceRecord[]) =>
    rs.filter((r) => r.kind.startsWith("dimse")).map((r) => [
      r.kind,
      (r.message as { type: string }).type,
    ]);
  assert.deepEqual(kinds(withDimse), kinds(records));
  assert.equal(withDimseRecords(records).length, records.length);
});
