import assert from "node:assert/strict";
import { requestAssociation } from "../net/association/request_association.ts";
import { acceptAssociation } from "../net/association/accept_association.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import { answerEcho } from "../services/verification.ts";
import { JsonlTrace } from "./jsonl_trace.ts";
import { formatSummary, formatTraceRecord, parseTrace, summariseTrace } from "./trace_summary.ts";

Deno.test("a trace of an echo association reads back, prints and summarises", async () => {
  const lines: string[] = [];
  const trace = new JsonlTrace((line) => lines.push(line));
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
    onRequest: (request, assoc) => answerEcho(request, assoc).then(() => {}),
  });
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
    onEvent: (event, assoc) => trace.record(assoc.transport.id, event),
  });
  await accepted;
  assert.equal(await scu.echo(), 0);
  await scu.release();
  const records = parseTrace(lines.join(""));
  const text = records.map(formatTraceRecord).join("\n");
  assert.match(text, /-> A-ASSOCIATE-RQ SCU -> SCP, 1 context\(s\)/);
  assert.match(text, /<- A-ASSOCIATE-AC/);
  assert.match(text, /=> C-ECHO-RQ #1/);
  assert.match(text, /<= C-ECHO-RSP #1 status 0x0000/);
  assert.match(text, /== association released/);
  const [summary] = summariseTrace(records);
  assert.equal(summary.callingAeTitle, "SCU");
  assert.deepEqual(summary.messages, { "C-ECHO-RQ": 1, "C-ECHO-RSP": 1 });
  assert.equal(summary.end, "released");
  assert.match(formatSummary([summary]), /SCU -> SCP: .* released/);
});

Deno.test("parseTrace names the line of a bad record", () => {
  assert.throws(() => parseTrace('{"v":1}\nnot json\n'), /line 1/);
});
