/**
 * Test kit: a trace of a real in-memory association with C-ECHO, two C-STOREs and a C-FIND
 * with matches, recorded on the requestor side; the acceptor's answers are configurable so
 * that two recordings can differ on purpose.
 * @module
 */
import { writeDataSet } from "../codec/write_dataset.ts";
import { DataSet } from "../core/dataset.ts";
import { acceptAssociation } from "../net/association/accept_association.ts";
import type { Association, ReceivedMessage } from "../net/association/association.ts";
import { requestAssociation } from "../net/association/request_association.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import { answerEcho } from "../services/verification.ts";
import { JsonlTrace } from "./jsonl_trace.ts";
import { parseTrace, type TraceRecord } from "./trace_summary.ts";

const ECHO = "1.2.840.10008.1.1";
const CT = "1.2.840.10008.5.1.4.1.1.2";
const FIND = "1.2.840.10008.5.1.4.1.2.2.1";
const EXPLICIT = "1.2.840.10008.1.2.1";
const IMPLICIT = "1.2.840.10008.1.2";

/** What the recorded acceptor answers. */
export interface RecordedAnswers {
  /** Status of the second C-STORE. Default 0. */
  secondStoreStatus?: number;
  /** Patient names of the C-FIND matches, in the order sent. Default ["DOE^JANE", "DOE^JOHN"]. */
  matches?: string[];
  /** A Study Instance UID per match (differs between runs in real life). Default fixed ones. */
  studyUidRoot?: string;
  /** Study Date of the matches. Default 20260101. */
  studyDate?: string;
}

/**
 * A small CT-like data set (explicit VR little endian bytes) for the C-STOREs.
 * @example
 * ```ts
 * import { storeDataSet } from "./_recorded_conversation.ts";
 * storeDataSet("1.2.3").length > 0; // true
 * ```
 */
export function storeDataSet(sopInstanceUid: string): Uint8Array {
  const ds = new DataSet();
  ds.set("SOPClassUID", CT);
  ds.set("SOPInstanceUID", sopInstanceUid);
  ds.set("PatientName", "DOE^JOHN");
  ds.set("PatientID", "P1");
  ds.set("Rows", 2);
  ds.set("Columns", 2);
  ds.set("PixelData", Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), "OW");
  return writeDataSet(ds, { explicitVr: true, littleEndian: true });
}

async function answer(
  request: ReceivedMessage,
  association: Association,
  answers: RecordedAnswers,
  storeCount: { n: number },
): Promise<void> {
  if (await answerEcho(request, association)) return;
  const m = request.message;
  const presentationContextId = request.presentationContextId;
  if (m.type === "C-STORE-RQ") {
    storeCount.n++;
    await association.send({
      type: "C-STORE-RSP",
      messageIdBeingRespondedTo: m.messageId,
      affectedSopClassUid: m.affectedSopClassUid,
      affectedSopInstanceUid: m.affectedSopInstanceUid,
      status: storeCount.n === 2 ? answers.secondStoreStatus ?? 0 : 0,
      hasDataSet: false,
    }, { presentationContextId });
    return;
  }
  if (m.type === "C-FIND-RQ") {
    const names = answers.matches ?? ["DOE^JANE", "DOE^JOHN"];
    for (const [i, name] of names.entries()) {
      const id = new DataSet();
      id.set("QueryRetrieveLevel", "STUDY");
      id.set("PatientName", name);
      id.set("StudyDate", answers.studyDate ?? "20260101");
      id.set("StudyInstanceUID", `${answers.studyUidRoot ?? "1.2.826.0.1.3680043.2.1"}.${i + 1}`);
      await association.send({
        type: "C-FIND-RSP",
        messageIdBeingRespondedTo: m.messageId,
        affectedSopClassUid: m.affectedSopClassUid,
        status: 0xff00,
        hasDataSet: true,
      }, {
        presentationContextId,
        dataSet: writeDataSet(id, { explicitVr: false, littleEndian: true }),
      });
    }
    await association.send({
      type: "C-FIND-RSP",
      messageIdBeingRespondedTo: m.messageId,
      affectedSopClassUid: m.affectedSopClassUid,
      status: 0,
      hasDataSet: false,
    }, { presentationContextId });
  }
}

/**
 * Records the conversation and returns its trace records.
 * @example
 * ```ts
 * import { recordConversation } from "./_recorded_conversation.ts";
 * (await recordConversation()).length > 0; // true
 * ```
 */
export async function recordConversation(answers: RecordedAnswers = {}): Promise<TraceRecord[]> {
  const lines: string[] = [];
  const trace = new JsonlTrace((line) => lines.push(line));
  const [a, b] = createMemoryPair();
  const storeCount = { n: 0 };
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: [
      { abstractSyntax: ECHO, transferSyntaxes: [IMPLICIT] },
      { abstractSyntax: CT, transferSyntaxes: [EXPLICIT, IMPLICIT] },
      { abstractSyntax: FIND, transferSyntaxes: [IMPLICIT] },
    ],
    onRequest: (request, assoc) => answer(request, assoc, answers, storeCount),
  });
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts: [
      { abstractSyntax: ECHO },
      { abstractSyntax: CT, transferSyntaxes: [EXPLICIT] },
      { abstractSyntax: FIND },
    ],
    onEvent: (event, assoc) =>
      trace.record(assoc.transport.id, event, {
        local: assoc.transport.localAddress,
        remote: assoc.transport.remoteAddress,
      }),
  });
  await accepted;
  await scu.echo();
  for (const uid of ["1.2.3.4.1", "1.2.3.4.2"]) {
    await scu.requestFinal({
      type: "C-STORE-RQ",
      messageId: 0,
      affectedSopClassUid: CT,
      affectedSopInstanceUid: uid,
      priority: 0,
      hasDataSet: true,
    }, { presentationContextId: 3, dataSet: storeDataSet(uid) });
  }
  const query = new DataSet();
  query.set("QueryRetrieveLevel", "STUDY");
  query.set("PatientName", "DOE*");
  query.set("StudyDate", "");
  query.set("StudyInstanceUID", "");
  for await (
    const _ of scu.request({
      type: "C-FIND-RQ",
      messageId: 0,
      affectedSopClassUid: FIND,
      priority: 0,
      hasDataSet: true,
    }, {
      presentationContextId: 5,
      dataSet: writeDataSet(query, { explicitVr: false, littleEndian: true }),
    })
  ) { /* drain */ }
  await scu.release();
  return parseTrace(lines.join(""));
}
