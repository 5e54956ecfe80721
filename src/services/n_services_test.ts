import assert from "node:assert/strict";
import { DataSet } from "../core/dataset.ts";
import { acceptAssociation } from "../net/association/accept_association.ts";
import type { Association, AssociationEvent } from "../net/association/association.ts";
import { requestAssociation } from "../net/association/request_association.ts";
import type { RequestedContext } from "../net/acse/association_request.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import {
  handleNRequest,
  isNRequest,
  nAction,
  nCreate,
  nDelete,
  nEventReport,
  nGet,
  nServiceScp,
  type NServiceScpOptions,
  nSet,
} from "./n_services.ts";
import { NoContextError } from "./no_context_error.ts";
import { StatusError } from "./status_error.ts";
import { answerEcho } from "./verification.ts";

const STORAGE_COMMITMENT = "1.2.840.10008.1.20.1";
const STORAGE_COMMITMENT_INSTANCE = "1.2.840.10008.1.20.1.1"; // well-known (PS3.4 J.3.1)
const MPPS = "1.2.840.10008.3.1.2.3.3";
const PRINTER = "1.2.840.10008.5.1.1.16";
const PRINTER_INSTANCE = "1.2.840.10008.5.1.1.17"; // well-known
const VERIFICATION = "1.2.840.10008.1.1";
const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const IMPLICIT_LE = "1.2.840.10008.1.2";

/** An association over a memory pair: the requestor and acceptor each with their handlers. */
async function associate(
  scp: NServiceScpOptions,
  options: {
    scu?: NServiceScpOptions;
    contexts?: RequestedContext[];
    supported?: string[];
  } = {},
) {
  const [a, b] = createMemoryPair();
  const supported = options.supported ?? [STORAGE_COMMITMENT, MPPS, PRINTER, VERIFICATION];
  const accepted = acceptAssociation(b, {
    aeTitle: "NSCP",
    supported: supported.map((abstractSyntax) => ({
      abstractSyntax,
      transferSyntaxes: [EXPLICIT_LE, IMPLICIT_LE],
    })),
    onRequest: async (received, association) => {
      if (!await handleNRequest(received, association, scp)) {
        await answerEcho(received, association);
      }
    },
  });
  const scuEvents: AssociationEvent[] = [];
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "NSCU",
    calledAeTitle: "NSCP",
    contexts: options.contexts ??
      [STORAGE_COMMITMENT, MPPS, PRINTER, VERIFICATION].map((abstractSyntax) => ({
        abstractSyntax,
        transferSyntaxes: [EXPLICIT_LE, IMPLICIT_LE],
      })),
    onRequest: options.scu ? nServiceScp(options.scu) : undefined,
    onEvent: (event) => scuEvents.push(event),
  });
  const result = await accepted;
  assert.ok(result.accepted);
  return { scu, scp: result.association, scuEvents };
}

/** A toy MPPS/printer SCP keeping instances in a map. */
function instanceStore() {
  const instances = new Map<string, DataSet>();
  let next = 1;
  const options: NServiceScpOptions = {
    sopClasses: {
      [MPPS]: {
        nCreate: ({ sopInstanceUid, dataSet }) => {
          const uid = sopInstanceUid ?? `1.2.826.0.1.3680043.10.543.${next++}`;
          if (instances.has(uid)) throw new StatusError(0x0111, `Duplicate: ${uid}`);
          instances.set(uid, dataSet ?? new DataSet());
          return { sopInstanceUid: uid };
        },
        nSet: ({ sopInstanceUid, dataSet }) => {
          const stored = instances.get(sopInstanceUid!);
          if (!stored) throw new StatusError(0x0112, `No such instance: ${sopInstanceUid}`);
          for (const e of dataSet?.elements() ?? []) stored.add(e);
          return {};
        },
        nGet: ({ sopInstanceUid, message }) => {
          const stored = instances.get(sopInstanceUid!);
          if (!stored) throw new StatusError(0x0112, `No such instance: ${sopInstanceUid}`);
          const wanted = message.attributeIdentifierList;
          if (!wanted) return { dataSet: stored };
          const reply = new DataSet();
          for (const tag of wanted) {
            const e = stored.get(tag);
            if (e) reply.add(e);
          }
          return { dataSet: reply };
        },
        nDelete: ({ sopInstanceUid }) => {
          if (!instances.delete(sopInstanceUid!)) throw new StatusError(0x0112, "No such instance");
        },
      },
      [PRINTER]: {
        nGet: () => {
          const ds = new DataSet();
          ds.set("PrinterStatus", "NORMAL");
          ds.set("PrinterName", "LASER");
          return { dataSet: ds };
        },
      },
    },
  };
  return { instances, options };
}

Deno.test("isNRequest knows the six N-* request types", () => {
  for (const t of ["N-EVENT-REPORT-RQ", "N-GET-RQ", "N-SET-RQ", "N-ACTION-RQ", "N-CREATE-RQ"]) {
    assert.ok(isNRequest(t), t);
  }
  assert.ok(isNRequest("N-DELETE-RQ"));
  assert.ok(!isNRequest("N-GET-RSP"));
  assert.ok(!isNRequest("C-STORE-RQ"));
  assert.ok(!isNRequest("toString"));
});

Deno.test("N-CREATE, N-SET, N-GET, N-DELETE round trip through the dispatcher", async () => {
  const store = instanceStore();
  const { scu } = await associate(store.options);

  const attributes = new DataSet();
  attributes.set("PerformedProcedureStepStatus", "IN PROGRESS");
  attributes.set("PerformedProcedureStepID", "PPS1");
  const created = await nCreate(scu, { sopClassUid: MPPS, attributes });
  assert.equal(created.status, 0);
  assert.equal(created.message.type, "N-CREATE-RSP");
  assert.equal(created.sopInstanceUid, "1.2.826.0.1.3680043.10.543.1", "the SCP assigned it");
  const uid = created.sopInstanceUid!;
  assert.equal(store.instances.get(uid)?.getString("PerformedProcedureStepID"), "PPS1");

  const again = await nCreate(scu, { sopClassUid: MPPS, sopInstanceUid: uid });
  assert.equal(again.status, 0x0111);
  assert.equal(again.message.errorComment, `Duplicate: ${uid}`);

  const modifications = new DataSet();
  modifications.set("PerformedProcedureStepStatus", "COMPLETED");
  const set = await nSet(scu, { sopClassUid: MPPS, sopInstanceUid: uid, modifications });
  assert.equal(set.status, 0);
  assert.equal(set.message.affectedSopInstanceUid, uid);
  assert.equal(store.instances.get(uid)?.getString("PerformedProcedureStepStatus"), "COMPLETED");

  const got = await nGet(scu, {
    sopClassUid: MPPS,
    sopInstanceUid: uid,
    attributes: [0x00400252], // Performed Procedure Step Status only
  });
  assert.equal(got.status, 0);
  assert.equal(got.dataSet?.getString("PerformedProcedureStepStatus"), "COMPLETED");
  assert.equal(got.dataSet?.getString("PerformedProcedureStepID"), undefined);

  const all = await nGet(scu, { sopClassUid: MPPS, sopInstanceUid: uid });
  assert.equal(all.dataSet?.getString("PerformedProcedureStepID"), "PPS1");

  const deleted = await nDelete(scu, { sopClassUid: MPPS, sopInstanceUid: uid });
  assert.equal(deleted.status, 0);
  assert.equal(store.instances.size, 0);
  const gone = await nGet(scu, { sopClassUid: MPPS, sopInstanceUid: uid });
  assert.equal(gone.status, 0x0112);
  assert.equal(gone.dataSet, undefined);

  const printer = await nGet(scu, { sopClassUid: PRINTER, sopInstanceUid: PRINTER_INSTANCE });
  assert.equal(printer.dataSet?.getString("PrinterStatus"), "NORMAL");
  assert.equal(printer.sopInstanceUid, PRINTER_INSTANCE);
  await scu.release();
});

Deno.test("Storage Commitment: N-ACTION, then N-EVENT-REPORT from the acceptor on the same association", async () => {
  const reports: { eventTypeId: number; transactionUid: string | undefined }[] = [];
  let eventStatus: number | undefined;
  const scpOptions: NServiceScpOptions = {
    sopClasses: {
      [STORAGE_COMMITMENT]: {
        nAction: ({ message, dataSet, association }) => {
          if (message.actionTypeId !== 1) throw new StatusError(0x0123, "No such action");
          const transactionUid = dataSet?.getString("TransactionUID");
          return {
            // PS3.4 J.3.3: the result comes later, as an N-EVENT-REPORT.
            afterResponse: async () => {
              const result = new DataSet();
              result.set("TransactionUID", transactionUid ?? "");
              const r = await nEventReport(association, {
                sopClassUid: STORAGE_COMMITMENT,
                sopInstanceUid: STORAGE_COMMITMENT_INSTANCE,
                eventTypeId: 1, // all committed
                eventInformation: result,
              });
              eventStatus = r.status;
            },
          };
        },
      },
    },
  };
  let reported!: () => void;
  const reportArrived = new Promise<void>((resolve) => reported = resolve);
  const { scu, scuEvents } = await associate(scpOptions, {
    scu: {
      sopClasses: {
        [STORAGE_COMMITMENT]: {
          nEventReport: ({ message, dataSet, sopInstanceUid }) => {
            assert.equal(sopInstanceUid, STORAGE_COMMITMENT_INSTANCE);
            reports.push({
              eventTypeId: message.eventTypeId,
              transactionUid: dataSet?.getString("TransactionUID"),
            });
            reported();
          },
        },
      },
    },
  });
  const transaction = new DataSet();
  transaction.set("TransactionUID", "1.2.3.999");
  const action = await nAction(scu, {
    sopClassUid: STORAGE_COMMITMENT,
    sopInstanceUid: STORAGE_COMMITMENT_INSTANCE,
    actionTypeId: 1,
    actionInformation: transaction,
  });
  assert.equal(action.status, 0);
  assert.equal(action.message.actionTypeId, 1);
  await reportArrived;
  assert.deepEqual(reports, [{ eventTypeId: 1, transactionUid: "1.2.3.999" }]);
  await scu.release();
  assert.equal(eventStatus, 0);
  const order = scuEvents
    .filter((e) => e.type === "dimse-received" || e.type === "dimse-sent")
    .map((e) =>
      `${e.type === "dimse-sent" ? ">" : "<"} ${(e as { message: { type: string } }).message.type}`
    );
  assert.deepEqual(order, [
    "> N-ACTION-RQ",
    "< N-ACTION-RSP",
    "< N-EVENT-REPORT-RQ",
    "> N-EVENT-REPORT-RSP",
  ]);

  const wrong = await associate(scpOptions);
  const refused = await nAction(wrong.scu, {
    sopClassUid: STORAGE_COMMITMENT,
    sopInstanceUid: STORAGE_COMMITMENT_INSTANCE,
    actionTypeId: 7,
  });
  assert.equal(refused.status, 0x0123);
  await wrong.scu.release();
});

Deno.test("an N-EVENT-REPORT the requestor does not handle gets 0x0118 or 0x0211", async () => {
  let statuses: number[] = [];
  const { scu, scp } = await associate({ sopClasses: {} }, {
    scu: { sopClasses: { [MPPS]: { nGet: () => ({}) } } },
  });
  for (const sopClassUid of [STORAGE_COMMITMENT, MPPS]) {
    const r = await nEventReport(scp, { sopClassUid, sopInstanceUid: "1.2.3", eventTypeId: 1 });
    statuses = [...statuses, r.status];
    assert.equal(r.message.eventTypeId, 1);
  }
  assert.deepEqual(statuses, [0x0118, 0x0211]);
  await scu.release();
});

Deno.test("the dispatcher answers failures with the PS3.7 status", async () => {
  const { scu } = await associate({
    sopClasses: {
      [MPPS]: {
        nSet: () => {
          throw new Error("disk full");
        },
        nGet: () => ({ status: 0x0107, attributeIdentifierList: [0x00100010] }),
      },
    },
  });
  const unknownClass = await nGet(scu, { sopClassUid: PRINTER, sopInstanceUid: "1.2" });
  assert.equal(unknownClass.status, 0x0118);
  const noHandler = await nDelete(scu, { sopClassUid: MPPS, sopInstanceUid: "1.2" });
  assert.equal(noHandler.status, 0x0211);
  assert.match(noHandler.message.errorComment!, /N-DELETE-RQ is not served/);
  const failing = await nSet(scu, {
    sopClassUid: MPPS,
    sopInstanceUid: "1.2",
    modifications: new DataSet(),
  });
  assert.equal(failing.status, 0x0110);
  assert.equal(failing.message.errorComment, "disk full");
  const undecodable = await nSet(scu, {
    sopClassUid: MPPS,
    sopInstanceUid: "1.2",
    modifications: Uint8Array.of(0x10, 0, 0x10, 0, 0x50, 0x4e, 0xff, 0xff, 1), // truncated
  });
  assert.equal(undecodable.status, 0x0110);
  assert.match(undecodable.message.errorComment!, /^Cannot decode the data set/);
  const warning = await nGet(scu, { sopClassUid: MPPS, sopInstanceUid: "1.2" });
  assert.equal(warning.status, 0x0107);
  assert.deepEqual(warning.message.attributeIdentifierList, [0x00100010]);
  assert.ok(scu.isEstablished);
  await scu.release();
});

Deno.test("SCU helpers need an accepted context: NoContextError otherwise", async () => {
  const { scu } = await associate(instanceStore().options, {
    contexts: [{ abstractSyntax: MPPS }],
    supported: [MPPS],
  });
  await assert.rejects(
    nGet(scu, { sopClassUid: PRINTER, sopInstanceUid: PRINTER_INSTANCE }),
    NoContextError,
  );
  await assert.rejects(
    nCreate(scu, { sopClassUid: MPPS }, { presentationContextId: 99 }),
    NoContextError,
  );
  const created = await nCreate(scu, { sopClassUid: MPPS }, { presentationContextId: 1 });
  assert.equal(created.status, 0);
  await scu.release();
});

Deno.test("requests that are not N-* pass through the dispatcher untouched", async () => {
  const { scu } = await associate({ sopClasses: {} });
  assert.equal(await scu.echo(), 0); // answered by the chained C-ECHO handler
  await scu.release();
});

Deno.test("N-EVENT-REPORT on an association the SCP opened, with the SCP role negotiated", async () => {
  // PS3.4 J.3.3: the Storage Commitment SCP may report on a new association, as requestor.
  const [a, b] = createMemoryPair();
  const received: number[] = [];
  const accepted = acceptAssociation(b, {
    aeTitle: "MODALITY",
    supported: [{
      abstractSyntax: STORAGE_COMMITMENT,
      transferSyntaxes: [IMPLICIT_LE],
      roles: { scu: true, scp: true },
    }],
    onRequest: nServiceScp({
      sopClasses: {
        [STORAGE_COMMITMENT]: {
          nEventReport: ({ message }) => {
            received.push(message.eventTypeId);
          },
        },
      },
    }),
  });
  const reporter: Association = await requestAssociation({
    transport: a,
    callingAeTitle: "ARCHIVE",
    calledAeTitle: "MODALITY",
    contexts: [{ abstractSyntax: STORAGE_COMMITMENT, roles: { scu: false, scp: true } }],
  });
  assert.ok((await accepted).accepted);
  assert.deepEqual(reporter.negotiated.contexts[0].roles.requestor, { scu: false, scp: true });
  const r = await nEventReport(reporter, {
    sopClassUid: STORAGE_COMMITMENT,
    sopInstanceUid: STORAGE_COMMITMENT_INSTANCE,
    eventTypeId: 2, // failures exist
  });
  assert.equal(r.status, 0);
  assert.deepEqual(received, [2]);
  await reporter.release();
});
