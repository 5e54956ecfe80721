import assert from "node:assert/strict";
import fc from "fast-check";
import { DataSet } from "../../core/dataset.ts";
import {
  commandHasDataSet,
  decodeCommand,
  encodeCommand,
  peekCommandUint16,
} from "./command_set.ts";
import { DimseDecodeError } from "./errors.ts";

function hex(text: string): Uint8Array {
  const clean = text.replace(/#[^\n]*/g, "").replace(/\s+/g, "");
  return Uint8Array.from(clean.match(/../g)!.map((b) => parseInt(b, 16)));
}

/**
 * The C-ECHO-RQ command set DCMTK's echoscu 3.6.7 sends (captured from the PDV of its P-DATA-TF
 * PDU, context 1, control header 03H), PS3.7 Table 9.3-12, implicit VR little endian.
 */
const ECHOSCU_C_ECHO_RQ = hex(`
  00 00 00 00  04 00 00 00  38 00 00 00   # (0000,0000) UL 4 bytes: Command Group Length 56
  00 00 02 00  12 00 00 00                # (0000,0002) UI 18 bytes: Affected SOP Class UID
  31 2e 32 2e 38 34 30 2e 31 30 30 30 38 2e 31 2e 31 00  # "1.2.840.10008.1.1" + NUL pad
  00 00 00 01  02 00 00 00  30 00         # (0000,0100) US: Command Field 0030H C-ECHO-RQ
  00 00 10 01  02 00 00 00  01 00         # (0000,0110) US: Message ID 1
  00 00 00 08  02 00 00 00  01 01         # (0000,0800) US: Command Data Set Type 0101H (none)
`);

Deno.test("encodeCommand writes echoscu's C-ECHO-RQ byte for byte with the group length computed", () => {
  const ds = new DataSet();
  ds.set("AffectedSOPClassUID", "1.2.840.10008.1.1");
  ds.set("CommandField", 0x0030);
  ds.set("MessageID", 1);
  ds.set("CommandDataSetType", 0x0101);
  assert.deepEqual(encodeCommand(ds), ECHOSCU_C_ECHO_RQ);
});

Deno.test("encodeCommand recomputes a wrong Command Group Length", () => {
  const ds = decodeCommand(ECHOSCU_C_ECHO_RQ);
  ds.set("CommandGroupLength", 999);
  assert.deepEqual(encodeCommand(ds), ECHOSCU_C_ECHO_RQ);
});

Deno.test("decodeCommand reads echoscu's C-ECHO-RQ and encodeCommand writes it back", () => {
  const ds = decodeCommand(ECHOSCU_C_ECHO_RQ);
  assert.equal(ds.getNumber("CommandGroupLength"), 56);
  assert.equal(ds.getString("AffectedSOPClassUID"), "1.2.840.10008.1.1");
  assert.equal(ds.getNumber("CommandField"), 0x0030);
  assert.equal(ds.getNumber("MessageID"), 1);
  assert.equal(ds.getNumber("CommandDataSetType"), 0x0101);
  assert.deepEqual(encodeCommand(ds), ECHOSCU_C_ECHO_RQ);
});

Deno.test("decodeCommand rejects empty, truncated and explicit VR bytes with the offset", () => {
  assert.throws(() => decodeCommand(new Uint8Array(0)), (e: unknown) => {
    return e instanceof DimseDecodeError && e.offset === 0;
  });
  assert.throws(() => decodeCommand(ECHOSCU_C_ECHO_RQ.subarray(0, 65)), (e: unknown) => {
    return e instanceof DimseDecodeError && e.offset === 58 && /offset 58/.test(e.message);
  });
  // (0000,0000) UL written in explicit VR
  const explicit = hex("00 00 00 00 55 4c 04 00 0a 00 00 00 00 00 00 01 55 53 02 00 30 00");
  assert.throws(() => decodeCommand(explicit), DimseDecodeError);
});

Deno.test("decodeCommand reports a wrong group length as a warning", () => {
  const bytes = ECHOSCU_C_ECHO_RQ.slice();
  bytes[8] = 0x30;
  const warnings: string[] = [];
  decodeCommand(bytes, { onWarning: (w) => warnings.push(w) });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /Group length \(0000,0000\) is 48/);
});

Deno.test("peekCommandUint16 and commandHasDataSet read without decoding", () => {
  assert.equal(peekCommandUint16(ECHOSCU_C_ECHO_RQ, 0x00000100), 0x0030);
  assert.equal(peekCommandUint16(ECHOSCU_C_ECHO_RQ, 0x00000110), 1);
  assert.equal(peekCommandUint16(ECHOSCU_C_ECHO_RQ, 0x00000002), undefined); // 18 bytes, not US
  assert.equal(peekCommandUint16(ECHOSCU_C_ECHO_RQ, 0x00000900), undefined);
  assert.equal(commandHasDataSet(ECHOSCU_C_ECHO_RQ), false);
  assert.equal(commandHasDataSet(ECHOSCU_C_ECHO_RQ.subarray(0, 60)), undefined);
  assert.equal(commandHasDataSet(hex("00 00 00 08 02 00 00 00 01 00")), true);
  assert.equal(commandHasDataSet(hex("00 00 00 08 02 00 00 00 fe fe")), true);
});

Deno.test("peekCommandUint16 never throws on random bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(0xffffffff), (bytes, tag) => {
      const v = peekCommandUint16(bytes, tag);
      assert.ok(v === undefined || (v >= 0 && v <= 0xffff));
    }),
  );
});

Deno.test("decodeCommand throws only DimseDecodeError on random bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        decodeCommand(bytes);
      } catch (e) {
        assert.ok(e instanceof DimseDecodeError, String(e));
      }
    }),
  );
});
