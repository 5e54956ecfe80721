// dcmjs-dimse side of bench/store_bench.ts, run with node (CommonJS):
//   node _dcmjs_dimse_store.cjs scu HOST PORT CALLED_AET FILE...   sends the files, prints the time
//   node _dcmjs_dimse_store.cjs scp PORT OUT_DIR|-                 stores (or with "-" discards)
// DCMJS_DIMSE_DIR names the node_modules folder that holds dcmjs-dimse.
"use strict";
const path = require("node:path");
const dimse = require(path.join(process.env.DCMJS_DIMSE_DIR || "node_modules", "dcmjs-dimse"));
const { Client, Server, Scp } = dimse;
dimse.log.setLevel(process.env.DCMJS_DIMSE_LOG || "error");
const { CStoreRequest } = dimse.requests;
const { CEchoResponse, CStoreResponse } = dimse.responses;
const { Status, PresentationContextResult, TransferSyntax } = dimse.constants;

const [mode, ...args] = process.argv.slice(2);
if (mode === "scu") {
  const [host, port, called, ...files] = args;
  const client = new Client();
  let failed = 0;
  for (const file of files) {
    const request = new CStoreRequest(file);
    request.on("response", (response) => {
      if (response.getStatus() !== Status.Success) failed++;
    });
    client.addRequest(request);
  }
  const start = process.hrtime.bigint();
  client.on("networkError", (e) => {
    console.error("network error", e);
    process.exitCode = 1;
  });
  client.on("closed", () => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(JSON.stringify({ ms, failed }));
    if (failed) process.exitCode = 1;
  });
  client.send(host, Number(port), "DCMJSDIMSE", called);
} else if (mode === "scp") {
  const [port, out] = args;
  class StoreScp extends Scp {
    associationRequested(association) {
      this.association = association;
      for (const c of association.getPresentationContexts()) {
        const context = association.getPresentationContext(c.id);
        const syntaxes = context.getTransferSyntaxUids();
        const chosen = [
          TransferSyntax.ExplicitVRLittleEndian,
          TransferSyntax.ImplicitVRLittleEndian,
        ]
          .find((ts) => syntaxes.includes(ts));
        if (chosen) context.setResult(PresentationContextResult.Accept, chosen);
        else context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
      }
      this.sendAssociationAccept();
    }
    cEchoRequest(request, callback) {
      const response = CEchoResponse.fromRequest(request);
      response.setStatus(Status.Success);
      callback(response);
    }
    cStoreRequest(request, callback) {
      if (out !== "-") {
        const dataset = request.getDataset();
        const uid = request.getAffectedSopInstanceUid();
        dataset.toFile(path.join(out, `${uid}.dcm`));
      }
      const response = CStoreResponse.fromRequest(request);
      response.setStatus(Status.Success);
      callback(response);
    }
    associationReleaseRequested() {
      this.sendAssociationReleaseResponse();
    }
  }
  const server = new Server(StoreScp);
  server.on("networkError", (e) => console.error("network error", e));
  server.listen(Number(port));
  console.log("listening");
  process.on("SIGTERM", () => {
    server.close();
    process.exit(0);
  });
} else {
  console.error("usage: _dcmjs_dimse_store.cjs scu HOST PORT AET FILE... | scp PORT OUT_DIR|-");
  process.exit(2);
}
