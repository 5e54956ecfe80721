/**
 * A minimal mock RIS/PACS for tests of the modality workflow: answers Modality Worklist C-FIND
 * with fixed items, keeps MPPS instances, and answers Storage Commitment N-ACTION with an
 * N-EVENT-REPORT on the same association (PS3.4 J.3.3). Internal: the project's mock PACS is
 * the real one.
 * @module
 */
import { DataSet } from "../../core/dataset.ts";
import { acceptAssociation } from "../../net/association/accept_association.ts";
import { createMemoryPair } from "../../net/transport/memory.ts";
import type { Transport } from "../../net/transport/transport.ts";
import { findScp } from "../../services/find_scp.ts";
import { nEventReport, nServiceScp } from "../../services/n_services.ts";
import { MODALITY_WORKLIST_FIND } from "../../services/query_models.ts";
import { MPPS_SOP_CLASS, STORAGE_COMMITMENT_PUSH } from "./modality_workflow.ts";

const SYNTAXES = ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"];

/** A scheduled CT item for DOE^JANE, Study Instance UID 1.2.3.4.5. */
export function sampleWorklistItem(): DataSet {
  const step = new DataSet();
  step.set("Modality", "CT");
  step.set("ScheduledStationAETitle", "CTSIM");
  step.set("ScheduledProcedureStepID", "SPS1");
  step.set("ScheduledProcedureStepDescription", "CT CHEST");
  const item = new DataSet();
  item.set("PatientName", "DOE^JANE");
  item.set("PatientID", "P42");
  item.set("PatientBirthDate", "19800202");
  item.set("PatientSex", "F");
  item.set("AccessionNumber", "ACC1");
  item.set("StudyInstanceUID", "1.2.3.4.5");
  item.set("RequestedProcedureDescription", "CT CHEST W/O");
  item.set("RequestedProcedureID", "RP1");
  item.set("ScheduledProcedureStepSequence", [step]);
  return item;
}

/** What the mock kept, and how to connect to it. */
export interface MockRis {
  /** Opens an in-memory transport to a new acceptor. */
  connect(): Transport;
  /** MPPS instances by SOP Instance UID. */
  readonly mpps: Map<string, DataSet>;
  /** Storage commitment requests received (their Action Information). */
  readonly commitments: DataSet[];
}

/** Starts the mock; `failInstance` is reported as not committed. */
export function mockRis(
  options: { readonly items?: DataSet[]; readonly failInstance?: string } = {},
): MockRis {
  const mpps = new Map<string, DataSet>();
  const commitments: DataSet[] = [];
  const find = findScp({ match: () => options.items ?? [sampleWorklistItem()] });
  const n = nServiceScp({
    sopClasses: {
      [MPPS_SOP_CLASS]: {
        nCreate: (rq) => {
          const uid = rq.sopInstanceUid ?? "2.25.1";
          mpps.set(uid, rq.dataSet!);
          return { sopInstanceUid: uid };
        },
        nSet: (rq) => {
          const current = mpps.get(rq.sopInstanceUid!)!;
          for (const e of rq.dataSet!) current.add(e);
        },
      },
      [STORAGE_COMMITMENT_PUSH]: {
        nAction: (rq) => ({
          afterResponse: async () => {
            commitments.push(rq.dataSet!);
            const refs = rq.dataSet!.getItems("ReferencedSOPSequence");
            const failing = (r: DataSet) =>
              r.getString("ReferencedSOPInstanceUID") === options.failInstance;
            const failed = refs.filter(failing).map((r) => {
              const f = r.clone();
              f.set("FailureReason", 0x0112);
              return f;
            });
            const info = new DataSet();
            info.set("TransactionUID", rq.dataSet!.getString("TransactionUID")!);
            info.set("ReferencedSOPSequence", refs.filter((r) => !failing(r)));
            if (failed.length) info.set("FailedSOPSequence", failed);
            await nEventReport(rq.association, {
              sopClassUid: STORAGE_COMMITMENT_PUSH,
              sopInstanceUid: rq.sopInstanceUid!,
              eventTypeId: failed.length ? 2 : 1,
              eventInformation: info,
            });
          },
        }),
      },
    },
  });
  const connect = () => {
    const [client, server] = createMemoryPair();
    acceptAssociation(server, {
      aeTitle: "RIS",
      supported: [MODALITY_WORKLIST_FIND, MPPS_SOP_CLASS, STORAGE_COMMITMENT_PUSH].map((uid) => ({
        abstractSyntax: uid,
        transferSyntaxes: SYNTAXES,
      })),
      onRequest: async (received, association) => {
        if (received.message.type === "C-FIND-RQ") await find(received, association);
        else await n(received, association);
      },
    }).catch(() => {});
    return client;
  };
  return { connect, mpps, commitments };
}
