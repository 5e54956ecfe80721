import assert from "node:assert/strict";
import fc from "fast-check";
import { PduLimitError } from "./errors.ts";
import { PduFramer } from "./pdu_framer.ts";

function pdu(type: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(6 + body.length);
  out[0] = type;
  new DataView(out.buffer).setUint32(2, body.length);
  out.set(body, 6);
  return out;
}

Deno.test("PduFramer: any split of a stream gives back the same PDUs", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ type: fc.integer({ min: 1, max: 7 }), body: fc.uint8Array({ maxLength: 40 }) }),
        {
          maxLength: 8,
        },
      ),
      fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 10 }),
      (pdus, cuts) => {
        const encoded = pdus.map((p) => pdu(p.type, p.body));
        const stream = new Uint8Array(encoded.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of encoded) {
          stream.set(p, at);
          at += p.length;
        }
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
        const framer = new PduFramer();
        const out: Uint8Array[] = [];
        let from = 0;
        for (const p of [...points, stream.length]) {
          out.push(...[...framer.push(stream.subarray(from, p))].map((x) => x.slice()));
          from = p;
        }
        assert.deepEqual(out, encoded);
        assert.equal(framer.bufferedLength, 0);
      },
    ),
  );
});

Deno.test("PduFramer: a header over the limit throws PduLimitError, then always", () => {
  const framer = new PduFramer({ maxPduLength: 10 });
  assert.throws(() => [...framer.push(pdu(4, new Uint8Array(11)))], PduLimitError);
  assert.throws(() => [...framer.push(new Uint8Array(1))], PduLimitError);
});
