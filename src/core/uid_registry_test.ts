import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { uidRows } from "./_generated/uid_data.ts";
import {
  isStorageSopClass,
  lookupUid,
  uidFromKeyword,
  uidName,
  uidsOfType,
} from "./uid_registry.ts";

const STANDARD = new URL("../../../shared/standard/", import.meta.url);

Deno.test("lookupUid finds a registered UID with all its fields", () => {
  assert.deepEqual(lookupUid("1.2.840.10008.1.2"), {
    uid: "1.2.840.10008.1.2",
    keyword: "ImplicitVRLittleEndian",
    name: "Implicit VR Little Endian",
    type: "Transfer Syntax",
    info: "Default Transfer Syntax for DICOM",
    retired: false,
  });
  assert.equal(lookupUid("1.2.840.10008.1.2.2")?.retired, true);
  assert.equal(lookupUid("1.2.840.10008.3.1.1.1")?.type, "Application Context Name");
});

Deno.test("lookupUid ignores NUL and space padding", () => {
  assert.equal(lookupUid("1.2.840.10008.1.1\0")?.keyword, "Verification");
  assert.equal(lookupUid("1.2.840.10008.1.1 ")?.keyword, "Verification");
  assert.equal(lookupUid("1.2.3.4"), undefined);
  assert.equal(lookupUid(""), undefined);
});

Deno.test("uidFromKeyword maps keywords to UIDs", () => {
  assert.equal(uidFromKeyword("ExplicitVRLittleEndian"), "1.2.840.10008.1.2.1");
  assert.equal(uidFromKeyword("CTImageStorage"), "1.2.840.10008.5.1.4.1.1.2");
  assert.equal(uidFromKeyword("Verification"), "1.2.840.10008.1.1");
  assert.equal(uidFromKeyword("NoSuchThing"), undefined);
  assert.equal(uidFromKeyword(""), undefined);
});

Deno.test("every registered UID round-trips through lookupUid and its keyword", () => {
  for (const [uid, keyword, name] of uidRows()) {
    assert.equal(lookupUid(uid)?.uid, uid);
    if (keyword !== "") assert.equal(uidFromKeyword(keyword), uid);
    assert.equal(uidName(uid), name === "" ? uid : name);
  }
});

Deno.test("uidName falls back to the UID itself", () => {
  assert.equal(uidName("1.2.840.10008.5.1.4.1.1.2"), "CT Image Storage");
  assert.equal(uidName("1.2.826.0.1.3680043.2.1143"), "1.2.826.0.1.3680043.2.1143");
  // Two retired SOP classes are registered without a name.
  assert.equal(uidName("1.2.840.10008.5.1.4.1.1.40"), "1.2.840.10008.5.1.4.1.1.40");
});

Deno.test("isStorageSopClass accepts every storage SOP class of sops.json", () => {
  const sops = JSON.parse(readFileSync(new URL("sops.json", STANDARD), "utf8")) as { id: string }[];
  assert.ok(sops.length > 100);
  for (const sop of sops) assert.ok(isStorageSopClass(sop.id), sop.id);
});

Deno.test("isStorageSopClass accepts retired, trial and For Presentation storage classes", () => {
  assert.ok(isStorageSopClass(uidFromKeyword("DigitalXRayImageStorageForPresentation")!));
  assert.ok(isStorageSopClass(uidFromKeyword("UltrasoundImageStorageRetired")!));
  assert.ok(isStorageSopClass(uidFromKeyword("VLImageStorageTrial")!));
  assert.ok(isStorageSopClass(uidFromKeyword("EddyCurrentImageStorage")!));
  assert.ok(isStorageSopClass("1.2.840.10008.5.1.4.1.1.2\0"));
});

Deno.test("isStorageSopClass rejects other SOP classes and UIDs", () => {
  assert.equal(isStorageSopClass(uidFromKeyword("StorageCommitmentPushModel")!), false);
  assert.equal(isStorageSopClass(uidFromKeyword("Verification")!), false);
  assert.equal(
    isStorageSopClass(uidFromKeyword("PatientRootQueryRetrieveInformationModelFind")!),
    false,
  );
  assert.equal(isStorageSopClass("1.2.840.10008.1.2.1"), false);
  assert.equal(isStorageSopClass("1.2.3.4"), false);
  const storage = uidsOfType("SOP Class").filter((e) => isStorageSopClass(e.uid));
  assert.equal(storage.length, 205);
});

Deno.test("uidsOfType lists the UIDs of a type", () => {
  const syntaxes = uidsOfType("Transfer Syntax");
  assert.equal(syntaxes.length, 63); // 59 in uids.json + 4 supplementary
  assert.ok(syntaxes.every((e) => e.type === "Transfer Syntax"));
  assert.equal(syntaxes[0].uid, "1.2.840.10008.1.2");
  assert.equal(uidsOfType("Meta SOP Class").length, 9);
  assert.deepEqual(uidsOfType("No Such Type"), []);
  const total = [...new Set(uidRows().map((r) => r[3]))].reduce(
    (n, t) => n + uidsOfType(t).length,
    0,
  );
  assert.equal(total, uidRows().length);
});
