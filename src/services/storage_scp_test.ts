import assert from "node:assert/strict";
import { readDicom } from "../codec/read_file.ts";
import { acceptAssociation } from "../net/association/accept_association.ts";
import type { Association } from "../net/association/association.ts";
import { requestAssociation } from "../net/association/request_association.ts";
import type { CStoreRsp, DimseMessage } from "../net/dimse/messages.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import {
  discardInstanceStore,
  type InstanceStore,
  MemoryInstanceStore,
  part10Header,
  type StorageEvent,
  storageScp,
  type StorageScpOptions,
} from "./storage_scp.ts";
import { VERIFICATION_SOP_CLASS } from "./verification.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const MR = "1.2.840.10008.5.1.4.1.1.4";
const ELE = "1.2.840.10008.1.2.1";

/** (0010,0020) LO "12" in Explicit VR Little Endian. */
const TINY = new Uint8Array([0x10, 0, 0x20, 0, 0x4c, 0x4f, 2, 0, 0x31, 0x32]);

async function connect(
  options: Omit<StorageScpOptions, "store"> & { store?: InstanceStore },
  proposals: { abstractSyntax: string; transferSyntaxes?: string[] }[] = [
    { abstractSyntax: CT, transferSyntaxes: [ELE] },
    { abstractSyntax: MR, transferSyntaxes: [ELE] },
    { abstractSyntax: VERIFICATION_SOP_CLASS },
  ],
  maxPduLength?: number,
  maxChunkSize?: number,
) {
  const [client, server] = createMemoryPair({ maxChunkSize });
  const events: StorageEvent[] = [];
  const scp = storageScp({
    store: options.store ?? new MemoryInstanceStore(),
    ...options,
    onStored: (e) => events.push(e),
    onFailed: (e) => events.push(e),
  });
  const accepted = acceptAssociation(server, { aeTitle: "SCP", maxPduLength, ...scp });
  const scu = await requestAssociation({
    transport: client,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: proposals,
  });
  const result = await accepted;
  return { scu, scp: result.association, events };
}

function store(scu: Association, uid: string, dataSet: Uint8Array, sopClass = CT) {
  const context = scu.negotiated.contexts.find((c) => c.abstractSyntax === sopClass)!;
  return scu.requestFinal({
    type: "C-STORE-RQ",
    messageId: 0,
    affectedSopClassUid: sopClass,
    affectedSopInstanceUid: uid,
    priority: 0,
    hasDataSet: true,
  }, { presentationContextId: context.id, dataSet }).then((r) => r.message as CStoreRsp);
}

Deno.test("part10Header is a preamble, DICM and file meta naming the instance", () => {
  const header = part10Header({
    sopClassUid: CT,
    sopInstanceUid: "1.2.3",
    transferSyntaxUid: ELE,
    sourceAeTitle: "SCU",
  });
  const file = readDicom(new Uint8Array([...header, ...TINY]));
  assert.equal(file.warnings.length, 0, file.warnings.join("; "));
  assert.equal(file.meta.getString("MediaStorageSOPClassUID"), CT);
  assert.equal(file.meta.getString("MediaStorageSOPInstanceUID"), "1.2.3");
  assert.equal(file.meta.getString("TransferSyntaxUID"), ELE);
  assert.equal(file.meta.getString("SourceApplicationEntityTitle"), "SCU");
  assert.equal(file.dataSet.getString("PatientID"), "12");
  assert.deepEqual(header.subarray(0, 128), new Uint8Array(128));
});

Deno.test("the SCP stores the data set as received and answers Success; echo works too", async () => {
  const memory = new MemoryInstanceStore();
  const { scu, events } = await connect({ store: memory });
  const rsp = await store(scu, "1.2.3.4", TINY);
  assert.equal(rsp.status, 0);
  assert.equal(rsp.affectedSopInstanceUid, "1.2.3.4");
  assert.equal(rsp.affectedSopClassUid, CT);
  assert.equal(await scu.echo(), 0);
  await scu.release();
  const bytes = memory.files.get("1.2.3.4")!;
  assert.deepEqual(bytes.subarray(bytes.length - TINY.length), TINY);
  assert.equal(readDicom(bytes).dataSet.getString("PatientID"), "12");
  assert.equal(events.length, 1);
  assert.equal(events[0].location, "memory:1.2.3.4");
  assert.equal(events[0].bytes, TINY.length);
  assert.equal(events[0].instance.callingAeTitle, "SCU");
});

Deno.test("a data set in many PDUs is streamed to the store fragment by fragment", async () => {
  const chunks: number[] = [];
  const inner = new MemoryInstanceStore();
  const counting: InstanceStore = {
    begin: (instance) => {
      const writer = inner.begin(instance);
      return { ...writer, write: (c) => (chunks.push(c.length), writer.write(c)) };
    },
  };
  const { scu } = await connect({ store: counting }, undefined, 1000);
  const big = new Uint8Array(10_000);
  big.set(TINY);
  big.set([0x11, 0x00, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xe6, 0x26, 0, 0], 10); // (0011,0010) OB 9958
  assert.equal((await store(scu, "5.6", big)).status, 0);
  await scu.release();
  assert.ok(chunks.length > 10, `${chunks.length} writes`);
  const file = inner.files.get("5.6")!;
  assert.deepEqual(file.subarray(file.length - big.length), big);
});

Deno.test("the response waits for the commit", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => release = resolve);
  let committed = false;
  const gated: InstanceStore = {
    begin: () => ({
      write() {},
      commit: async () => {
        await gate;
        committed = true;
        return "gated";
      },
      abort: () => Promise.resolve(),
    }),
  };
  const { scu } = await connect({ store: gated });
  let answered = false;
  const response = store(scu, "7.8", TINY).then((r) => (answered = true, r));
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(answered, false);
  release();
  assert.equal((await response).status, 0);
  assert.equal(committed, true);
  await scu.release();
});

Deno.test("store failures answer 0xA700 with an error comment", async () => {
  const failing: InstanceStore = {
    begin: (instance) => {
      if (instance.sopInstanceUid === "1") throw new Error("no space left on device");
      return {
        write() {},
        commit: () => Promise.reject(new Error("EIO: i/o error, fsync")),
        abort: () => Promise.resolve(),
      };
    },
  };
  const { scu, events } = await connect({ store: failing });
  const first = await store(scu, "1", TINY);
  assert.equal(first.status, 0xa700);
  assert.equal(first.errorComment, "Cannot store: no space left on device");
  const second = await store(scu, "2", TINY);
  assert.equal(second.status, 0xa700);
  assert.equal(second.errorComment, "Cannot store: EIO: i/o error, fsync");
  await scu.release();
  assert.deepEqual(events.map((e) => e.status), [0xa700, 0xa700]);
});

Deno.test("a SOP class other than the context's is refused with 0x0122", async () => {
  const memory = new MemoryInstanceStore();
  const { scu } = await connect({ store: memory });
  const context = scu.negotiated.contexts.find((c) => c.abstractSyntax === CT)!;
  const rsp = await scu.requestFinal({
    type: "C-STORE-RQ",
    messageId: 0,
    affectedSopClassUid: MR,
    affectedSopInstanceUid: "9",
    priority: 0,
    hasDataSet: true,
  }, { presentationContextId: context.id, dataSet: TINY });
  await scu.release();
  const message = rsp.message as CStoreRsp;
  assert.equal(message.status, 0x0122);
  assert.ok(message.errorComment!.length <= 64);
  assert.equal(memory.files.size, 0);
});

Deno.test("an association aborted in the middle of a data set leaves nothing behind", async () => {
  const calls: string[] = [];
  const holder: { scu?: Association } = {};
  const watching: InstanceStore = {
    begin: () => {
      let writes = 0;
      return {
        write: () => {
          // The header, then the first data fragment: the connection drops (what is in flight
          // is lost, as with a TCP reset).
          if (++writes === 2) holder.scu!.transport.destroy();
        },
        commit: () => (calls.push("commit"), Promise.resolve("x")),
        abort: () => (calls.push("abort"), Promise.resolve()),
      };
    },
  };
  const connection = await connect({ store: watching }, undefined, 1000, 500);
  holder.scu = connection.scu;
  await assert.rejects(store(connection.scu, "3", new Uint8Array(5000).fill(0x20)));
  await connection.scp.closed;
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(calls, ["abort"]);
});

Deno.test("without verification only storage is accepted; other requests go to otherRequests", async () => {
  const seen: string[] = [];
  const { scu } = await connect({
    store: discardInstanceStore(),
    verification: false,
    otherRequests: (request) => void seen.push(request.message.type),
  });
  assert.equal(
    scu.negotiated.contexts.some((c) => c.abstractSyntax === VERIFICATION_SOP_CLASS),
    false,
  );
  const context = scu.negotiated.contexts[0];
  await scu.send({
    type: "C-FIND-RQ",
    messageId: 5,
    affectedSopClassUid: CT,
    priority: 0,
    hasDataSet: true,
  } as DimseMessage, { presentationContextId: context.id, dataSet: TINY });
  assert.equal((await store(scu, "4", TINY)).status, 0);
  await scu.release();
  assert.deepEqual(seen, ["C-FIND-RQ"]);
});
