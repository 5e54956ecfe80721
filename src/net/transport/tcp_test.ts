import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { TransportError } from "./errors.ts";
import { connectTcp, listenTcp } from "./tcp.ts";
import type { Transport, TransportCloseInfo } from "./transport.ts";

function closeInfo(t: Transport): Promise<TransportCloseInfo> {
  return new Promise((resolve) => t.onClose(resolve));
}

/** A deterministic pseudo-random payload. */
function payload(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 0x12345678;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Sends `data` in `chunk`-byte writes and collects what comes back until `data.length` bytes. */
async function echoThrough(
  t: Transport,
  data: Uint8Array,
  chunk = 64 * 1024,
): Promise<void> {
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

Deno.test("TCP echoes 10 MB intact through a loopback server", async () => {
  const accepted = Promise.withResolvers<Transport>();
  const server = await listenTcp({}, (t) => {
    accepted.resolve(t);
    t.onData((chunk) => t.write(chunk));
  });
  try {
    assert.equal(server.address, `127.0.0.1:${server.port}`);
    const t = await connectTcp({ host: "127.0.0.1", port: server.port });
    const peer = await accepted.promise;
    assert.equal(peer.remoteAddress, t.localAddress);
    assert.equal(peer.localAddress, t.remoteAddress);
    assert.notEqual(peer.id, t.id);
    assert.equal(t.remoteAddress, `127.0.0.1:${server.port}`);
    assert.match(t.localAddress, /^127\.0\.0\.1:\d+$/);
    assert.match(t.id, /^tcp-\d+$/);
    await echoThrough(t, payload(10 * 1024 * 1024));
    await t.end();
  } finally {
    await server.close();
  }
});

Deno.test("TCP end() is a graceful close: the peer gets all data, then a close without error", async () => {
  const serverSide = Promise.withResolvers<{ bytes: number; info: TransportCloseInfo }>();
  const server = await listenTcp({}, (t) => {
    let bytes = 0;
    t.onData((c) => bytes += c.length);
    t.onClose((info) => serverSide.resolve({ bytes, info }));
  });
  try {
    const t = await connectTcp({ host: "127.0.0.1", port: server.port });
    const clientClosed = closeInfo(t);
    await t.write(payload(300_000));
    await t.end();
    assert.deepEqual(await clientClosed, {});
    const { bytes, info } = await serverSide.promise;
    assert.equal(bytes, 300_000);
    assert.deepEqual(info, {});
    await assert.rejects(
      t.write(new Uint8Array(1)),
      (e) => e instanceof TransportError && e.code === "CLOSED",
    );
  } finally {
    await server.close();
  }
});

Deno.test("TCP: the side that receives the FIN closes too, and can no longer write", async () => {
  const accepted = Promise.withResolvers<Transport>();
  const server = await listenTcp({}, (t) => accepted.resolve(t));
  try {
    const t = await connectTcp({ host: "127.0.0.1", port: server.port });
    const peer = await accepted.promise;
    await t.end();
    await peer.closed;
    await assert.rejects(peer.write(new Uint8Array(1)), TransportError);
  } finally {
    await server.close();
  }
});

Deno.test("TCP destroy() on the node engine resets the connection; the peer sees ECONNRESET", async () => {
  const accepted = Promise.withResolvers<Transport>();
  const server = await listenTcp({}, (t) => accepted.resolve(t));
  try {
    const t = await connectTcp({ host: "127.0.0.1", port: server.port, engine: "node" });
    const peer = await accepted.promise;
    const peerClosed = closeInfo(peer);
    const localClosed = closeInfo(t);
    const reason = new Error("Abort on purpose");
    t.destroy(reason);
    assert.equal((await localClosed).error, reason);
    const info = await peerClosed;
    assert.equal(info.reset, true);
    assert.ok(info.error instanceof TransportError);
    assert.equal(info.error.code, "ECONNRESET");
  } finally {
    await server.close();
  }
});

Deno.test("connectTcp to a closed port rejects quickly with ECONNREFUSED naming host:port", async () => {
  const server = await listenTcp({}, () => {});
  const port = server.port;
  await server.close();
  const started = performance.now();
  await assert.rejects(connectTcp({ host: "127.0.0.1", port }), (e) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.code, "ECONNREFUSED");
    assert.equal(e.address, `127.0.0.1:${port}`);
    assert.equal(
      e.message,
      `Cannot connect to 127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    );
    return true;
  });
  assert.ok(performance.now() - started < 2_000);
});

Deno.test("connectTcp with an aborted signal rejects with ABORTED", async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    connectTcp({ host: "127.0.0.1", port: 1, signal: controller.signal }),
    (e) => e instanceof TransportError && e.code === "ABORTED",
  );
});

function hasPython(): boolean {
  try {
    execFileSync("python3", ["-c", "pass"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

Deno.test({
  name: "connectTcp times out (ETIMEDOUT) or aborts against a listener whose accept queue is full",
  ignore: !hasPython(),
  fn: async () => {
    // A listener with backlog 0 that never accepts: once one connection fills the accept queue,
    // Linux drops further SYNs, so a connect can only time out.
    const child = spawn("python3", [
      "-c",
      "import socket,sys\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\n" +
      "print(s.getsockname()[1],flush=True)\nsys.stdin.read()",
    ], { stdio: ["pipe", "pipe", "inherit"] });
    const opened: Transport[] = [];
    try {
      const port = await new Promise<number>((resolve) => {
        child.stdout!.once("data", (d) => resolve(Number(String(d).trim())));
      });
      let timedOut: TransportError | undefined;
      for (let i = 0; i < 8 && timedOut === undefined; i++) {
        const started = performance.now();
        try {
          opened.push(await connectTcp({ host: "127.0.0.1", port, connectTimeoutMs: 150 }));
        } catch (e) {
          assert.ok(e instanceof TransportError);
          assert.ok(performance.now() - started >= 140);
          timedOut = e;
        }
      }
      assert.ok(timedOut !== undefined, "no connect timed out");
      assert.equal(timedOut.code, "ETIMEDOUT");
      assert.match(timedOut.message, /^Cannot connect to 127\.0\.0\.1:\d+: timed out after 150 ms/);
      // The same stuck connect, aborted by a signal instead.
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(
        connectTcp({ host: "127.0.0.1", port, signal: controller.signal }),
        (e) => e instanceof TransportError && e.code === "ABORTED",
      );
    } finally {
      for (const t of opened) t.destroy();
      child.stdin!.end();
      child.kill();
    }
  },
});

Deno.test("server.close() stops listening and closes live connections", async () => {
  const accepted: Transport[] = [];
  const server = await listenTcp({}, (t) => accepted.push(t));
  const t = await connectTcp({ host: "127.0.0.1", port: server.port });
  const clientClosed = closeInfo(t);
  while (accepted.length === 0) await new Promise((r) => setTimeout(r, 1));
  const serverSideClosed = closeInfo(accepted[0]);
  await server.close();
  await clientClosed; // reset or FIN, depending on the runtime
  assert.deepEqual(await serverSideClosed, {});
  await assert.rejects(connectTcp({ host: "127.0.0.1", port: server.port }), TransportError);
});

Deno.test("listenTcp on a port in use rejects with EADDRINUSE", async () => {
  const server = await listenTcp({}, () => {});
  try {
    await assert.rejects(listenTcp({ port: server.port }, () => {}), (e) => {
      return e instanceof TransportError && e.code === "EADDRINUSE" &&
        e.address === `127.0.0.1:${server.port}`;
    });
  } finally {
    await server.close();
  }
});

Deno.test("TCP_NODELAY: write-write-read round trips take no delayed-ACK wait", async () => {
  // With Nagle on, the second small write waits for the ACK of the first, which the peer
  // delays ~40 ms: 20 rounds would take ~800 ms. With TCP_NODELAY they take a few ms.
  const server = await listenTcp({}, (t) => {
    let n = 0;
    t.onData((c) => {
      n += c.length;
      while (n >= 20) {
        n -= 20;
        t.write(new Uint8Array(4));
      }
    });
  });
  try {
    const t = await connectTcp({ host: "127.0.0.1", port: server.port });
    let replies = 0;
    let wake = () => {};
    t.onData((c) => {
      replies += c.length / 4;
      wake();
    });
    const started = performance.now();
    for (let round = 1; round <= 20; round++) {
      await t.write(new Uint8Array(10)); // e.g. a PDU header...
      await t.write(new Uint8Array(10)); // ...then its body
      while (replies < round) await new Promise<void>((r) => wake = r);
    }
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 400, `20 round trips took ${elapsed.toFixed(0)} ms`);
    await t.end();
  } finally {
    await server.close();
  }
});

Deno.test("a TCP data listener that throws destroys the connection; the server keeps serving", async () => {
  const server = await listenTcp({ engine: "node" }, (t) =>
    t.onData(() => {
      throw new Error("Handler bug");
    }));
  try {
    for (let i = 0; i < 2; i++) {
      const t = await connectTcp({ host: "127.0.0.1", port: server.port });
      const closed = closeInfo(t);
      await t.write(new Uint8Array(1));
      assert.equal((await closed).reset, true);
    }
  } finally {
    await server.close();
  }
});

Deno.test("TCP destroy() on the default engine closes the connection; the peer sees the close", async () => {
  const accepted = Promise.withResolvers<Transport>();
  const server = await listenTcp({}, (t) => accepted.resolve(t));
  try {
    const t = await connectTcp({ host: "127.0.0.1", port: server.port });
    const peer = await accepted.promise;
    const peerClosed = closeInfo(peer);
    const reason = new Error("Abort on purpose");
    const localClosed = closeInfo(t);
    t.destroy(reason);
    assert.equal((await localClosed).error, reason);
    await peerClosed; // a reset (node engine) or a plain close (Deno's sockets)
    await assert.rejects(t.write(new Uint8Array(1)), TransportError);
  } finally {
    await server.close();
  }
});
