import assert from "node:assert/strict";
import { readDicom } from "../codec/read_file.ts";
import { readConversations } from "./conversation.ts";
import { extractDataSets } from "./extract_data_sets.ts";
import { recordConversation, storeDataSet } from "./_recorded_conversation.ts";

Deno.test("extractDataSets: each C-STORE instance as a Part 10 file, bytes kept", async () => {
  const { files, problems } = extractDataSets(readConversations(await recordConversation()));
  assert.deepEqual(problems, []);
  assert.deepEqual(files.map((f) => f.name), [
    "0001_C-STORE-RQ_1.2.3.4.1.dcm",
    "0002_C-STORE-RQ_1.2.3.4.2.dcm",
  ]);
  const file = readDicom(files[0].bytes);
  assert.equal(file.transferSyntaxUid, "1.2.840.10008.1.2.1");
  assert.equal(file.dataSet.getString("SOPInstanceUID"), "1.2.3.4.1");
  const data = files[0].bytes.subarray(files[0].bytes.length - storeDataSet("1.2.3.4.1").length);
  assert.deepEqual(data, storeDataSet("1.2.3.4.1"));
});

Deno.test("extractDataSets: --all adds the C-FIND identifiers", async () => {
  const { files } = extractDataSets(readConversations(await recordConversation()), { all: true });
  assert.deepEqual(files.map((f) => f.messageType), [
    "C-STORE-RQ",
    "C-STORE-RQ",
    "C-FIND-RQ",
    "C-FIND-RSP",
    "C-FIND-RSP",
  ]);
  const match = readDicom(files[3].bytes);
  assert.equal(match.dataSet.getString("PatientName"), "DOE^JANE");
});
