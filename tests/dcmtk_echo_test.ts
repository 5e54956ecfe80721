/** C-ECHO with DCMTK both ways. */
import assert from "node:assert/strict";
import { listenAssociations } from "../src/net/association/accept_association.ts";
import { requestAssociation } from "../src/net/association/request_association.ts";
import { freePort, runDcmtk, startDcmtkServer } from "./_dcmtk.ts";
import { requirePeer } from "./_peers.ts";

const VERIFICATION = "1.2.840.10008.1.1";

Deno.test("our C-ECHO SCU against DCMTK storescp", async () => {
  if (!requirePeer("dcmdump")) return;
  const port = await freePort();
  const peer = await startDcmtkServer("storescp", ["--aetitle", "STORESCP", String(port)], port);
  try {
    const assoc = await requestAssociation({
      host: "127.0.0.1",
      port,
      callingAeTitle: "DICOMSIM",
      calledAeTitle: "STORESCP",
      contexts: [{ abstractSyntax: VERIFICATION }],
    });
    assert.equal(await assoc.echo(), 0);
    await assoc.release();
  } finally {
    await peer.stop();
  }
});

Deno.test("DCMTK echoscu against our Verification SCP", async () => {
  if (!requirePeer("dcmdump")) return;
  const server = await listenAssociations({
    aeTitle: "DICOMSIM",
    supported: [{
      abstractSyntax: VERIFICATION,
      transferSyntaxes: ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"],
    }],
    onRequest: (request, assoc) => {
      if (request.message.type !== "C-ECHO-RQ") return;
      return assoc.send({
        type: "C-ECHO-RSP",
        messageIdBeingRespondedTo: request.message.messageId,
        affectedSopClassUid: VERIFICATION,
        status: 0,
        hasDataSet: false,
      }, { presentationContextId: request.presentationContextId });
    },
  });
  try {
    const r = await runDcmtk("echoscu", [
      "-aec",
      "DICOMSIM",
      "--repeat",
      "3",
      "127.0.0.1",
      String(server.port),
    ]);
    assert.equal(r.code, 0, r.output);
  } finally {
    await server.close();
  }
});
