import assert from "node:assert/strict";
import fc from "fast-check";
import { Base64Error, decodeBase64, encodeBase64 } from "./base64.ts";

const enc = new TextEncoder();

Deno.test("encodeBase64 matches the RFC 4648 test vectors", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "Zg=="],
    ["fo", "Zm8="],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg=="],
    ["fooba", "Zm9vYmE="],
    ["foobar", "Zm9vYmFy"],
  ];
  for (const [plain, coded] of vectors) {
    assert.equal(encodeBase64(enc.encode(plain)), coded);
    assert.deepEqual(decodeBase64(coded), enc.encode(plain));
  }
});

Deno.test("encodeBase64 agrees with btoa on random bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const expected = btoa(String.fromCharCode(...bytes));
      assert.equal(encodeBase64(bytes), expected);
    }),
  );
});

Deno.test("decodeBase64 inverts encodeBase64", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.deepEqual(decodeBase64(encodeBase64(bytes)), bytes);
    }),
  );
});

Deno.test("decodeBase64 accepts missing padding and ASCII whitespace like atob", () => {
  assert.deepEqual(decodeBase64("Zm9vYg"), enc.encode("foob"));
  assert.deepEqual(decodeBase64("Zm9v\r\nYmE ="), enc.encode("fooba"));
  assert.deepEqual(decodeBase64("/+8="), new Uint8Array([0xff, 0xef]));
});

Deno.test("decodeBase64 rejects characters outside the alphabet and impossible lengths", () => {
  assert.throws(
    () => decodeBase64("Zm9*"),
    (e: unknown) => e instanceof Base64Error && e.offset === 3,
  );
  assert.throws(() => decodeBase64("Zm9vY"), Base64Error);
  assert.throws(() => decodeBase64("Z==="), Base64Error);
  assert.throws(() => decodeBase64("Zm-v"), Base64Error);
  assert.throws(() => decodeBase64("Zm\u0100v"), Base64Error);
});

Deno.test("encodeBase64 and decodeBase64 handle a few megabytes quickly", () => {
  const bytes = new Uint8Array(4 << 20);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
  const start = performance.now();
  const text = encodeBase64(bytes);
  const back = decodeBase64(text);
  const ms = performance.now() - start;
  assert.equal(text.length, Math.ceil(bytes.length / 3) * 4);
  assert.deepEqual(back.subarray(0, 1000), bytes.subarray(0, 1000));
  assert.equal(back.length, bytes.length);
  assert.ok(ms < 2000, `took ${ms} ms`);
});
