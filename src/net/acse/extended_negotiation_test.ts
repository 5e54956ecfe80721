import assert from "node:assert/strict";
import { negotiateSopClassExtended, resolveSpecialization } from "./extended_negotiation.ts";

const CT = "1.2.840.10008.5.1.4.1.1.2";
const FIND = "1.2.840.10008.5.1.4.1.2.2.1";

Deno.test("negotiateSopClassExtended answers through the hook, once per SOP class", () => {
  const proposed = [
    { sopClassUid: FIND, serviceClassApplicationInformation: Uint8Array.of(1, 1) },
    { sopClassUid: FIND, serviceClassApplicationInformation: Uint8Array.of(0) },
    { sopClassUid: CT, serviceClassApplicationInformation: Uint8Array.of(2) },
  ];
  const replies = negotiateSopClassExtended(
    proposed,
    (item) => item.sopClassUid === FIND ? Uint8Array.of(1, 0) : undefined,
  );
  assert.deepEqual(replies, [
    { sopClassUid: FIND, serviceClassApplicationInformation: Uint8Array.of(1, 0) },
  ]);
  assert.deepEqual(negotiateSopClassExtended(proposed, undefined), []);
});

Deno.test("resolveSpecialization maps to the first supported related general SOP class", () => {
  const items = [{
    sopClassUid: "1.2.3.4.5",
    serviceClassUid: "1.2.840.10008.4.2",
    relatedGeneralSopClassUids: ["1.9.9", CT],
  }];
  const supported = [{ abstractSyntax: CT, transferSyntaxes: ["1.2.840.10008.1.2"] }];
  assert.equal(resolveSpecialization("1.2.3.4.5", items, supported, () => true), supported[0]);
  assert.equal(resolveSpecialization("1.2.3.4.5", items, supported, () => false), undefined);
  assert.equal(resolveSpecialization("1.2.3.4.5", items, supported, undefined), undefined);
  assert.equal(resolveSpecialization("1.2.3.4.6", items, supported, () => true), undefined);
});
