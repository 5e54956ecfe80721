import assert from "node:assert/strict";
import fc from "fast-check";
import { DataSet } from "../../core/dataset.ts";
import { DataElement } from "../../core/element.ts";
import { COMMAND_FIELD, type DimseMessageType } from "./command_field.ts";
import { decodeCommand, encodeCommand } from "./command_set.ts";
import { DimseCommandError } from "./errors.ts";
import {
  DIMSE_FIELDS,
  type DimseFieldName,
  type DimseMessage,
  fromCommandSet,
  MESSAGE_FIELDS,
  toCommandSet,
} from "./messages.ts";

const TYPES = Object.keys(COMMAND_FIELD) as DimseMessageType[];

const uid = fc.stringMatching(/^(0|[1-9][0-9]{0,7})(\.(0|[1-9][0-9]{0,7})){0,6}$/);
// AE and LO values lose leading and trailing spaces when read (PS3.5 Table 6.2-1), and a
// backslash would split them into several values.
const ae = fc.stringMatching(/^([A-Z0-9_]([A-Z0-9_ ]{0,14}[A-Z0-9_])?)?$/);
const lo = fc.stringMatching(/^([!-[\]-~]([ -[\]-~]{0,62}[!-[\]-~])?)?$/);
const us = fc.integer({ min: 0, max: 0xffff });
const tags = fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 6 });

const VALUE: Record<DimseFieldSpecVr, fc.Arbitrary<unknown>> = {
  UI: uid,
  AE: ae,
  LO: lo,
  US: us,
  AT: tags,
};
type DimseFieldSpecVr = (typeof DIMSE_FIELDS)[DimseFieldName]["vr"];

/** A random message of one type: every mandatory field, some optional ones. */
function messageOf(type: DimseMessageType): fc.Arbitrary<DimseMessage> {
  const { required, optional } = MESSAGE_FIELDS[type];
  const record: Record<string, fc.Arbitrary<unknown>> = { hasDataSet: fc.boolean() };
  for (const name of [...required, ...optional]) record[name] = VALUE[DIMSE_FIELDS[name].vr];
  const requiredKeys: string[] = [...required, "hasDataSet"];
  return fc.record(record, { requiredKeys })
    .map((fields) => ({ type, ...fields }) as unknown as DimseMessage);
}

const anyMessage = fc.constantFrom(...TYPES).chain(messageOf);

Deno.test("every message type round trips through command set bytes", () => {
  for (const type of TYPES) {
    fc.assert(
      fc.property(messageOf(type), (msg) => {
        const bytes = encodeCommand(toCommandSet(msg));
        const back = fromCommandSet(decodeCommand(bytes));
        assert.deepEqual(back, msg);
        assert.deepEqual(encodeCommand(toCommandSet(back)), bytes);
      }),
      { numRuns: 60 },
    );
  }
});

Deno.test("toCommandSet writes the Command Field of PS3.7 Table E.1-1 and the data set type", () => {
  const rq = toCommandSet({
    type: "C-STORE-RQ",
    messageId: 7,
    affectedSopClassUid: "1.2.840.10008.5.1.4.1.1.2",
    affectedSopInstanceUid: "1.2.3",
    priority: 0,
    hasDataSet: true,
  });
  assert.equal(rq.getNumber("CommandField"), 0x0001);
  assert.equal(rq.getNumber("CommandDataSetType"), 0x0001);
  const rsp = toCommandSet({
    type: "C-STORE-RSP",
    messageIdBeingRespondedTo: 7,
    status: 0xb000,
    hasDataSet: false,
  });
  assert.equal(rsp.getNumber("CommandField"), 0x8001);
  assert.equal(rsp.getNumber("CommandDataSetType"), 0x0101);
  assert.deepEqual(
    rsp.elements().map((e) => e.tag),
    [0x00000000, 0x00000100, 0x00000120, 0x00000800, 0x00000900],
  );
});

Deno.test("fromCommandSet keeps extra elements so that a raw command set round trips", () => {
  fc.assert(
    fc.property(anyMessage, fc.integer({ min: 0, max: 0xffff }), us, (msg, element, value) => {
      // A US element on a tag none of the message's fields use (retired, unknown or another
      // message's field), plus one outside group 0000.
      const used = new Set(
        [...MESSAGE_FIELDS[msg.type].required, ...MESSAGE_FIELDS[msg.type].optional].map((n) =>
          DIMSE_FIELDS[n].tag
        ),
      );
      const tag = element;
      fc.pre(![0x0000, 0x0100, 0x0800].includes(tag) && !used.has(tag));
      const ds = toCommandSet(msg);
      ds.add(DataElement.fromBytes(tag, "UN", new Uint8Array([value & 0xff, value >> 8]), true));
      ds.add(DataElement.fromBytes(0x00080016, "UI", new TextEncoder().encode("1.2\0"), true));
      const bytes = encodeCommand(ds);
      const back = fromCommandSet(decodeCommand(bytes));
      assert.deepEqual(
        back.extraElements?.map((e) => e.tag),
        [tag, 0x00080016],
      );
      assert.deepEqual(encodeCommand(toCommandSet(back)), bytes);
    }),
    { numRuns: 300 },
  );
});

Deno.test("fromCommandSet keeps an unusual Command Data Set Type", () => {
  const ds = toCommandSet({
    type: "C-FIND-RSP",
    messageIdBeingRespondedTo: 3,
    status: 0xff00,
    hasDataSet: true,
    commandDataSetType: 0xfefe,
  });
  const back = fromCommandSet(decodeCommand(encodeCommand(ds)));
  assert.equal(back.hasDataSet, true);
  assert.equal(back.commandDataSetType, 0xfefe);
  const zero = fromCommandSet(
    decodeCommand(encodeCommand(toCommandSet({ ...back, commandDataSetType: 0 }))),
  );
  assert.equal(zero.hasDataSet, true);
  assert.equal(zero.commandDataSetType, 0);
});

Deno.test("an extra element replaces the field with the same tag", () => {
  const ds = toCommandSet({
    type: "C-ECHO-RQ",
    messageId: 1,
    affectedSopClassUid: "1.2.840.10008.1.1",
    hasDataSet: false,
    extraElements: [DataElement.fromBytes(0x00000110, "US", new Uint8Array([1, 0, 0, 0]))],
  });
  assert.equal(ds.get(0x00000110)?.bytes?.length, 4);
});

function commandSet(elements: [number, number][]): DataSet {
  const ds = new DataSet();
  for (const [tag, value] of elements) ds.add(DataElement.fromNumbers(tag, "US", [value]));
  return ds;
}

Deno.test("fromCommandSet names what is wrong with a command set", () => {
  const check = (ds: DataSet, pattern: RegExp, data: Partial<DimseCommandError>) => {
    assert.throws(() => fromCommandSet(ds), (e: unknown) => {
      assert.ok(e instanceof DimseCommandError);
      assert.match(e.message, pattern);
      for (const [k, v] of Object.entries(data)) assert.equal(e[k as keyof typeof e], v);
      return true;
    });
  };
  check(commandSet([[0x0110, 5]]), /no Command Field: \(0000,0100\)/, {
    messageId: 5,
    tag: 0x0100,
  });
  check(commandSet([[0x0100, 0x0042], [0x0110, 5]]), /Unknown Command Field 0x0042/, {
    commandField: 0x42,
    messageId: 5,
  });
  check(commandSet([[0x0100, 0x0030], [0x0110, 5]]), /C-ECHO-RQ has no Command Data Set Type/, {
    tag: 0x0800,
  });
  check(
    commandSet([[0x0100, 0x0001], [0x0110, 9], [0x0800, 0x0001], [0x0700, 0]]),
    /C-STORE-RQ lacks mandatory affectedSopClassUid: \(0000,0002\)/,
    { commandField: 1, messageId: 9, tag: 0x0002 },
  );
  const longId = commandSet([[0x0100, 0x0030], [0x0800, 0x0101]]);
  longId.add(DataElement.fromBytes(0x0110, "US", new Uint8Array([1, 0, 2, 0])));
  longId.set("AffectedSOPClassUID", "1.2.840.10008.1.1");
  check(longId, /messageId must be one US value, not US of 4 bytes/, { tag: 0x0110 });
  const badTags = commandSet([[0x0100, 0x8110], [0x0120, 1], [0x0800, 0x0101], [0x0900, 0]]);
  badTags.add(DataElement.fromBytes(0x1005, "AT", new Uint8Array([1, 0, 2, 0, 3, 0])));
  check(badTags, /attributeIdentifierList is not a list of tags/, { tag: 0x1005 });
});

Deno.test("toCommandSet refuses values that do not fit their VR", () => {
  const base = {
    type: "C-ECHO-RQ",
    messageId: 1,
    affectedSopClassUid: "1.2.840.10008.1.1",
    hasDataSet: false,
  } as const;
  assert.throws(() => toCommandSet({ ...base, messageId: 65536 }), RangeError);
  assert.throws(() => toCommandSet({ ...base, messageId: 1.5 }), RangeError);
  assert.throws(
    () => toCommandSet({ ...base, affectedSopClassUid: undefined as unknown as string }),
    /Cannot encode C-ECHO-RQ: affectedSopClassUid is missing: \(0000,0002\)/,
  );
  assert.throws(
    () =>
      toCommandSet({
        type: "N-GET-RQ",
        messageId: 1,
        requestedSopClassUid: "1.2",
        requestedSopInstanceUid: "1.2.3",
        attributeIdentifierList: [-1],
        hasDataSet: false,
      }),
    RangeError,
  );
});

Deno.test("fromCommandSet reads a DCMTK-style C-STORE-RQ with move originator fields", () => {
  const ds = new DataSet();
  ds.set("CommandGroupLength", 0);
  ds.set("AffectedSOPClassUID", "1.2.840.10008.5.1.4.1.1.2");
  ds.set("CommandField", 0x0001);
  ds.set("MessageID", 12);
  ds.set("Priority", 2);
  ds.set("CommandDataSetType", 0x0001);
  ds.set("AffectedSOPInstanceUID", "1.2.3.4.5");
  ds.set("MoveOriginatorApplicationEntityTitle", "MOVESCU ");
  ds.set("MoveOriginatorMessageID", 3);
  const msg = fromCommandSet(decodeCommand(encodeCommand(ds)));
  assert.deepEqual(msg, {
    type: "C-STORE-RQ",
    hasDataSet: true,
    messageId: 12,
    affectedSopClassUid: "1.2.840.10008.5.1.4.1.1.2",
    affectedSopInstanceUid: "1.2.3.4.5",
    priority: 2,
    moveOriginatorAeTitle: "MOVESCU",
    moveOriginatorMessageId: 3,
  });
});
