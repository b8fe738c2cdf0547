/**
 * Blob content as the stores consume it: one pass over its chunks that hashes (SHA-256 for
 * manifests and metadata and, when asked, MD5 to compare with what GCS holds) and counts the
 * bytes on the way, so streamed content is never held whole.
 */
import { createHash, type Hash } from "node:crypto";
import { sha256Hex } from "../util/sha256-hex.js";
import type { BlobContent } from "./store.js";

/** The fingerprint of content that has been fully read. */
export interface ContentMeasure {
  sha256: string;
  /** "" unless the content was measured with `{ md5: true }` */
  md5Base64: string;
  bytes: number;
}

/** Content read once through `chunks()`; `measure()` is valid after that pass has ended. */
export class MeasuredContent {
  private readonly sha = createHash("sha256");
  private readonly md5: Hash | undefined;
  private size = 0;
  private done = false;

  /** `options.md5`: also take the MD5 (default false) */
  constructor(
    private readonly content: BlobContent,
    options: { md5?: boolean } = {},
  ) {
    if (options.md5 === true) this.md5 = createHash("md5");
  }

  /** Yields the content's bytes in order (text as UTF-8), hashing each chunk. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    if (this.done) throw new Error("blob content read twice");
    const { content } = this;
    if (content instanceof Uint8Array || typeof content === "string") {
      yield this.see(typeof content === "string" ? new TextEncoder().encode(content) : content);
    } else {
      for await (const chunk of content) yield this.see(chunk);
    }
    this.done = true;
  }

  /** Returns the hashes and length of what `chunks()` yielded; throws before the pass ended. */
  measure(): ContentMeasure {
    if (!this.done) throw new Error("blob content measured before it was read");
    return {
      sha256: this.sha.copy().digest("hex"),
      md5Base64: this.md5?.copy().digest("base64") ?? "",
      bytes: this.size,
    };
  }

  private see(chunk: Uint8Array): Uint8Array {
    this.sha.update(chunk);
    this.md5?.update(chunk);
    this.size += chunk.length;
    return chunk;
  }
}

/** Returns `content` as one byte array when it is already whole (bytes or text), else undefined. */
export function wholeBytes(content: BlobContent): Uint8Array | undefined {
  if (content instanceof Uint8Array) return content;
  if (typeof content === "string") return new TextEncoder().encode(content);
  return undefined;
}

/** Returns the fingerprint of whole `bytes`. */
export function measureBytes(bytes: Uint8Array): ContentMeasure {
  return {
    sha256: sha256Hex(bytes),
    md5Base64: createHash("md5").update(bytes).digest("base64"),
    bytes: bytes.length,
  };
}
