import assert from "node:assert/strict";
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
