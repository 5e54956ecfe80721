import assert from "node:assert/strict";
import fc from "fast-check";
import { DEFAULT_UID_ROOT, UidGenerator, UidRootError } from "./uid_generator.ts";

const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

Deno.test("UidGenerator makes valid UIDs under the root, the same for the same seed", () => {
  fc.assert(fc.property(
    fc.oneof(fc.string(), fc.integer()),
    fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 4 }),
    (seed, parts) => {
      const uid = new UidGenerator({ seed }).uid(...parts);
      assert.match(uid, UID);
      assert.ok(uid.length <= 64);
      assert.ok(uid.startsWith(DEFAULT_UID_ROOT + "."));
      assert.equal(new UidGenerator({ seed }).uid(...parts), uid);
    },
  ));
  assert.notEqual(new UidGenerator({ seed: 1 }).uid(1), new UidGenerator({ seed: 2 }).uid(1));
  assert.ok(new UidGenerator({ root: "1.2.3", seed: 1 }).uid(4).startsWith("1.2.3."));
});

Deno.test("UidGenerator refuses an invalid root and a UID beyond 64 characters", () => {
  assert.throws(() => new UidGenerator({ root: "1.02" }), UidRootError);
  assert.throws(() => new UidGenerator({ root: "1.2." }), UidRootError);
  assert.throws(
    () => new UidGenerator({ root: "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17" }),
    UidRootError,
  );
  const uids = new UidGenerator({ root: "1.2.3.4.5.6.7.8.9.10.11.12.13.14" });
  assert.throws(() => uids.uid(123456789, 123456789, 123456789), UidRootError);
});
