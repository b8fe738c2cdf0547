/**
 * A local HTTP server implementing the subset of the Cloud Storage JSON API that PowerFlow and
 * `gcloud storage` use, so tests drive the REAL `@google-cloud/storage` client (via `apiEndpoint`)
 * and the real CLI: bucket insert/get; object insert by `uploadType=media`, `multipart` and
 * `resumable` (session URI in `Location`, `Content-Range` chunks, `308 Resume Incomplete` with
 * `Range`, status query `bytes *\/total`); get metadata, `alt=media` download (with `Range` and
 * `x-goog-hash`), list with prefix/delimiter/paging, delete; generations and the preconditions
 * ifGenerationMatch / ifGenerationNotMatch / ifMetagenerationMatch → 412. Objects become visible
 * only when an upload completes. Faults can be injected: a status for the next matching requests,
 * or a connection dropped after N bytes of an upload body (those bytes are kept, as GCS does).
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CRC32C } from "@google-cloud/storage";

/** One stored object generation. */
export interface FakeObject {
  bucket: string;
  name: string;
  generation: number;
  metageneration: number;
  data: Buffer;
  contentType: string;
  metadata: Record<string, string>;
  timeCreated: string;
}

/** A fault applied to the next `times` requests matching `method` and `path`. */
export interface Fault {
  method?: string;
  /** tested against the path plus query string */
  path?: RegExp;
  /** answer with this status (and an error body) */
  status?: number;
  /** read this many body bytes, keep them (resumable), then destroy the socket */
  dropAfterBytes?: number;
  /** a download answers with one byte flipped (headers, hashes and length unchanged) */
  corruptBody?: boolean;
  /** default 1 */
  times?: number;
  /** called when the fault fires (tests check what is visible at that moment) */
  onFire?: () => void;
}

interface Session {
  bucket: string;
  name: string;
  contentType: string;
  metadata: Record<string, string>;
  preconditions: URLSearchParams;
  received: Buffer;
  done?: FakeObject;
}

/** A running fake GCS server. */
export interface FakeGcsServer {
  /** e.g. http://127.0.0.1:40123 (pass as apiEndpoint) */
  endpoint: string;
  /** every request as "METHOD path?query" */
  log: string[];
  inject(fault: Fault): void;
  /** the live generation of an object, if any */
  object(bucket: string, name: string): FakeObject | undefined;
  createBucket(name: string): void;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a random port. */
export async function startFakeGcsServer(): Promise<FakeGcsServer> {
  const buckets = new Map<string, Map<string, FakeObject>>();
  const sessions = new Map<string, Session>();
  const faults: Fault[] = [];
  const log: string[] = [];
  let nextGeneration = 1_700_000_000_000_000;
  let endpoint = "";

  const store = (
    s: Omit<FakeObject, "generation" | "metageneration" | "timeCreated">,
  ): FakeObject => {
    const obj = {
      ...s,
      generation: ++nextGeneration,
      metageneration: 1,
      timeCreated: new Date().toISOString(),
    };
    buckets.get(s.bucket)!.set(s.name, obj);
    return obj;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    log.push(`${req.method} ${url.pathname}${url.search}`);
    const fault = takeFault(faults, req.method ?? "", `${url.pathname}${url.search}`);
    if (fault?.status !== undefined) {
      fault.onFire?.();
      req.resume();
      return json(res, fault.status, { error: { code: fault.status, message: "injected fault" } });
    }
    if (fault?.dropAfterBytes !== undefined && !url.searchParams.has("upload_id")) {
      // a simple or multipart upload cut mid-body: nothing is stored
      void readSome(req, fault.dropAfterBytes).then(() => {
        fault.onFire?.();
        req.socket.destroy();
      });
      return;
    }
    handle(req, res, url, fault).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { code: 500, message: String(error) } });
    });
  });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    fault: Fault | undefined,
  ) {
    // gcloud downloads via mediaLink (/download/storage/v1/…) and starts resumable uploads at
    // /resumable/upload/storage/v1/…: the same resources as /storage/v1/… and /upload/….
    const p = url.pathname
      .replace(/\/+$/, "")
      .replace(/^\/download\/storage\/v1\//, "/storage/v1/")
      .replace(/^\/resumable\/upload\//, "/upload/");
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if (req.method === "POST" && p === "/storage/v1/b") {
      const body = JSON.parse((await readBody(req)).toString() || "{}") as { name?: string };
      if (!body.name) return json(res, 400, error(400, "bucket name required"));
      if (buckets.has(body.name)) return json(res, 409, error(409, "bucket exists"));
      buckets.set(body.name, new Map());
      return json(res, 200, bucketResource(body.name));
    }
    if ((m = /^\/storage\/v1\/b\/([^/]+)$/.exec(p)) && req.method === "GET") {
      const name = decodeURIComponent(m[1]!);
      return buckets.has(name)
        ? json(res, 200, bucketResource(name))
        : json(res, 404, error(404, "No such bucket"));
    }
    if ((m = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(p)) && req.method === "GET") {
      return list(res, decodeURIComponent(m[1]!), q);
    }
    if ((m = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(p))) {
      const bucket = decodeURIComponent(m[1]!);
      const name = decodeURIComponent(m[2]!);
      const objects = buckets.get(bucket);
      if (!objects) return json(res, 404, error(404, "No such bucket"));
      const obj = objects.get(name);
      if (!obj || (q.has("generation") && String(obj.generation) !== q.get("generation"))) {
        req.resume();
        return json(res, 404, error(404, `No such object: ${bucket}/${name}`));
      }
      const failed = checkPreconditions(q, obj);
      if (failed) return json(res, 412, failed);
      if (req.method === "DELETE") {
        objects.delete(name);
        res.writeHead(204).end();
        return;
      }
      if (req.method === "GET" && q.get("alt") === "media")
        return media(req, res, obj, fault?.corruptBody === true);
      if (req.method === "GET") return json(res, 200, resource(obj));
    }
    if ((m = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(p))) {
      const bucket = decodeURIComponent(m[1]!);
      if (!buckets.has(bucket)) {
        req.resume();
        return json(res, 404, error(404, "No such bucket"));
      }
      const type = q.get("uploadType");
      if (req.method === "POST" && type === "media") {
        const data = await readBody(req);
        return finish(res, {
          bucket,
          name: q.get("name") ?? "",
          contentType: header(req, "content-type"),
          metadata: {},
          preconditions: q,
          received: data,
        });
      }
      if (req.method === "POST" && type === "multipart") {
        const { meta, data } = parseMultipart(await readBody(req), header(req, "content-type"));
        return finish(res, {
          bucket,
          name: q.get("name") ?? str(meta.name, ""),
          contentType: str(meta.contentType, "application/octet-stream"),
          metadata: (meta.metadata as Record<string, string>) ?? {},
          preconditions: q,
          received: data,
        });
      }
      if (req.method === "POST" && type === "resumable") {
        const raw = (await readBody(req)).toString();
        const meta = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
        const session: Session = {
          bucket,
          name: q.get("name") ?? str(meta.name, ""),
          contentType: str(
            meta.contentType,
            header(req, "x-upload-content-type") || "application/octet-stream",
          ),
          metadata: (meta.metadata as Record<string, string>) ?? {},
          preconditions: new URLSearchParams(q),
          received: Buffer.alloc(0),
        };
        const failed = checkPreconditions(q, buckets.get(bucket)!.get(session.name));
        if (failed) return json(res, 412, failed);
        const id = randomUUID();
        sessions.set(id, session);
        res.writeHead(200, {
          location: `${endpoint}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=resumable&name=${encodeURIComponent(session.name)}&upload_id=${id}`,
        });
        res.end();
        return;
      }
      if (type === "resumable" && q.has("upload_id")) {
        const session = sessions.get(q.get("upload_id")!);
        if (!session) return json(res, 404, error(404, "No such upload"));
        if (req.method === "DELETE") {
          sessions.delete(q.get("upload_id")!);
          res.writeHead(499).end();
          return;
        }
        return chunk(req, res, session, fault);
      }
    }
    req.resume();
    json(res, 501, error(501, `fake GCS does not implement ${req.method} ${p}`));
  }

  async function chunk(
    req: IncomingMessage,
    res: ServerResponse,
    session: Session,
    fault: Fault | undefined,
  ) {
    if (session.done) return json(res, 200, resource(session.done));
    const range = /^bytes (\*|(\d+)-(\d+))\/(\*|\d+)$/.exec(
      header(req, "content-range") || "bytes */*",
    );
    if (!range)
      return json(res, 400, error(400, `bad Content-Range ${header(req, "content-range")}`));
    const total = range[4] === "*" ? undefined : Number(range[4]);
    if (range[1] !== "*") {
      const start = Number(range[2]);
      if (start > session.received.length)
        return json(res, 400, error(400, `gap: start ${start} > ${session.received.length}`));
      const body =
        fault?.dropAfterBytes !== undefined
          ? await readSome(req, fault.dropAfterBytes)
          : await readBody(req);
      // Bytes before what we hold are a resend: keep only the new tail.
      const fresh = body.subarray(Math.max(0, session.received.length - start));
      session.received = Buffer.concat([session.received, fresh]);
      if (fault?.dropAfterBytes !== undefined) {
        fault.onFire?.();
        req.socket.destroy();
        return;
      }
    } else req.resume();
    if (total !== undefined && session.received.length >= total) {
      if (session.received.length > total)
        return json(res, 400, error(400, "more bytes than the declared total"));
      return finish(res, session);
    }
    const headers: Record<string, string> = {};
    if (session.received.length > 0) headers.range = `bytes=0-${session.received.length - 1}`;
    res.writeHead(308, headers);
    res.end();
  }

  function finish(res: ServerResponse, s: Session) {
    const objects = buckets.get(s.bucket)!;
    const failed = checkPreconditions(s.preconditions, objects.get(s.name));
    if (failed) return json(res, 412, failed);
    const obj = store({
      bucket: s.bucket,
      name: s.name,
      data: s.received,
      contentType: s.contentType || "application/octet-stream",
      metadata: s.metadata,
    });
    s.done = obj;
    json(res, 200, resource(obj));
  }

  function list(res: ServerResponse, bucket: string, q: URLSearchParams) {
    const objects = buckets.get(bucket);
    if (!objects) return json(res, 404, error(404, "No such bucket"));
    const prefix = q.get("prefix") ?? "";
    const delimiter = q.get("delimiter");
    const max = Number(q.get("maxResults") ?? 1000);
    const names = [...objects.keys()].filter((n) => n.startsWith(prefix)).sort();
    const prefixes = new Set<string>();
    const items: FakeObject[] = [];
    for (const n of names) {
      const rest = n.slice(prefix.length);
      const cut = delimiter ? rest.indexOf(delimiter) : -1;
      if (cut >= 0) prefixes.add(prefix + rest.slice(0, cut + delimiter!.length));
      else items.push(objects.get(n)!);
    }
    const start = Number(q.get("pageToken") ?? 0);
    const page = items.slice(start, start + max);
    const body: Record<string, unknown> = { kind: "storage#objects", items: page.map(resource) };
    if (prefixes.size > 0) body.prefixes = [...prefixes];
    if (start + max < items.length) body.nextPageToken = String(start + max);
    json(res, 200, body);
  }

  function media(req: IncomingMessage, res: ServerResponse, obj: FakeObject, corrupt = false) {
    const headers: Record<string, string> = {
      "content-type": obj.contentType,
      "x-goog-generation": String(obj.generation),
      "x-goog-metageneration": String(obj.metageneration),
      "x-goog-hash": `crc32c=${crc32c(obj.data)},md5=${md5(obj.data)}`,
      "x-goog-stored-content-length": String(obj.data.length),
      "x-goog-stored-content-encoding": "identity",
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(header(req, "range"));
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), obj.data.length - 1) : obj.data.length - 1;
      res.writeHead(206, {
        ...headers,
        "content-range": `bytes ${start}-${end}/${obj.data.length}`,
      });
      res.end(obj.data.subarray(start, end + 1));
      return;
    }
    res.writeHead(200, { ...headers, "content-length": String(obj.data.length) });
    const body = corrupt ? Buffer.from(obj.data) : obj.data;
    if (corrupt) body.writeUInt8(body.readUInt8(body.length >> 1) ^ 0xff, body.length >> 1);
    res.end(body);
  }

  function resource(obj: FakeObject): Record<string, unknown> {
    return {
      kind: "storage#object",
      id: `${obj.bucket}/${obj.name}/${obj.generation}`,
      selfLink: `${endpoint}/storage/v1/b/${obj.bucket}/o/${encodeURIComponent(obj.name)}`,
      mediaLink: `${endpoint}/download/storage/v1/b/${obj.bucket}/o/${encodeURIComponent(obj.name)}?generation=${obj.generation}&alt=media`,
      name: obj.name,
      bucket: obj.bucket,
      generation: String(obj.generation),
      metageneration: String(obj.metageneration),
      contentType: obj.contentType,
      storageClass: "STANDARD",
      size: String(obj.data.length),
      md5Hash: md5(obj.data),
      crc32c: crc32c(obj.data),
      etag: md5(Buffer.from(String(obj.generation))),
      timeCreated: obj.timeCreated,
      updated: obj.timeCreated,
      metadata: obj.metadata,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    log,
    inject: (fault) => void faults.push({ times: 1, ...fault }),
    object: (bucket, name) => buckets.get(bucket)?.get(name),
    createBucket: (name) =>
      void buckets.set(name, buckets.get(name) ?? new Map<string, FakeObject>()),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex(
    (f) =>
      (f.method === undefined || f.method === method) &&
      (f.path === undefined || f.path.test(path)),
  );
  if (index < 0) return undefined;
  const fault = faults[index]!;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) faults.splice(index, 1);
  return fault;
}

function checkPreconditions(
  q: URLSearchParams,
  current: FakeObject | undefined,
): Record<string, unknown> | undefined {
  const generation = current?.generation ?? 0;
  const fail = (what: string) => ({
    error: {
      code: 412,
      message: `At least one of the pre-conditions you specified did not hold. (${what})`,
      errors: [{ reason: "conditionNotMet", message: "Precondition Failed" }],
    },
  });
  if (q.has("ifGenerationMatch") && Number(q.get("ifGenerationMatch")) !== generation)
    return fail("ifGenerationMatch");
  if (q.has("ifGenerationNotMatch") && Number(q.get("ifGenerationNotMatch")) === generation)
    return fail("ifGenerationNotMatch");
  if (
    q.has("ifMetagenerationMatch") &&
    Number(q.get("ifMetagenerationMatch")) !== (current?.metageneration ?? 0)
  )
    return fail("ifMetagenerationMatch");
  return undefined;
}

function parseMultipart(
  body: Buffer,
  contentType: string,
): { meta: Record<string, unknown>; data: Buffer } {
  // Node's client quotes the boundary with ", gcloud (Python email) with ' and ends lines with \n.
  const boundary = /boundary=["']?([^"';]+)["']?/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`multipart without boundary: ${contentType}`);
  const parts: Buffer[] = [];
  const sep = Buffer.from(`--${boundary}`);
  let at = body.indexOf(sep);
  while (at >= 0) {
    const next = body.indexOf(sep, at + sep.length);
    if (next < 0) break;
    const part = body.subarray(at + sep.length, next);
    const crlf = part.indexOf("\r\n\r\n");
    const lf = part.indexOf("\n\n");
    const start = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf + 2;
    let end = part.length;
    if (part[end - 1] === 0x0a) end -= part[end - 2] === 0x0d ? 2 : 1;
    parts.push(part.subarray(start, end));
    at = next;
  }
  if (parts.length < 2)
    throw new Error(`multipart body has ${parts.length} parts (expected metadata and media)`);
  return { meta: JSON.parse(parts[0]!.toString()) as Record<string, unknown>, data: parts[1]! };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function readSome(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.removeListener("data", onData);
      req.pause();
      resolve(Buffer.concat(chunks).subarray(0, limit));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) done();
    };
    req.on("data", onData);
    req.on("end", done);
  });
}

function str(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(body));
}

function error(code: number, message: string): Record<string, unknown> {
  return {
    error: { code, message, errors: [{ message, reason: code === 404 ? "notFound" : "invalid" }] },
  };
}

function bucketResource(name: string): Record<string, unknown> {
  return {
    kind: "storage#bucket",
    id: name,
    name,
    location: "US",
    storageClass: "STANDARD",
    metageneration: "1",
  };
}

function md5(data: Buffer): string {
  return createHash("md5").update(data).digest("base64");
}

function crc32c(data: Buffer): string {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
}
