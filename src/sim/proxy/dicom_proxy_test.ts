import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeBase64 } from "../../codec/base64.ts";
import { pduArb } from "../../net/pdu/_arbitrary_pdu.ts";
import { writePdu } from "../../net/pdu/write_pdu.ts";
import { connectTcp, listenTcp } from "../../net/transport/tcp.ts";
import { writeDataSet } from "../../codec/write_dataset.ts";
import { DataSet } from "../../core/dataset.ts";
import { listenAssociations } from "../../net/association/accept_association.ts";
import { AssociationRejectedError } from "../../net/association/errors.ts";
import { requestAssociation } from "../../net/association/request_association.ts";
import { MemoryInstanceStore, storageScp } from "../../services/storage_scp.ts";
import { readConversations } from "../../trace/conversation.ts";
import { JsonlTrace } from "../../trace/jsonl_trace.ts";
import { parseTrace } from "../../trace/trace_summary.ts";
import type { PacsFault } from "../pacs/pacs_faults.ts";
import { type ProxyConnectionSummary, startProxy } from "./dicom_proxy.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const EXPLICIT = "1.2.840.10008.1.2.1";

function instance(uid: string): Uint8Array {
  const ds = new DataSet();
  ds.set("SOPClassUID", CT);
  ds.set("SOPInstanceUID", uid);
  ds.set("PatientID", "P1");
  ds.set("PixelData", new Uint8Array(40_000).fill(7), "OW"); // several PDUs
  return writeDataSet(ds, { explicitVr: true, littleEndian: true });
}

async function throughProxy(faults: PacsFault[], count = 3) {
  const store = new MemoryInstanceStore();
  const scp = storageScp({ store });
  const server = await listenAssociations({
    aeTitle: "SCP",
    supported: scp.supported,
    onRequest: scp.onRequest,
    dataSetSink: scp.dataSetSink,
  });
  const lines: string[] = [];
  const summaries: ProxyConnectionSummary[] = [];
  const proxy = await startProxy({
    target: { host: "127.0.0.1", port: server.port },
    faults,
    trace: new JsonlTrace((line) => lines.push(line)),
    onConnectionEnd: (s) => summaries.push(s),
  });
  const statuses: number[] = [];
  let error: unknown;
  try {
    const scu = await requestAssociation({
      host: "127.0.0.1",
      port: proxy.port,
      callingAeTitle: "SCU",
      calledAeTitle: "SCP",
      contexts: [{ abstractSyntax: CT, transferSyntaxes: [EXPLICIT] }],
    });
    for (let i = 1; i <= count; i++) {
      const rsp = await scu.requestFinal({
        type: "C-STORE-RQ",
        messageId: 0,
        affectedSopClassUid: CT,
        affectedSopInstanceUid: `1.2.3.${i}`,
        priority: 0,
        hasDataSet: true,
      }, { presentationContextId: 1, dataSet: instance(`1.2.3.${i}`) });
      statuses.push((rsp.message as { status: number }).status);
    }
    await scu.release();
  } catch (e) {
    error = e;
  }
  for (let i = 0; i < 100 && summaries.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await proxy.close();
  await server.close();
  return { statuses, error, records: parseTrace(lines.join("")), summaries, store };
}

Deno.test("proxy: passes a conversation through unchanged and records both sides", async () => {
  const { statuses, error, records, summaries, store } = await throughProxy([]);
  assert.equal(error, undefined);
  assert.deepEqual(statuses, [0, 0, 0]);
  assert.equal(store.files.size, 3);
  const [c] = readConversations(records);
  assert.equal(c.end, "released");
  assert.deepEqual(c.problems, []);
  assert.deepEqual(
    c.messages.map((m) => `${m.from} ${m.message.type}`),
    Array(3).fill(["requestor C-STORE-RQ", "acceptor C-STORE-RSP"]).flat(),
  );
  // The recorded data set is what the SCP stored, byte for byte.
  assert.deepEqual(c.messages[0].dataSet, instance("1.2.3.1"));
  assert.match(c.requestorAddress ?? "", /^127\.0\.0\.1:\d+$/);
  assert.equal(records.filter((r) => r.kind.startsWith("dimse")).length, 6);
  assert.equal(summaries[0].end, "released");
  assert.equal(summaries[0].messages, 6);
});

Deno.test("proxy: a status fault rewrites the Nth response in place", async () => {
  const { statuses, records, summaries } = await throughProxy([
    { type: "status", command: "C-STORE-RQ", nth: 2, status: 0xa700 },
  ]);
  assert.deepEqual(statuses, [0, 0xa700, 0]);
  assert.match(summaries[0].faults.join(), /rewritten to 0xa700/);
  const [c] = readConversations(records);
  assert.equal((c.messages[3].message as { status: number }).status, 0xa700);
});

Deno.test("proxy: reject and abort faults are seen by the SCU", async () => {
  const rejected = await throughProxy([{ type: "reject", result: 1, source: 1, reason: 7 }]);
  assert.ok(rejected.error instanceof AssociationRejectedError);
  assert.equal(rejected.summaries[0].end, "rejected");
  const aborted = await throughProxy([{ type: "abort", afterMessages: 1 }]);
  assert.ok(aborted.error instanceof Error);
  assert.equal(aborted.statuses.length, 0);
  assert.equal(aborted.summaries[0].end, "aborted");
});

Deno.test("proxy (recording): any sequence of PDUs, split anywhere, arrives byte for byte and is recorded as sent", async () => {
  let received: Uint8Array[] = [];
  let arrived: (() => void) | undefined;
  let expected = 0;
  const sink = await listenTcp({}, (t) => {
    t.onData((chunk) => {
      received.push(chunk.slice());
      if (received.reduce((n, c) => n + c.length, 0) >= expected) arrived?.();
    });
  });
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(pduArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        async (pdus, cuts) => {
          const bytes = concatAll(pdus.map((p) => writePdu(p)));
          const lines: string[] = [];
          const proxy = await startProxy({
            target: { host: "127.0.0.1", port: sink.port },
            trace: new JsonlTrace((line) => lines.push(line)),
          });
          received = [];
          expected = bytes.length;
          const done = new Promise<void>((r) => arrived = r);
          const client = await connectTcp({ host: "127.0.0.1", port: proxy.port });
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const n = cuts[i % cuts.length];
            await client.write(bytes.subarray(at, at + n));
            at += n;
          }
          await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
          client.destroy();
          await proxy.close();
          assert.deepEqual(concatAll(received), bytes);
          const recorded = parseTrace(lines.join("")).filter((r) => r.kind === "pdu-sent")
            .map((r) => r.raw);
          assert.deepEqual(recorded, pdus.map((p) => encodeBase64(writePdu(p))));
        },
      ),
      { numRuns: 15 },
    );
  } finally {
    await sink.close();
  }
});

function concatAll(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
