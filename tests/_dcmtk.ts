/**
 * Starting DCMTK peers for interoperability tests: on 127.0.0.1, a free port, TCP_NODELAY=1 in
 * their environment, stopped by PID.
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, Socket } from "node:net";
import process from "node:process";

/** A free TCP port on 127.0.0.1 (from the OS; released before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

/** A running DCMTK process. */
export interface Peer {
  process: ChildProcess;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a DCMTK server (storescp, dcmqrscp, ...) and waits until its port accepts connections. */
export async function startDcmtkServer(
  command: string,
  args: string[],
  port: number,
  cwd?: string,
): Promise<Peer> {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, TCP_NODELAY: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => out += d);
  child.stderr!.on("data", (d) => out += d);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${command} did not start on port ${port}: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    process: child,
    port,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a DCMTK client to completion; resolves with its exit code and output. */
export function runDcmtk(
  command: string,
  args: string[],
  timeoutMs = 60_000,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, TCP_NODELAY: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => output += d);
    child.stderr!.on("data", (d) => output += d);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}
