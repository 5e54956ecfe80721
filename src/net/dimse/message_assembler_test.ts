import assert from "node:assert/strict";
import { DimseProtocolError, type DimseProtocolErrorKind } from "./errors.ts";
import { fragmentMessage } from "./fragment.ts";
import { type DataSetSink, MessageAssembler } from "./message_assembler.ts";
import type { Pdv } from "./pdv.ts";

/** (0000,0800) Command Data Set Type: 0x0001 (data set follows) or 0x0101 (none). */
function command(hasDataSet: boolean): Uint8Array {
  return new Uint8Array([0, 0, 0, 8, 2, 0, 0, 0, 0x01, hasDataSet ? 0x00 : 0x01]);
}

function pdv(isCommand: boolean, isLast: boolean, data: Uint8Array, id = 1): Pdv {
  return { presentationContextId: id, isCommand, isLast, data };
}

function expectError(
  assembler: MessageAssembler,
  pdvs: Pdv[],
  kind: DimseProtocolErrorKind,
  pattern: RegExp,
): void {
  const last = pdvs.pop()!;
  for (const p of pdvs) assembler.push(p);
  assert.throws(() => assembler.push(last), (e: unknown) => {
    assert.ok(e instanceof DimseProtocolError);
    assert.equal(e.kind, kind);
    assert.match(e.message, pattern);
    assert.equal(e.presentationContextId, last.presentationContextId);
    return true;
  });
  assert.equal(assembler.inProgress, false);
}

Deno.test("MessageAssembler yields a command-only message at the command's last fragment", () => {
  const a = new MessageAssembler();
  const cmd = command(false);
  assert.equal(a.push(pdv(true, false, cmd.subarray(0, 3))), undefined);
  assert.equal(a.inProgress, true);
  const msg = a.push(pdv(true, true, cmd.subarray(3)));
  assert.deepEqual(msg, { presentationContextId: 1, command: cmd, dataSetStreamed: false });
  assert.equal(a.inProgress, false);
});

Deno.test("MessageAssembler concatenates data set fragments and keeps a single one as a view", () => {
  const a = new MessageAssembler();
  const data = new Uint8Array([1, 2, 3, 4, 5, 6]);
  assert.equal(a.push(pdv(true, true, command(true))), undefined);
  assert.equal(a.push(pdv(false, false, data.subarray(0, 2))), undefined);
  const msg = a.push(pdv(false, true, data.subarray(2)));
  assert.deepEqual(msg?.dataSet, data);
  a.push(pdv(true, true, command(true)));
  const single = a.push(pdv(false, true, data));
  assert.equal(single?.dataSet, data);
});

Deno.test("MessageAssembler streams data fragments to a sink without buffering them", () => {
  const written: [number[], boolean][] = [];
  const commands: Uint8Array[] = [];
  const sink: DataSetSink = { write: (f, isLast) => void written.push([[...f], isLast]) };
  const a = new MessageAssembler({
    streamDataSet: (cmd, id) => {
      assert.equal(id, 3);
      commands.push(cmd);
      return sink;
    },
  });
  const cmd = command(true);
  const data = new Uint8Array([9, 8, 7, 6, 5]);
  const pdus = fragmentMessage({ presentationContextId: 3, command: cmd, dataSet: data }, 8);
  const messages = pdus.flatMap((pdu) => a.pushAll(pdu));
  assert.deepEqual(commands, [cmd]);
  assert.deepEqual(written, [[[9, 8], false], [[7, 6], false], [[5], true]]);
  assert.deepEqual(messages, [{ presentationContextId: 3, command: cmd, dataSetStreamed: true }]);
});

Deno.test("MessageAssembler buffers when streamDataSet declines", () => {
  const a = new MessageAssembler({ streamDataSet: () => undefined });
  a.push(pdv(true, true, command(true)));
  const msg = a.push(pdv(false, true, new Uint8Array([1, 2])));
  assert.equal(msg?.dataSetStreamed, false);
  assert.deepEqual(msg?.dataSet, new Uint8Array([1, 2]));
});

Deno.test("MessageAssembler refuses a data fragment before any command", () => {
  expectError(
    new MessageAssembler(),
    [pdv(false, true, new Uint8Array(2))],
    "data-before-command",
    /before any command/,
  );
});

Deno.test("MessageAssembler refuses a data fragment before the command's last fragment", () => {
  expectError(
    new MessageAssembler(),
    [pdv(true, false, command(true).subarray(0, 4)), pdv(false, true, new Uint8Array(2))],
    "data-before-command",
    /before the last fragment of the command/,
  );
});

Deno.test("MessageAssembler refuses a data fragment after the previous data set ended", () => {
  expectError(
    new MessageAssembler(),
    [
      pdv(true, true, command(true)),
      pdv(false, true, new Uint8Array(2)),
      pdv(false, true, new Uint8Array(2)),
    ],
    "data-before-command",
    /after the last fragment of the previous data set/,
  );
});

Deno.test("MessageAssembler refuses a change of presentation context mid-message", () => {
  expectError(
    new MessageAssembler(),
    [pdv(true, false, command(true).subarray(0, 4), 1), pdv(true, true, command(true), 3)],
    "context-changed",
    /context 3 in the middle of a message on context 1/,
  );
  expectError(
    new MessageAssembler(),
    [pdv(true, true, command(true), 1), pdv(false, true, new Uint8Array(2), 5)],
    "context-changed",
    /context 5/,
  );
});

Deno.test("MessageAssembler refuses a command fragment after the command's last", () => {
  expectError(
    new MessageAssembler(),
    [pdv(true, true, command(true)), pdv(true, true, command(true))],
    "command-after-last",
    /Command fragment after the last fragment of the command/,
  );
  expectError(
    new MessageAssembler(),
    [
      pdv(true, true, command(true)),
      pdv(false, false, new Uint8Array(2)),
      pdv(true, false, command(true)),
    ],
    "command-after-last",
    /Command fragment/,
  );
});

Deno.test("MessageAssembler refuses data when the command said none follows", () => {
  expectError(
    new MessageAssembler(),
    [pdv(true, true, command(false)), pdv(false, true, new Uint8Array(2))],
    "unexpected-data",
    /Command Data Set Type says none follows/,
  );
});

Deno.test("MessageAssembler refuses a command without a readable Command Data Set Type", () => {
  expectError(
    new MessageAssembler(),
    [pdv(true, true, new Uint8Array([0, 0, 0, 1, 2, 0, 0, 0, 0x30, 0]))],
    "invalid-command",
    /no readable Command Data Set Type/,
  );
});

Deno.test("MessageAssembler enforces its command and data set limits", () => {
  expectError(
    new MessageAssembler({ maxCommandLength: 8 }),
    [pdv(true, false, command(true).subarray(0, 5)), pdv(true, true, command(true).subarray(5))],
    "limit-exceeded",
    /Command set longer than the limit of 8 bytes/,
  );
  expectError(
    new MessageAssembler({ maxDataSetLength: 3 }),
    [
      pdv(true, true, command(true)),
      pdv(false, false, new Uint8Array(2)),
      pdv(false, true, new Uint8Array(2)),
    ],
    "limit-exceeded",
    /Data set longer than the limit of 3 bytes/,
  );
});

Deno.test("MessageAssembler starts afresh after an error and after reset", () => {
  const a = new MessageAssembler();
  assert.throws(() => a.push(pdv(false, true, new Uint8Array(2))), DimseProtocolError);
  a.push(pdv(true, false, command(false).subarray(0, 2)));
  a.reset();
  assert.equal(a.inProgress, false);
  const msg = a.push(pdv(true, true, command(false)));
  assert.deepEqual(msg?.command, command(false));
});

Deno.test("MessageAssembler yields several messages from one packed PDU", () => {
  const a = new MessageAssembler();
  const messages = a.pushAll([
    pdv(true, true, command(false)),
    pdv(true, true, command(true)),
    pdv(false, true, new Uint8Array([4])),
  ]);
  assert.equal(messages.length, 2);
  assert.deepEqual(messages[1].dataSet, new Uint8Array([4]));
});
