/**
 * Deep comparison of two data sets by decoded value (not by encoding), for round-trip tests.
 * @module
 */
import assert from "node:assert/strict";
import type { DataSet } from "../src/core/dataset.ts";
import { formatTag, isPrivateTag } from "../src/core/tag.ts";
import { VR_INFO } from "../src/core/vr.ts";

/** Asserts that `actual` has the same elements, VRs and values as `expected`. */
export function assertSameDataSet(
  actual: DataSet,
  expected: DataSet,
  where: string,
  path = "",
): void {
  const a = actual.elements().map((e) => e.tag);
  const b = expected.elements().map((e) => e.tag);
  assert.deepEqual(a.map(formatTag), b.map(formatTag), `${where}: tags differ at ${path || "top"}`);
  for (const e of expected.elements()) {
    const f = actual.get(e.tag)!;
    // Group lengths (gggg,0000) are recomputed by the writer; real files sometimes have them wrong.
    if ((e.tag & 0xffff) === 0) continue;
    const at = `${where}: ${path}${formatTag(e.tag)}`;
    if (f.vr === "UN" && e.vr !== "UN" && isPrivateTag(e.tag) && e.hasRawBytes) {
      // Written in implicit VR, a private element the dictionaries do not know comes back as UN.
      const le = e.bytesLittleEndian()!;
      assert.deepEqual(plain(f.bytes!).subarray(0, le.length), plain(le), `${at}: UN bytes`);
      continue;
    }
    // Implicit VR has no OB: ambiguous "OB or OW" elements come back as OW with the same bytes.
    const pair = [f.vr, e.vr].sort().join(" ");
    const obOw = pair === "OB OW" || pair === "OW US";
    if (!obOw) assert.equal(f.vr, e.vr, `${at}: VR`);
    const kind = VR_INFO[e.vr].kind;
    if (kind === "sequence") {
      assert.equal(f.items.length, e.items.length, `${at}: item count`);
      e.items.forEach((item, i) =>
        assertSameDataSet(f.items[i], item, where, `${path}${formatTag(e.tag)}[${i}].`)
      );
    } else if (e.fragments) {
      assert.ok(f.fragments, `${at}: fragments`);
      assert.deepEqual(
        f.fragments.fragments.length,
        e.fragments.fragments.length,
        `${at}: fragment count`,
      );
      e.fragments.fragments.forEach((frag, i) =>
        assert.deepEqual(plain(f.fragments!.fragments[i]), plain(frag))
      );
    } else if (kind === "text") {
      assert.deepEqual(actual.getStrings(e.tag), expected.getStrings(e.tag), `${at}: text`);
    } else if (kind === "bytes" || pair === "OW US") {
      const x = f.bytesLittleEndian() ?? new Uint8Array(0);
      const y = e.bytesLittleEndian() ?? new Uint8Array(0);
      // A value written with an even-length pad byte may be one byte longer.
      assert.ok(x.length === y.length || x.length === y.length + 1, `${at}: length`);
      assert.deepEqual(plain(x.subarray(0, y.length)), plain(y), `${at}: bytes`);
    } else {
      assert.deepEqual(f.numbers(), e.numbers(), `${at}: numbers`);
    }
  }
}

function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
