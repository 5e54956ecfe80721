import assert from "node:assert/strict";
import fc from "fast-check";
import { PduReader } from "./pdu_reader.ts";
import { readPdu } from "./read_pdu.ts";
import { writePdu } from "./write_pdu.ts";
import { PduDecodeError, PduLimitError } from "./errors.ts";
import type { PDataTfPdu, Pdu } from "./pdu_types.ts";
import { pduArb } from "./_arbitrary_pdu.ts";
import {
  ECHOSCU_ASSOCIATE_RQ,
  ECHOSCU_C_ECHO_RQ,
  ECHOSCU_RELEASE_RQ,
  STORESCP_ASSOCIATE_AC,
  STORESCP_C_ECHO_RSP,
  STORESCP_RELEASE_RP,
} from "./_dcmtk_fixtures.ts";

const NO_LIMITS = { maxPduLength: 0, maxOtherPduLength: 0 };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The PDUs of `stream` read one after the other with readPdu. */
function readAll(stream: Uint8Array): Pdu[] {
  const out: Pdu[] = [];
  for (let at = 0; at < stream.length;) {
    const r = readPdu(stream.subarray(at), NO_LIMITS)!;
    out.push(r.pdu);
    at += r.length;
  }
  return out;
}

// The whole echo session, both directions interleaved as they happened.
const SESSION = concat([
  ECHOSCU_ASSOCIATE_RQ,
  STORESCP_ASSOCIATE_AC,
  ECHOSCU_C_ECHO_RQ,
  STORESCP_C_ECHO_RSP,
  ECHOSCU_RELEASE_RQ,
  STORESCP_RELEASE_RP,
]);
const SESSION_PDUS = readAll(SESSION);

Deno.test("PduReader returns every PDU of a stream split at any byte", () => {
  for (let cut = 0; cut <= SESSION.length; cut++) {
    const reader = new PduReader();
    const pdus = [...reader.push(SESSION.subarray(0, cut)), ...reader.push(SESSION.subarray(cut))];
    assert.deepEqual(pdus, SESSION_PDUS, `cut at ${cut}`);
    assert.equal(reader.bufferedLength, 0);
  }
});

Deno.test("PduReader handles one-byte chunks and the whole session in one chunk", () => {
  const reader = new PduReader();
  const pdus: Pdu[] = [];
  for (const b of SESSION) pdus.push(...reader.push(Uint8Array.of(b)));
  assert.deepEqual(pdus, SESSION_PDUS);
  assert.deepEqual([...new PduReader().push(SESSION)], SESSION_PDUS);
});

Deno.test("PduReader decodes a PDU inside one chunk without copying it", () => {
  const chunk = concat([ECHOSCU_RELEASE_RQ, ECHOSCU_C_ECHO_RQ, ECHOSCU_RELEASE_RQ.subarray(0, 3)]);
  const reader = new PduReader();
  const [release, data] = [...reader.push(chunk)];
  assert.deepEqual(release, { type: "A-RELEASE-RQ" });
  assert.equal((data as PDataTfPdu).pdvs[0].data.buffer, chunk.buffer);
  assert.equal(reader.bufferedLength, 3);
  assert.equal(reader.read(), undefined);
});

Deno.test("PduReader refuses an oversized PDU from its header, before buffering the body", () => {
  const reader = new PduReader({ maxPduLength: 16384 });
  // A P-DATA-TF announcing 100 MB: the first 6 bytes are enough to refuse it.
  const header = Uint8Array.of(0x04, 0, 0x05, 0xf5, 0xe1, 0x00);
  assert.deepEqual([...reader.push(ECHOSCU_RELEASE_RQ).push(header.subarray(0, 4))], [{
    type: "A-RELEASE-RQ",
  }]);
  assert.throws(() => [...reader.push(header.subarray(4))], (e: unknown) => {
    assert.ok(e instanceof PduLimitError && e instanceof RangeError);
    assert.equal(
      e.message,
      "Cannot read P-DATA-TF: PDU length 100000000 exceeds maxPduLength 16384",
    );
    assert.equal(e.option, "maxPduLength");
    return true;
  });
  assert.equal(reader.bufferedLength, 0, "nothing kept");
  reader.push(new Uint8Array(1000));
  assert.equal(reader.bufferedLength, 0, "later chunks are dropped");
  assert.throws(() => reader.read(), PduLimitError);
});

Deno.test("PduReader applies maxPduLength to P-DATA-TF and maxOtherPduLength to the rest", () => {
  const reader = new PduReader({ maxPduLength: 74, maxOtherPduLength: 200 });
  assert.equal([...reader.push(ECHOSCU_C_ECHO_RQ)].length, 1, "74 is allowed");
  assert.throws(() => reader.push(STORESCP_C_ECHO_RSP).read(), /exceeds maxPduLength 74/);
  const other = new PduReader({ maxPduLength: 1, maxOtherPduLength: 200 });
  assert.throws(() => other.push(ECHOSCU_ASSOCIATE_RQ).read(), /exceeds maxOtherPduLength 200/);
  const changed = new PduReader({ maxPduLength: 10 });
  changed.maxPduLength = 0; // e.g. after negotiating "no maximum"
  assert.equal([...changed.push(ECHOSCU_C_ECHO_RQ)].length, 1);
});

Deno.test("PduReader reports a malformed PDU after the ones before it, then goes on", () => {
  const bad = Uint8Array.of(5, 0, 0, 0, 0, 2, 0, 0);
  const reader = new PduReader();
  const seen: Pdu[] = [];
  assert.throws(() => {
    for (const pdu of reader.push(concat([ECHOSCU_RELEASE_RQ, bad, STORESCP_RELEASE_RP]))) {
      seen.push(pdu);
    }
  }, PduDecodeError);
  assert.deepEqual(seen, [{ type: "A-RELEASE-RQ" }]);
  assert.deepEqual([...reader], [{ type: "A-RELEASE-RP" }]);
});

Deno.test("PduReader gives the same PDUs as readPdu for random PDUs in random chunks", () => {
  fc.assert(
    fc.property(
      fc.array(pduArb, { minLength: 1, maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      (pdus, cuts) => {
        const stream = concat(pdus.map(writePdu));
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
        const reader = new PduReader(NO_LIMITS);
        const out: Pdu[] = [];
        let last = 0;
        for (const p of [...points, stream.length]) {
          out.push(...reader.push(stream.subarray(last, p)));
          last = p;
        }
        assert.deepEqual(out, pdus);
        assert.equal(reader.bufferedLength, 0);
      },
    ),
    { numRuns: 300 },
  );
});
