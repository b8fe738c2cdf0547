/**
 * Cross-checks the fake GCS server with an independent client: the installed `gcloud storage`
 * CLI (credentials disabled, endpoint overridden, fresh CLOUDSDK_CONFIG) reads what PowerFlow
 * wrote and writes what PowerFlow reads, through multipart and resumable uploads.
 */
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gcsRead, gcsWrite } from "../../src/storage/gcs-client.js";
import { startFakeGcsServer, type FakeGcsServer } from "../helpers/fake-gcs-server.js";

const run = promisify(execFile);

function gcloudSkipReason(): string | undefined {
  try {
    execFileSync("gcloud", ["--version"], { stdio: "ignore", timeout: 60_000 });
    return undefined;
  } catch {
    return "gcloud CLI not installed";
  }
}
const skip = gcloudSkipReason();

describe.skipIf(skip !== undefined)(
  `gcloud storage against the fake GCS server${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    let gcs: FakeGcsServer;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const gcloud = (...args: string[]) => run("gcloud", args, { env, timeout: 90_000 });

    beforeAll(async () => {
      gcs = await startFakeGcsServer();
      gcs.createBucket("pf-data");
      dir = await mkdtemp(join(tmpdir(), "pf-gcloud-"));
      env = {
        ...process.env,
        CLOUDSDK_CONFIG: join(dir, "config"),
        CLOUDSDK_CORE_DISABLE_PROMPTS: "1",
      };
      await gcloud("config", "set", "auth/disable_credentials", "true");
      await gcloud("config", "set", "api_endpoint_overrides/storage", `${gcs.endpoint}/`);
      await gcloud("config", "set", "core/project", "test-project");
      await gcloud("config", "set", "storage/resumable_threshold", "1048576");
    }, 120_000);
    afterAll(async () => {
      await gcs?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it("gcloud storage ls and cp read what gcsWrite stored", async () => {
      const bytes = new TextEncoder().encode("time_utc,load_mw\n2024-06-01T00:00:00Z,1\n");
      await gcsWrite("gs://pf-data/out/PJME.csv", bytes, {
        apiEndpoint: gcs.endpoint,
        contentType: "text/csv",
      });
      const { stdout } = await gcloud("storage", "ls", "gs://pf-data/out/");
      expect(stdout.trim()).toBe("gs://pf-data/out/PJME.csv");
      await gcloud("storage", "cp", "gs://pf-data/out/PJME.csv", join(dir, "down.csv"));
      expect(await readFile(join(dir, "down.csv"), "utf8")).toBe(new TextDecoder().decode(bytes));
    }, 120_000);

    it("gcsRead reads what gcloud storage cp uploaded (multipart and resumable)", async () => {
      const small = randomBytes(2000);
      const large = randomBytes(1_500_000);
      await writeFile(join(dir, "small.bin"), small);
      await writeFile(join(dir, "large.bin"), large);
      await gcloud(
        "storage",
        "cp",
        join(dir, "small.bin"),
        join(dir, "large.bin"),
        "gs://pf-data/up/",
      );
      expect(gcs.log.some((l) => l.includes("uploadType=multipart"))).toBe(true);
      expect(gcs.log.some((l) => l.includes("uploadType=resumable") && l.startsWith("PUT"))).toBe(
        true,
      );
      const readSmall = await gcsRead("gs://pf-data/up/small.bin", {
        apiEndpoint: gcs.endpoint,
      });
      const readLarge = await gcsRead("gs://pf-data/up/large.bin", {
        apiEndpoint: gcs.endpoint,
      });
      expect(Buffer.compare(Buffer.from(readSmall.bytes), small)).toBe(0);
      expect(Buffer.compare(Buffer.from(readLarge.bytes), large)).toBe(0);
    }, 120_000);
  },
);
