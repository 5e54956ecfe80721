import assert from "node:assert/strict";
import fc from "fast-check";
import { fragmentMessage } from "./fragment.ts";
import { MessageAssembler } from "./message_assembler.ts";
import { type Pdv, PDV_OVERHEAD } from "./pdv.ts";

/** A minimal command set: (0000,0800) Command Data Set Type, padded by an unknown element. */
function command(hasDataSet: boolean, padding: number): Uint8Array {
  const bytes = new Uint8Array(10 + 8 + padding);
  const view = new DataView(bytes.buffer);
  view.setUint16(2, 0x0800, true);
  view.setUint32(4, 2, true);
  view.setUint16(8, hasDataSet ? 0x0001 : 0x0101, true);
  view.setUint16(12, 0x7777, true);
  view.setUint32(14, padding, true);
  for (let i = 18; i < bytes.length; i++) bytes[i] = i & 0xff;
  return bytes;
}

function pduLength(pdvs: readonly Pdv[]): number {
  return pdvs.reduce((n, p) => n + PDV_OVERHEAD + p.data.length, 0);
}

Deno.test("fragmentMessage keeps PDUs within the maximum length and reassembles exactly", () => {
  fc.assert(
    fc.property(
      fc.nat(3000),
      fc.option(fc.nat(20000), { nil: undefined }),
      fc.oneof(fc.constant(0), fc.integer({ min: 7, max: 5000 })),
      fc.boolean(),
      fc.integer({ min: 1, max: 255 }),
      (padding, dataLength, max, packPdvs, id) => {
        const cmd = command(dataLength !== undefined, padding);
        const data = dataLength === undefined
          ? undefined
          : Uint8Array.from({ length: dataLength }, (_, i) => (i * 7) & 0xff);
        const pdus = fragmentMessage(
          { presentationContextId: id, command: cmd, dataSet: data },
          max,
          { packPdvs },
        );
        const pdvs = pdus.flat();
        for (const pdu of pdus) {
          assert.ok(pdu.length > 0);
          if (max > 0) assert.ok(pduLength(pdu) <= max, `PDU of ${pduLength(pdu)} > ${max}`);
          if (!packPdvs) assert.equal(pdu.length, 1);
        }
        // Command PDVs first, then data PDVs; exactly the last of each has the last bit.
        const commands = pdvs.filter((p) => p.isCommand);
        const datas = pdvs.filter((p) => !p.isCommand);
        assert.deepEqual(pdvs, [...commands, ...datas]);
        assert.deepEqual(
          commands.map((p) => p.isLast),
          commands.map((_, i, a) => i === a.length - 1),
        );
        assert.deepEqual(datas.map((p) => p.isLast), datas.map((_, i, a) => i === a.length - 1));
        assert.equal(datas.length > 0, data !== undefined);
        assert.ok(pdvs.every((p) => p.presentationContextId === id));
        // Zero-copy: every fragment is a view of the input.
        for (const p of commands) assert.equal(p.data.buffer, cmd.buffer);
        for (const p of datas) assert.equal(p.data.buffer, data!.buffer);
        const assembler = new MessageAssembler();
        const messages = pdus.flatMap((pdu) => assembler.pushAll(pdu));
        assert.equal(messages.length, 1);
        assert.deepEqual(messages[0].command, cmd);
        assert.deepEqual(messages[0].dataSet, data);
        assert.equal(messages[0].presentationContextId, id);
        assert.equal(assembler.inProgress, false);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("fragmentMessage sends one PDV per PDU by default, each as large as allowed", () => {
  const cmd = command(true, 82); // 100 bytes
  const data = new Uint8Array(1000);
  const pdus = fragmentMessage({ presentationContextId: 1, command: cmd, dataSet: data }, 406);
  assert.deepEqual(
    pdus.map((pdu) => pdu.map((p) => [p.isCommand, p.isLast, p.data.length])),
    [[[true, true, 100]], [[false, false, 400]], [[false, false, 400]], [[false, true, 200]]],
  );
});

Deno.test("fragmentMessage packs the command and the first data fragment together when asked", () => {
  const cmd = command(true, 82); // 100 bytes
  const data = new Uint8Array(1000);
  const pdus = fragmentMessage({ presentationContextId: 1, command: cmd, dataSet: data }, 406, {
    packPdvs: true,
  });
  assert.deepEqual(
    pdus.map((pdu) => pdu.map((p) => [p.isCommand, p.isLast, p.data.length])),
    [
      [[true, true, 100], [false, false, 294]],
      [[false, false, 400]],
      [[false, true, 306]],
    ],
  );
});

Deno.test("fragmentMessage keeps fragments even when the maximum length is odd", () => {
  const pdus = fragmentMessage(
    { presentationContextId: 1, command: command(true, 0), dataSet: new Uint8Array(100) },
    31,
  );
  assert.deepEqual(pdus.flat().map((p) => p.data.length), [18, 24, 24, 24, 24, 4]);
});

Deno.test("fragmentMessage with no limit sends the command and the data set whole", () => {
  const cmd = command(true, 10);
  const data = new Uint8Array(100000);
  const pdus = fragmentMessage({ presentationContextId: 5, command: cmd, dataSet: data }, 0);
  assert.equal(pdus.length, 2);
  assert.equal(pdus[1][0].data.buffer, data.buffer);
  assert.equal(pdus[0][0].data.length, cmd.length);
  assert.equal(pdus[1][0].data.length, data.length);
});

Deno.test("fragmentMessage sends an empty data set as one empty last fragment", () => {
  const pdus = fragmentMessage(
    { presentationContextId: 1, command: command(true, 0), dataSet: new Uint8Array(0) },
    100,
  );
  assert.equal(pdus.length, 2);
  assert.deepEqual(pdus[1], [
    { presentationContextId: 1, isCommand: false, isLast: true, data: new Uint8Array(0) },
  ]);
});

Deno.test("fragmentMessage refuses limits that leave no room and invalid context IDs", () => {
  const msg = { presentationContextId: 1, command: command(false, 0) };
  assert.throws(() => fragmentMessage(msg, 6), RangeError);
  assert.throws(() => fragmentMessage(msg, -1), RangeError);
  assert.throws(() => fragmentMessage(msg, 1.5), RangeError);
  assert.throws(() => fragmentMessage({ ...msg, presentationContextId: 256 }, 100), RangeError);
  assert.equal(fragmentMessage(msg, 7).length, 18); // one byte per PDU
});
