import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TransportError } from "./errors.ts";
import { connectTls, listenTls } from "./tls.ts";
import type { Transport, TransportCloseInfo } from "./transport.ts";

interface TestPki {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  otherCa: string;
}

/** A throwaway CA, a server certificate for 127.0.0.1 and a client certificate, made now. */
function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-tls-"));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  const newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  try {
    for (const ca of ["ca", "other-ca"]) {
      openssl(
        "req",
        "-x509",
        ...newKey,
        "-keyout",
        path(`${ca}.key`),
        "-out",
        path(`${ca}.pem`),
        "-days",
        "2",
        "-subj",
        `/CN=dicomsim test ${ca}`,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
      );
    }
    const leaf = (name: string, ext: string) => {
      openssl(
        "req",
        ...newKey,
        "-keyout",
        path(`${name}.key`),
        "-out",
        path(`${name}.csr`),
        "-subj",
        `/CN=dicomsim test ${name}`,
      );
      writeFileSync(path(`${name}.ext`), ext);
      openssl(
        "x509",
        "-req",
        "-in",
        path(`${name}.csr`),
        "-CA",
        path("ca.pem"),
        "-CAkey",
        path("ca.key"),
        "-CAcreateserial",
        "-out",
        path(`${name}.pem`),
        "-days",
        "2",
        "-extfile",
        path(`${name}.ext`),
      );
    };
    const common = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n";
    leaf(
      "server",
      common + "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n",
    );
    leaf("client", common + "extendedKeyUsage=clientAuth\nsubjectAltName=DNS:modality.test\n");
    const read = (name: string) => readFileSync(path(name), "utf8");
    return {
      ca: read("ca.pem"),
      serverCert: read("server.pem"),
      serverKey: read("server.key"),
      clientCert: read("client.pem"),
      clientKey: read("client.key"),
      otherCa: read("other-ca.pem"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pki = makePki();

function closeInfo(t: Transport): Promise<TransportCloseInfo> {
  return new Promise((resolve) => t.onClose(resolve));
}

function payload(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7919 + (i >>> 8)) & 0xff;
  return bytes;
}

async function echoThrough(t: Transport, data: Uint8Array, chunk = 64 * 1024): Promise<void> {
  const received = new Uint8Array(data.length);
  let filled = 0;
  const done = new Promise<void>((resolve, reject) => {
    t.onData((c) => {
      received.set(c, filled);
      filled += c.length;
      if (filled === data.length) resolve();
    });
    t.onClose((info) => reject(info.error ?? new Error("Closed early")));
  });
  for (let at = 0; at < data.length; at += chunk) {
    await t.write(data.subarray(at, Math.min(data.length, at + chunk)));
  }
  await done;
  assert.ok(received.every((b, i) => b === data[i]), "echoed bytes differ");
}

Deno.test("TLS echoes 10 MB intact through a loopback server", async () => {
  const server = await listenTls(
    { cert: pki.serverCert, key: pki.serverKey },
    (t) => t.onData((chunk) => t.write(chunk)),
  );
  try {
    const t = await connectTls({ host: "127.0.0.1", port: server.port, ca: pki.ca });
    assert.match(t.id, /^tls-\d+$/);
    assert.equal(t.remoteAddress, `127.0.0.1:${server.port}`);
    await echoThrough(t, payload(10 * 1024 * 1024));
    await t.end();
  } finally {
    await server.close();
  }
});

Deno.test("connectTls refuses a server certificate from an untrusted CA", async () => {
  let connections = 0;
  const server = await listenTls(
    { cert: pki.serverCert, key: pki.serverKey },
    () => connections++,
  );
  try {
    await assert.rejects(
      connectTls({ host: "127.0.0.1", port: server.port, ca: pki.otherCa }),
      (e) => {
        assert.ok(e instanceof TransportError);
        assert.equal(e.address, `127.0.0.1:${server.port}`);
        assert.match(e.message, /^Cannot connect to 127\.0\.0\.1:\d+: /);
        return true;
      },
    );
    assert.equal(connections, 0);
  } finally {
    await server.close();
  }
});

Deno.test("a TLS server requiring client certificates accepts a client with one", async () => {
  const server = await listenTls(
    { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requestCert: true },
    (t) => t.onData((chunk) => t.write(chunk)),
  );
  try {
    const t = await connectTls({
      host: "127.0.0.1",
      port: server.port,
      ca: pki.ca,
      cert: pki.clientCert,
      key: new TextEncoder().encode(pki.clientKey),
    });
    await echoThrough(t, payload(100_000));
    await t.end();
  } finally {
    await server.close();
  }
});

Deno.test("a TLS server requiring client certificates rejects a client without one", async () => {
  let connections = 0;
  const server = await listenTls(
    { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requestCert: true },
    (t) => {
      connections++;
      t.onData((chunk) => t.write(chunk));
    },
  );
  try {
    let failed = false;
    try {
      // TLS 1.2 fails the handshake; with TLS 1.3 the client may finish first and then be closed.
      const t = await connectTls({ host: "127.0.0.1", port: server.port, ca: pki.ca });
      const closed = closeInfo(t);
      await t.write(new Uint8Array([1, 2, 3])).catch(() => {});
      let echoed = 0;
      t.onData((c) => echoed += c.length);
      await closed;
      assert.equal(echoed, 0);
      failed = true;
    } catch (e) {
      assert.ok(e instanceof TransportError);
      failed = true;
    }
    assert.ok(failed);
    assert.equal(connections, 0);
  } finally {
    await server.close();
  }
});

Deno.test("TLS server.close() closes live connections", async () => {
  const accepted = Promise.withResolvers<Transport>();
  const server = await listenTls(
    { cert: pki.serverCert, key: pki.serverKey },
    (t) => accepted.resolve(t),
  );
  const t = await connectTls({ host: "127.0.0.1", port: server.port, ca: pki.ca });
  const peer = await accepted.promise;
  const clientClosed = closeInfo(t);
  await server.close();
  await peer.closed;
  await clientClosed;
});
