import assert from "node:assert/strict";
import {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  transferSyntax,
  transferSyntaxOrThrow,
  UnknownTransferSyntaxError,
} from "./transfer_syntax.ts";
import { lookupUid, uidsOfType } from "./uid_registry.ts";

Deno.test("transferSyntax knows every transfer syntax of the registry, with flags from its name", () => {
  const all = uidsOfType("Transfer Syntax");
  assert.equal(all.length, 63); // 59 in uids.json + 4 supplementary
  for (const entry of all) {
    const ts = transferSyntax(entry.uid);
    assert.ok(ts !== undefined, entry.uid);
    assert.equal(ts.keyword, entry.keyword);
    assert.equal(ts.name, entry.name);
    assert.equal(ts.retired, entry.retired);
    assert.equal(transferSyntax(entry.keyword), ts);
    // Expectations derived independently from the PS3.6 names.
    const n = entry.name;
    assert.equal(ts.explicitVr, !n.includes("Implicit VR"), `${n} explicitVr`);
    assert.equal(ts.littleEndian, !n.includes("Big Endian"), `${n} littleEndian`);
    // Deflated Image Frame Compression deflates frames (encapsulated), not the data set.
    assert.equal(ts.deflated, /Deflate/.test(n) && !/Image Frame/.test(n), `${n} deflated`);
    const native = /^(Implicit VR|Explicit VR|Deflated Explicit VR|Papyrus 3)/.test(n);
    const outside = /^(JPIP|SMPTE ST 2110)/.test(n); // PS3.5 8.4 and A.8-A.10: no Pixel Data in the data set
    assert.equal(ts.encapsulated, !native && !outside, `${n} encapsulated`);
  }
});

Deno.test("transferSyntax flags the well-known transfer syntaxes", () => {
  const flags = (uid: string) => {
    const ts = transferSyntaxOrThrow(uid);
    return [ts.explicitVr, ts.littleEndian, ts.deflated, ts.encapsulated];
  };
  assert.deepEqual(flags("1.2.840.10008.1.2"), [false, true, false, false]);
  assert.deepEqual(flags("1.2.840.10008.1.2.1"), [true, true, false, false]);
  assert.deepEqual(flags("1.2.840.10008.1.2.1.98"), [true, true, false, true]);
  assert.deepEqual(flags("1.2.840.10008.1.2.1.99"), [true, true, true, false]);
  assert.deepEqual(flags("1.2.840.10008.1.2.2"), [true, false, false, false]);
  assert.deepEqual(flags("1.2.840.10008.1.2.4.50"), [true, true, false, true]);
  assert.deepEqual(flags("1.2.840.10008.1.2.4.70"), [true, true, false, true]);
  assert.deepEqual(flags("1.2.840.10008.1.2.4.90"), [true, true, false, true]);
  assert.deepEqual(flags("1.2.840.10008.1.2.4.201"), [true, true, false, true]);
  assert.deepEqual(flags("1.2.840.10008.1.2.5"), [true, true, false, true]);
  assert.deepEqual(flags("1.2.840.10008.1.2.4.100"), [true, true, false, true]);
  assert.deepEqual(flags("1.2.840.10008.1.2.4.94"), [true, true, false, false]);
  assert.deepEqual(flags("1.2.840.10008.1.2.4.95"), [true, true, true, false]);
  assert.deepEqual(flags("1.2.840.10008.1.20"), [false, true, false, false]);
});

Deno.test("only Implicit VR Little Endian and Papyrus 3 are implicit, only 1.2.840.10008.1.2.2 big endian", () => {
  const all = uidsOfType("Transfer Syntax").map((e) => transferSyntax(e.uid)!);
  assert.deepEqual(all.filter((t) => !t.explicitVr).map((t) => t.uid), [
    "1.2.840.10008.1.2",
    "1.2.840.10008.1.20",
  ]);
  assert.deepEqual(all.filter((t) => !t.littleEndian).map((t) => t.uid), ["1.2.840.10008.1.2.2"]);
});

Deno.test("the transfer syntax constants are the registry's objects", () => {
  for (
    const constant of [
      IMPLICIT_VR_LITTLE_ENDIAN,
      EXPLICIT_VR_LITTLE_ENDIAN,
      EXPLICIT_VR_BIG_ENDIAN,
      DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
    ]
  ) {
    assert.equal(transferSyntax(constant.uid), constant);
    const entry = lookupUid(constant.uid);
    assert.equal(constant.keyword, entry?.keyword);
    assert.equal(constant.name, entry?.name);
    assert.equal(constant.retired, entry?.retired);
    assert.ok(Object.isFrozen(constant));
  }
});

Deno.test("transferSyntax accepts keywords and tolerates NUL or space padding", () => {
  assert.equal(transferSyntax("ExplicitVRLittleEndian"), EXPLICIT_VR_LITTLE_ENDIAN);
  assert.equal(transferSyntax("1.2.840.10008.1.2.1\0"), EXPLICIT_VR_LITTLE_ENDIAN);
  assert.equal(transferSyntax("1.2.840.10008.1.2 "), IMPLICIT_VR_LITTLE_ENDIAN);
  assert.equal(transferSyntax(" 1.2.840.10008.1.2.2 \0"), EXPLICIT_VR_BIG_ENDIAN);
});

Deno.test("transferSyntax returns undefined for other UIDs", () => {
  assert.equal(transferSyntax("1.2.3"), undefined);
  assert.equal(transferSyntax("1.2.840.113619.5.2"), undefined); // GE private implicit big endian
  assert.equal(transferSyntax("1.2.840.10008.1.1"), undefined); // a SOP class, not a transfer syntax
  assert.equal(transferSyntax("CTImageStorage"), undefined);
  assert.equal(transferSyntax(""), undefined);
});

Deno.test("transferSyntaxOrThrow throws UnknownTransferSyntaxError with the UID", () => {
  assert.equal(transferSyntaxOrThrow("1.2.840.10008.1.2.1.99"), DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
  assert.throws(
    () => transferSyntaxOrThrow("1.2.3\0"),
    (error: unknown) => {
      assert.ok(error instanceof UnknownTransferSyntaxError);
      assert.ok(error instanceof Error);
      assert.equal(error.uid, "1.2.3");
      assert.equal(error.message, "Unknown transfer syntax: 1.2.3");
      assert.equal(error.name, "UnknownTransferSyntaxError");
      return true;
    },
  );
});
