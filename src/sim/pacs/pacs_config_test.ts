import assert from "node:assert/strict";
import {
  DEFAULT_PACS_CONFIG,
  PacsConfigError,
  parsePacsConfig,
  parsePeerAddress,
} from "./pacs_config.ts";

Deno.test("parsePacsConfig fills every default from an empty object", () => {
  assert.deepEqual(parsePacsConfig({}), {
    ...DEFAULT_PACS_CONFIG,
    callingAeTitles: undefined,
    maxPduLength: undefined,
    maxAssociations: undefined,
    transferSyntaxes: undefined,
    storeTransferSyntax: undefined,
  });
});

Deno.test("parsePacsConfig reads destinations, extra keys, commitment and faults", () => {
  const config = parsePacsConfig({
    aeTitle: "PACS",
    destinations: { STORESCP: { host: "10.0.0.1", port: 104 }, OTHER: "h:11113" },
    extraKeys: ["BodyPartExamined", "(0009,0010)"],
    duplicates: "reject",
    duplicateStatus: "0xA700",
    storageCommitment: { report: "new", failInstances: ["1.2"] },
    faults: [{ type: "delay", command: "C-FIND-RQ", ms: 5 }],
  });
  assert.deepEqual(config.destinations, {
    STORESCP: { host: "10.0.0.1", port: 104 },
    OTHER: { host: "h", port: 11113 },
  });
  assert.deepEqual(config.extraKeys, [0x00180015, 0x00090010]);
  assert.equal(config.duplicateStatus, 0xa700);
  assert.equal(config.storageCommitment.report, "new");
  assert.equal(config.faults[0].type, "delay");
});

Deno.test("parsePacsConfig names the bad field", () => {
  const field = (json: unknown) => {
    try {
      parsePacsConfig(json);
    } catch (error) {
      assert.ok(error instanceof PacsConfigError);
      return error.field;
    }
    return undefined;
  };
  assert.equal(field({ port: 70000 }), "port");
  assert.equal(field({ colour: "red" }), "colour");
  assert.equal(field({ aeTitle: "MUCH_TOO_LONG_AE_TITLE" }), "aeTitle");
  assert.equal(field({ destinations: { X: { host: "h" } } }), "destinations.X.port");
  assert.equal(field({ duplicates: "merge" }), "duplicates");
  assert.equal(field({ extraKeys: ["NoSuchKeyword"] }), "extraKeys[0]");
  assert.equal(field({ worklist: [1] }), "worklist[0]");
  assert.equal(field({ faults: [{ type: "status" }] }), "faults[0].status");
  assert.equal(field({ faults: [{ type: "delay", ms: 1, colour: 1 }] }), "faults[0].colour");
  assert.equal(field([]), "(root)");
  assert.equal(field({ transferSyntaxes: ["1.2.840.10008.1.2", "Bogus"] }), "transferSyntaxes[1]");
  assert.equal(field({ transferSyntaxes: [] }), "transferSyntaxes");
  assert.equal(field({ queryMethod: "sql" }), "queryMethod");
  assert.equal(field({ getScpRole: "maybe" }), "getScpRole");
  assert.equal(field({ sopClasses: { "not a uid": {} } }), "sopClasses.not a uid");
  assert.equal(field({ sopClasses: { "1.2.3.4": {} } }), "sopClasses.1.2.3.4");
  assert.equal(
    field({ sopClasses: { CTImageStorage: { transferSyntaxes: ["CTImageStorage"] } } }),
    "sopClasses.CTImageStorage.transferSyntaxes[0]",
  );
  assert.equal(
    field({ sopClasses: { CTImageStorage: { transferSyntaxes: ["*", "*"] } } }),
    "sopClasses.CTImageStorage.transferSyntaxes[1]",
  );
  assert.equal(
    field({ sopClasses: { "1.2.840.10008.1.1": { getScpRole: "accept" } } }),
    "sopClasses.1.2.840.10008.1.1.getScpRole",
  );
  assert.equal(
    field({ sopClasses: { CTImageStorage: { colour: 1 } } }),
    "sopClasses.CTImageStorage.colour",
  );
  assert.equal(
    field({ sopClasses: { CTImageStorage: {}, "1.2.840.10008.5.1.4.1.1.2": {} } }),
    "sopClasses.1.2.840.10008.5.1.4.1.1.2",
  );
});

Deno.test("parsePacsConfig reads per-SOP-class transfer syntaxes and roles, by UID or keyword", () => {
  const config = parsePacsConfig({
    transferSyntaxes: ["ExplicitVRLittleEndian", "1.2.840.10008.1.2"],
    getScpRole: "refuse",
    queryMethod: "negotiated",
    sopClasses: {
      CTImageStorage: {
        transferSyntaxes: ["JPEGLossless", "ImplicitVRLittleEndian", "*"],
        getScpRole: "accept",
      },
      "1.2.840.10008.5.1.4.1.2.2.1": { transferSyntaxes: ["1.2.840.10008.1.2"] },
    },
  });
  assert.deepEqual(config.transferSyntaxes, ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"]);
  assert.equal(config.getScpRole, "refuse");
  assert.equal(config.queryMethod, "negotiated");
  assert.deepEqual(config.sopClasses, {
    "1.2.840.10008.5.1.4.1.1.2": {
      transferSyntaxes: ["1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2", "*"],
      getScpRole: "accept",
    },
    "1.2.840.10008.5.1.4.1.2.2.1": { transferSyntaxes: ["1.2.840.10008.1.2"] },
  });
});

Deno.test("parsePeerAddress rejects what is not HOST:PORT", () => {
  assert.throws(() => parsePeerAddress("nohost", "p"), PacsConfigError);
  assert.throws(() => parsePeerAddress("h:0", "p"), PacsConfigError);
});

Deno.test("parsePacsConfig accepts known presets and names an unknown one", () => {
  assert.deepEqual(parsePacsConfig({ presets: ["orthanc-pn"] }).presets, ["orthanc-pn"]);
  assert.throws(() => parsePacsConfig({ presets: ["dcm4chee"] }), /presets\[0\]/);
});

Deno.test("parsePacsConfig: storeTransferSyntax takes a transfer syntax UID or keyword, named when wrong", () => {
  const config = parsePacsConfig({
    storeTransferSyntax: "JPEGLSLossless",
    storeTranscodeFailure: "fail",
  });
  assert.equal(config.storeTransferSyntax, "1.2.840.10008.1.2.4.80");
  assert.equal(config.storeTranscodeFailure, "fail");
  assert.equal(parsePacsConfig({}).storeTranscodeFailure, "keep");
  assert.throws(
    () => parsePacsConfig({ storeTransferSyntax: "CTImageStorage" }),
    (e: PacsConfigError) =>
      e.field === "storeTransferSyntax[0]" || e.field === "storeTransferSyntax",
  );
});
