/**
 * The Jupyter messaging protocol (v5.3) wire format: frames on a ZeroMQ socket are
 * `[identities…, "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers…]`,
 * where hmac is the hex HMAC-SHA256 of the four JSON frames under the connection key.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

const DELIMITER = Buffer.from("<IDS|MSG>");

/** The header of a Jupyter message. */
export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** A decoded Jupyter message. */
export interface JupyterMessage {
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

/** Returns a new message of `msgType` for `session` (the date is the only clock read). */
export function createMessage(
  msgType: string,
  content: Record<string, unknown>,
  session: string,
): JupyterMessage {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: "powerflow",
      date: new Date().toISOString(),
      version: "5.3",
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

/** Returns the frames to send for `message`, signed with `key` (empty key: no signature). */
export function encodeMessage(message: JupyterMessage, key: string): Buffer[] {
  const parts = [
    JSON.stringify(message.header),
    JSON.stringify(message.parent_header),
    JSON.stringify(message.metadata),
    JSON.stringify(message.content),
  ].map((text) => Buffer.from(text, "utf8"));
  return [DELIMITER, Buffer.from(sign(parts, key), "ascii"), ...parts];
}

/**
 * Returns the message in `frames`, or throws when the delimiter is missing or the signature
 * does not match (a message from someone without the key is never trusted).
 */
export function decodeMessage(frames: readonly Buffer[], key: string): JupyterMessage {
  const at = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) {
    throw new Error(`malformed Jupyter message: ${frames.length} frames, no <IDS|MSG> delimiter`);
  }
  const signature = frames[at + 1]!.toString("ascii");
  const parts = frames.slice(at + 2, at + 6);
  if (key !== "") {
    const expected = Buffer.from(sign(parts, key), "ascii");
    const got = Buffer.from(signature, "ascii");
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      throw new Error("Jupyter message with an invalid HMAC signature");
    }
  }
  const [header, parent, metadata, content] = parts.map(
    (part) => JSON.parse(part.toString("utf8")) as unknown,
  );
  return {
    header: header as MessageHeader,
    parent_header: parent ?? {},
    metadata: (metadata ?? {}) as Record<string, unknown>,
    content: (content ?? {}) as Record<string, unknown>,
  };
}

function sign(parts: readonly Buffer[], key: string): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}
