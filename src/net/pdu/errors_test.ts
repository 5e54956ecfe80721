import assert from "node:assert/strict";
import { PduDecodeError, PduEncodeError, PduLimitError } from "./errors.ts";

Deno.test("PduDecodeError carries the PDU type, offset and detail", () => {
  const e = new PduDecodeError("item length 3 exceeds remaining 2 bytes", 0x01, 74);
  assert.ok(e instanceof SyntaxError);
  assert.equal(e.name, "PduDecodeError");
  assert.equal(
    e.message,
    "Cannot decode A-ASSOCIATE-RQ: item length 3 exceeds remaining 2 bytes at offset 74",
  );
  assert.equal(e.pduType, 1);
  assert.equal(e.offset, 74);
  assert.equal(e.detail, "item length 3 exceeds remaining 2 bytes");
  assert.match(new PduDecodeError("x", 0x0b, 0).message, /^Cannot decode UNKNOWN\(0x0B\): x/);
});

Deno.test("PduLimitError is a RangeError naming the option and limit", () => {
  const e = new PduLimitError(0x01, 2_000_000, "maxOtherPduLength", 1_048_576);
  assert.ok(e instanceof RangeError);
  assert.equal(e.name, "PduLimitError");
  assert.equal(
    e.message,
    "Cannot read A-ASSOCIATE-RQ: PDU length 2000000 exceeds maxOtherPduLength 1048576",
  );
  assert.deepEqual([e.pduType, e.pduLength, e.option, e.limit], [
    1,
    2_000_000,
    "maxOtherPduLength",
    1_048_576,
  ]);
});

Deno.test("PduEncodeError is a TypeError naming the PDU", () => {
  const e = new PduEncodeError("scuRole 256 does not fit in 1 byte", "A-ASSOCIATE-AC");
  assert.ok(e instanceof TypeError);
  assert.equal(e.name, "PduEncodeError");
  assert.equal(e.pduName, "A-ASSOCIATE-AC");
  assert.equal(
    e.message,
    "Cannot encode A-ASSOCIATE-AC: scuRole 256 does not fit in 1 byte",
  );
});
