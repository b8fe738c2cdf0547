/** Picks free local ports and describes them as a Jupyter connection file. */
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

/** The content of a Jupyter connection file (TCP transport). */
export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

/** Returns connection info with five free ports on 127.0.0.1 and a fresh random key. */
export async function createConnectionInfo(kernelName: string): Promise<ConnectionInfo> {
  const [shell, iopub, stdin, control, hb] = await freePorts(5);
  return {
    transport: "tcp",
    ip: "127.0.0.1",
    shell_port: shell!,
    iopub_port: iopub!,
    stdin_port: stdin!,
    control_port: control!,
    hb_port: hb!,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
  };
}

/** Returns the ZeroMQ address of one channel. */
export function channelAddress(info: ConnectionInfo, port: number): string {
  return `${info.transport}://${info.ip}:${port}`;
}

// All servers stay open until every port is known, so one call never returns a port twice.
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    return await Promise.all(
      servers.map(
        (server) =>
          new Promise<number>((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => {
              const address = server.address();
              if (address && typeof address === "object") resolve(address.port);
              else reject(new Error("could not read a free port"));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r(undefined)))));
  }
}
