/**
 * C-ECHO and C-STORE with DCMTK both ways: echoscu/storescu against `dicomsim listen`, and
 * `dicomsim store` against storescp. Peers run on 127.0.0.1 with ephemeral ports and
 * TCP_NODELAY=1, and are stopped by PID; every exchange is bounded in time.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/main.ts";
import { readDicom } from "../src/codec/read_file.ts";
import { parseInstance } from "../src/services/storage_scu.ts";
import { assertSameDataSet } from "./_compare.ts";
import { freePort, runDcmtk, startDcmtkServer } from "./_dcmtk.ts";
import { fixture } from "./_fixtures.ts";
import { requirePeer } from "./_peers.ts";

const SERIES_DIR = fixture("pacsman-series/dicomseries");
const FILES = "pydicom-v3.0.2/test_files/";
const BIG_ENDIAN = fixture(FILES + "ExplVR_BigEnd.dcm");
const IMPLICIT = fixture(FILES + "MR_small_implicit.dcm");
const JPEG = fixture(FILES + "SC_rgb_jpeg_dcmtk.dcm");
const RLE = fixture(FILES + "SC_rgb_rle.dcm");
const DEFLATED = fixture(FILES + "image_dfl.dcm");
const J2K = fixture(FILES + "GDCMJ2K_TextGBR.dcm");
const MIXED = [BIG_ENDIAN, IMPLICIT, JPEG, RLE, DEFLATED];
const TIMEOUT_MS = 30_000;

function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function seriesFiles(): string[] {
  return readdirSync(SERIES_DIR).filter((f) => f.endsWith(".dcm")).sort().map((f) =>
    join(SERIES_DIR, f)
  );
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "dicomsim-dcmtk-"));
}

/** Files in a folder by the SOP Instance UID of their content. */
function receivedByUid(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out.set(parseInstance(readBytes(path), path).sopInstanceUid, path);
  }
  return out;
}

/**
 * The received file holds the sent data set: byte for byte when `exact` (and always when both
 * are in the same transfer syntax and `exact` is "same-syntax"), else value for value.
 */
function assertReceived(sentPath: string, receivedPath: string, exact: boolean | "same-syntax") {
  const sent = parseInstance(readBytes(sentPath), sentPath);
  const received = parseInstance(readBytes(receivedPath), receivedPath);
  const sameSyntax = sent.transferSyntaxUid === received.transferSyntaxUid;
  if (exact === true || (exact === "same-syntax" && sameSyntax)) {
    assert.equal(received.transferSyntaxUid, sent.transferSyntaxUid, sentPath);
    // An odd-length deflated data set travels with a NUL pad byte (PS3.5 A.5).
    const padded = received.dataSet.length === sent.dataSet.length + 1 &&
      (sent.dataSet.length & 1) === 1 && received.dataSet[sent.dataSet.length] === 0;
    assert.ok(
      (received.dataSet.length === sent.dataSet.length || padded) &&
        sent.dataSet.every((b, i) => b === received.dataSet[i]),
      `${sentPath}: data set bytes differ`,
    );
    return;
  }
  assertSameDataSet(
    readDicom(readBytes(receivedPath)).dataSet,
    readDicom(readBytes(sentPath)).dataSet,
    sentPath,
  );
}

/** `dicomsim listen` run in-process until `exitAfter` associations have ended. */
async function startListen(dir: string, exitAfter: number, extra: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  let ready!: (port: number) => void;
  const port = new Promise<number>((resolve) => ready = resolve);
  const done = runCli(
    ["listen", "0", "--out", dir, "--exit-after", String(exitAfter), ...extra],
    {
      out: (t) => {
        out.push(t);
        const m = /^Listening on 127\.0\.0\.1:(\d+)/.exec(t);
        if (m) ready(Number(m[1]));
      },
      err: (t) => err.push(t),
    },
  );
  const first = await Promise.race([port, done.then((code) => -code)]);
  assert.ok(first > 0, `listen did not start: ${err.join("\n")}`);
  return { port: first, done, out, err };
}

function dcmdumpReads(paths: string[]) {
  return runDcmtk("dcmdump", ["-q", ...paths], TIMEOUT_MS);
}

Deno.test("DCMTK echoscu against dicomsim listen", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = tempDir();
  try {
    const listen = await startListen(dir, 1);
    const r = await runDcmtk(
      "echoscu",
      ["-aec", "DICOMSIM", "--repeat", "2", "127.0.0.1", String(listen.port)],
      TIMEOUT_MS,
    );
    assert.equal(r.code, 0, r.output);
    assert.equal(await listen.done, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("DCMTK storescu sends a 128-file series to dicomsim listen: data sets arrive byte for byte", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = tempDir();
  try {
    const files = seriesFiles();
    assert.equal(files.length, 128);
    const listen = await startListen(dir, 1, ["--quiet"]);
    const r = await runDcmtk(
      "storescu",
      ["-aec", "DICOMSIM", "127.0.0.1", String(listen.port), ...files],
      TIMEOUT_MS,
    );
    assert.equal(r.code, 0, r.output);
    assert.equal(await listen.done, 0, listen.err.join("\n"));
    const received = receivedByUid(dir);
    assert.equal(received.size, 128);
    for (const file of files) {
      const uid = parseInstance(readBytes(file)).sopInstanceUid;
      const path = received.get(uid)!;
      assert.equal(path, join(dir, `${uid}.dcm`));
      assertReceived(file, path, true);
    }
    const dump = await dcmdumpReads([...received.values()]);
    assert.equal(dump.code, 0, dump.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("DCMTK storescu +sd, -xs and -xd (propose lossless JPEG / deflated) to dicomsim listen", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = tempDir();
  try {
    const files = seriesFiles();
    const listen = await startListen(dir, 3, ["--quiet"]);
    const port = String(listen.port);
    const scan = await runDcmtk("storescu", [
      "+sd",
      "-aec",
      "DICOMSIM",
      "127.0.0.1",
      port,
      SERIES_DIR,
    ], TIMEOUT_MS);
    assert.equal(scan.code, 0, scan.output);
    const lossless = await runDcmtk(
      "storescu",
      ["-xs", "-aec", "DICOMSIM", "127.0.0.1", port, ...files.slice(0, 8)],
      TIMEOUT_MS,
    );
    assert.equal(lossless.code, 0, lossless.output);
    const deflated = await runDcmtk(
      "storescu",
      ["-xd", "-aec", "DICOMSIM", "127.0.0.1", port, DEFLATED],
      TIMEOUT_MS,
    );
    assert.equal(deflated.code, 0, deflated.output);
    assert.equal(await listen.done, 0, listen.err.join("\n"));
    const received = receivedByUid(dir);
    assert.equal(received.size, 129);
    for (const file of files) {
      assertReceived(file, received.get(parseInstance(readBytes(file)).sopInstanceUid)!, true);
    }
    assertReceived(
      DEFLATED,
      received.get(parseInstance(readBytes(DEFLATED)).sopInstanceUid)!,
      false,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("DCMTK storescu sends big endian, implicit, JPEG, RLE and JPEG 2000 files to dicomsim listen", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = tempDir();
  try {
    // storescu proposes a compressed syntax only when told which: one run per kind.
    const runs: [string[], string[]][] = [
      [["-R"], [BIG_ENDIAN, IMPLICIT]],
      [["-xy"], [JPEG]],
      [["-xr"], [RLE]],
      [["-xv"], [J2K]],
    ];
    const listen = await startListen(dir, runs.length, ["--quiet"]);
    for (const [options, files] of runs) {
      const r = await runDcmtk(
        "storescu",
        [...options, "-aec", "DICOMSIM", "127.0.0.1", String(listen.port), ...files],
        TIMEOUT_MS,
      );
      assert.equal(r.code, 0, `${options}: ${r.output}`);
    }
    assert.equal(await listen.done, 0, listen.err.join("\n"));
    const received = receivedByUid(dir);
    assert.equal(received.size, 5);
    for (const file of [BIG_ENDIAN, IMPLICIT, JPEG, RLE, J2K]) {
      const path = received.get(parseInstance(readBytes(file)).sopInstanceUid)!;
      assertReceived(file, path, "same-syntax");
    }
    for (const file of [JPEG, RLE, J2K]) {
      const path = received.get(parseInstance(readBytes(file)).sopInstanceUid)!;
      assert.equal(
        parseInstance(readBytes(path)).transferSyntaxUid,
        parseInstance(readBytes(file)).transferSyntaxUid,
        `${file} kept its compressed syntax`,
      );
    }
    const dump = await dcmdumpReads([...received.values()]);
    assert.equal(dump.code, 0, dump.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("dicomsim store sends the series and mixed syntaxes to DCMTK storescp: files arrive identical", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = tempDir();
  const port = await freePort();
  const peer = await startDcmtkServer(
    "storescp",
    ["--output-directory", dir, "--aetitle", "STORESCP", "+B", "+xa", String(port)],
    port,
  );
  try {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ["store", `127.0.0.1:${port}`, SERIES_DIR, ...MIXED, "--aec", "STORESCP"],
      { out: (t) => out.push(t), err: (t) => err.push(t) },
    );
    assert.equal(code, 0, err.join("\n"));
    assert.match(out.join("\n"), /^Sent 133 of 133 instances \(0 with warnings\), 0 failed, /);
    const received = receivedByUid(dir);
    assert.equal(received.size, 133);
    for (const file of [...seriesFiles(), ...MIXED]) {
      const path = received.get(parseInstance(readBytes(file)).sopInstanceUid)!;
      // storescp prefers Explicit VR Little Endian: the big endian and implicit files arrive
      // re-encoded (same values); the others in their own syntax, byte for byte (+B).
      assertReceived(file, path, "same-syntax");
    }
    for (const file of [JPEG, RLE, DEFLATED]) {
      const path = received.get(parseInstance(readBytes(file)).sopInstanceUid)!;
      assert.equal(
        parseInstance(readBytes(path)).transferSyntaxUid,
        parseInstance(readBytes(file)).transferSyntaxUid,
      );
    }
  } finally {
    await peer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("dicomsim echo against DCMTK storescp; store exits 1 when an instance fails", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = tempDir();
  const port = await freePort();
  // Without +xa storescp takes only uncompressed syntaxes: the JPEG file cannot be sent.
  const peer = await startDcmtkServer(
    "storescp",
    ["--output-directory", dir, "--aetitle", "STORESCP", String(port)],
    port,
  );
  try {
    const io = { out: (_: string) => {}, err: (_: string) => {} };
    assert.equal(
      await runCli(["echo", `127.0.0.1:${port}`, "--aec", "STORESCP", "--repeat", "2"], io),
      0,
    );
    const err: string[] = [];
    const code = await runCli([
      "store",
      `127.0.0.1:${port}`,
      JPEG,
      IMPLICIT,
      "--aec",
      "STORESCP",
      "--no-fallback",
    ], {
      out: () => {},
      err: (t) => err.push(t),
    });
    assert.equal(code, 1);
    assert.match(err.join("\n"), /SC_rgb_jpeg_dcmtk\.dcm: No presentation context accepted/);
    assert.equal(readdirSync(dir).length, 1);
  } finally {
    await peer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("dicomsim store to dicomsim listen over TCP; usage errors exit 2", async () => {
  const dir = tempDir();
  try {
    const listen = await startListen(dir, 2);
    const io = { out: (_: string) => {}, err: (_: string) => {} };
    assert.equal(
      await runCli(["echo", `127.0.0.1:${listen.port}`, "--aec", "DICOMSIM"], io),
      0,
    );
    const out: string[] = [];
    const code = await runCli(
      ["store", `127.0.0.1:${listen.port}`, ...MIXED, "--aec", "DICOMSIM", "--window", "4"],
      { out: (t) => out.push(t), err: (t) => out.push(t) },
    );
    assert.equal(code, 0, out.join("\n"));
    assert.match(out.join("\n"), /^Sent 5 of 5 instances/);
    assert.equal(await listen.done, 0);
    assert.equal(listen.out.filter((l) => l.startsWith("Stored ")).length, 5);
    const received = receivedByUid(dir);
    for (const file of MIXED) {
      assertReceived(
        file,
        received.get(parseInstance(readBytes(file)).sopInstanceUid)!,
        "same-syntax",
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const quiet = { out: (_: string) => {}, err: (_: string) => {} };
  for (
    const args of [
      ["echo"],
      ["echo", "nohostport"],
      ["echo", "127.0.0.1:104", "--repeat", "0"],
      ["store", "127.0.0.1:104"],
      ["store", "127.0.0.1:104", "x.dcm", "--window", "0"],
      ["listen"],
      ["listen", "104"],
      ["listen", "99999", "--out", "/tmp/x"],
      ["listen", "104", "--out", "/tmp/x", "--exit-after", "-1"],
    ]
  ) {
    assert.equal(await runCli(args, quiet), 2, args.join(" "));
  }
  for (const name of ["echo", "store", "listen"]) {
    const help: string[] = [];
    assert.equal(await runCli([name, "--help"], { out: (t) => help.push(t), err: () => {} }), 0);
    assert.match(help.join(""), new RegExp(`^Usage: dicomsim ${name} `));
  }
});
