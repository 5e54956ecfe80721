/**
 * DICOM upper layer over TLS (PS3.15 B.1 Basic TLS, B.9 BCP 195 Secure Transport Connection
 * profiles): server certificates, and client certificates when the server requires them.
 * TLS 1.2 is the minimum version (BCP 195).
 * @module
 */
import { connect, createServer } from "node:tls";
import { type ConnectCommon, connectSocket, listenSocket } from "./_socket_transport.ts";
import type { Transport, TransportServer } from "./transport.ts";

/** PEM text or bytes, or several of them (a certificate chain or a list of CAs). */
export type Pem = string | Uint8Array | readonly (string | Uint8Array)[];

/** Options of `connectTls`. */
export interface TlsConnectOptions extends ConnectCommon {
  /** Certificate authorities to trust. Default: the runtime's root store. */
  ca?: Pem;
  /** Our certificate (chain), for servers that require client certificates. Default: none. */
  cert?: Pem;
  /** The private key of `cert`. Default: none. */
  key?: Pem;
  /** Server name for SNI and certificate checks. Default: `host` when it is a name, none for an IP. */
  servername?: string;
  /** Refuse servers whose certificate does not verify against `ca`. Default: true. */
  rejectUnauthorized?: boolean;
}

/** Options of `listenTls`. */
export interface TlsListenOptions {
  /** Address to bind. Default: `"127.0.0.1"`. */
  host?: string;
  /** Port to bind. Default: 0 (ephemeral). */
  port?: number;
  /** The server certificate (chain). */
  cert: Pem;
  /** The private key of `cert`. */
  key: Pem;
  /** Certificate authorities that client certificates must chain to. Default: the runtime's root store. */
  ca?: Pem;
  /** Require a client certificate that verifies against `ca` (PS3.15 B.1, B.9); handshakes without one fail. Default: false. */
  requestCert?: boolean;
}

function pemText(value: string | Uint8Array): string {
  return typeof value === "string" ? value : new TextDecoder().decode(value);
}

function pem(value: Pem | undefined): string | string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" || value instanceof Uint8Array
    ? pemText(value)
    : value.map(pemText);
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

/**
 * Opens a TLS connection and completes the handshake. Rejects with a `TransportError` naming
 * host:port, with the runtime's code for TLS failures (e.g. `"UNABLE_TO_VERIFY_LEAF_SIGNATURE"`).
 * With TLS 1.3 a server's refusal of our client certificate may only arrive after this resolves:
 * then the transport closes with an error.
 * @example
 * ```ts ignore
 * import { readFileSync } from "node:fs";
 * import { connectTls } from "./tls.ts";
 * const t = await connectTls({
 *   host: "pacs.example.org",
 *   port: 2762,
 *   ca: readFileSync("ca.pem", "utf8"),
 *   cert: readFileSync("modality.pem", "utf8"),
 *   key: readFileSync("modality.key", "utf8"),
 * });
 * ```
 */
export function connectTls(options: TlsConnectOptions): Promise<Transport> {
  const servername = options.servername ??
    (isIpAddress(options.host) ? undefined : options.host);
  return connectSocket(
    () =>
      connect({
        host: options.host,
        port: options.port,
        ca: pem(options.ca),
        cert: pem(options.cert),
        key: pem(options.key),
        ...(servername !== undefined ? { servername } : {}),
        rejectUnauthorized: options.rejectUnauthorized ?? true,
        minVersion: "TLSv1.2" as const,
      }),
    "secureConnect",
    options,
    "tls",
  );
}

/**
 * Listens for TLS connections; `onConnection` receives each after its handshake succeeded.
 * Failed handshakes (no or untrusted client certificate when `requestCert`) never reach it.
 * @example
 * ```ts ignore
 * import { readFileSync } from "node:fs";
 * import { listenTls } from "./tls.ts";
 * const server = await listenTls({
 *   port: 2762,
 *   cert: readFileSync("pacs.pem", "utf8"),
 *   key: readFileSync("pacs.key", "utf8"),
 *   ca: readFileSync("ca.pem", "utf8"),
 *   requestCert: true,
 * }, (t) => t.onData((chunk) => t.write(chunk)));
 * await server.close();
 * ```
 */
export function listenTls(
  options: TlsListenOptions,
  onConnection: (transport: Transport) => void,
): Promise<TransportServer> {
  const requestCert = options.requestCert ?? false;
  const server = createServer({
    cert: pem(options.cert),
    key: pem(options.key),
    ca: pem(options.ca),
    requestCert,
    rejectUnauthorized: requestCert,
    minVersion: "TLSv1.2" as const,
  });
  return listenSocket(
    server,
    "secureConnection",
    options.host ?? "127.0.0.1",
    options.port ?? 0,
    "tls",
    onConnection,
  );
}
