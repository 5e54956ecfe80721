import assert from "node:assert/strict";
import {
  COMMAND_FIELD,
  type DimseMessageType,
  isResponseType,
  messageTypeOf,
  serviceOf,
} from "./command_field.ts";

Deno.test("Command Field values follow PS3.7 Table E.1-1 and responses are requests | 0x8000", () => {
  assert.equal(COMMAND_FIELD["C-STORE-RQ"], 0x0001);
  assert.equal(COMMAND_FIELD["C-GET-RQ"], 0x0010);
  assert.equal(COMMAND_FIELD["C-FIND-RQ"], 0x0020);
  assert.equal(COMMAND_FIELD["C-MOVE-RQ"], 0x0021);
  assert.equal(COMMAND_FIELD["C-ECHO-RQ"], 0x0030);
  assert.equal(COMMAND_FIELD["C-CANCEL-RQ"], 0x0fff);
  assert.equal(COMMAND_FIELD["N-EVENT-REPORT-RQ"], 0x0100);
  assert.equal(COMMAND_FIELD["N-GET-RQ"], 0x0110);
  assert.equal(COMMAND_FIELD["N-SET-RQ"], 0x0120);
  assert.equal(COMMAND_FIELD["N-ACTION-RQ"], 0x0130);
  assert.equal(COMMAND_FIELD["N-CREATE-RQ"], 0x0140);
  assert.equal(COMMAND_FIELD["N-DELETE-RQ"], 0x0150);
  const types = Object.keys(COMMAND_FIELD) as DimseMessageType[];
  assert.equal(types.length, 23);
  for (const type of types) {
    assert.equal(messageTypeOf(COMMAND_FIELD[type]), type);
    if (isResponseType(type)) {
      const rq = type.replace(/-RSP$/, "-RQ") as DimseMessageType;
      assert.equal(COMMAND_FIELD[type], COMMAND_FIELD[rq] | 0x8000);
    }
  }
});

Deno.test("messageTypeOf, isResponseType and serviceOf", () => {
  assert.equal(messageTypeOf(0x8fff), undefined);
  assert.equal(messageTypeOf(0x0000), undefined);
  assert.equal(isResponseType("N-EVENT-REPORT-RSP"), true);
  assert.equal(isResponseType("C-CANCEL-RQ"), false);
  assert.equal(serviceOf("N-EVENT-REPORT-RQ"), "N-EVENT-REPORT");
  assert.equal(serviceOf("C-STORE-RSP"), "C-STORE");
});
