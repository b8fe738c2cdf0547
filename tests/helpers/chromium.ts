/**
 * Headless Chromium for tests: open a page (file:// or http), collect console errors and
 * uncaught exceptions, wait for a selector, evaluate an expression, save a PNG screenshot.
 * Talks the Chrome DevTools Protocol over --remote-debugging-pipe (no port, no browser download).
 *
 *   const page = await openPage(pathToFileURL("reports/x.html").href);
 *   await page.waitForSelector(".js-plotly-plot .main-svg");
 *   expect(page.errors()).toEqual([]);
 *   await page.screenshot("/tmp/x.png");
 *   await page.close();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

/** The Chromium binary the tests use. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why Chromium tests are skipped here, or undefined when Chromium is available. */
export function chromiumSkipReason(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`;
}

/** An open page. */
export interface ChromiumPage {
  /** Console errors, uncaught exceptions and failed loads seen so far. */
  errors(): string[];
  waitForSelector(selector: string, timeoutMs?: number): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy; throws with `what` after `timeoutMs` (default 15 s). */
  waitFor(expression: string, what: string, timeoutMs?: number): Promise<void>;
  /** Loads `url` in the same tab (same URL: a reload) and resolves once its load event fired. */
  navigate(url: string, timeoutMs?: number): Promise<void>;
  /** Sets the viewport to `width` x `height` CSS pixels (the page reflows as in a resized window). */
  setViewport(width: number, height: number): Promise<void>;
  /** Saves a PNG of the whole page, or of the `clip` rectangle (page CSS pixels). */
  screenshot(
    path: string,
    clip?: { x: number; y: number; width: number; height: number },
  ): Promise<void>;
  close(): Promise<void>;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

/** Launches Chromium, opens `url` and resolves once its load event fired. */
export async function openPage(
  url: string,
  options: {
    width?: number;
    height?: number;
    timeoutMs?: number;
    /** URL patterns the page may not load (CDP Network.setBlockedURLs), e.g. "http://*" */
    blockedUrls?: string[];
    /** keep Chromium's default GPU set-up; default false: `--disable-gpu`, as on a VM with no GPU */
    gpu?: boolean;
  } = {},
): Promise<ChromiumPage> {
  const profile = await mkdtemp(join(tmpdir(), "powerflow-chromium-"));
  const child = spawn(
    CHROMIUM_PATH,
    [
      "--headless",
      "--no-sandbox",
      ...(options.gpu ? [] : ["--disable-gpu"]),
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-dev-shm-usage",
      `--user-data-dir=${profile}`,
      `--window-size=${options.width ?? 1280},${options.height ?? 900}`,
      "--remote-debugging-pipe",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  const cdp = connect(child);
  const errors: string[] = [];
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  // Chromium keeps writing its profile while it shuts down (and its helper processes briefly
  // after): let it exit (killed after 2 s), then remove the profile with retries. Removing it
  // at once failed now and then with ENOTEMPTY.
  const close = async (): Promise<void> => {
    await cdp.send("Browser.close").catch(() => undefined);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  try {
    const { targetId } = (await cdp.send("Target.createTarget", { url: "about:blank" })) as {
      targetId: string;
    };
    const { sessionId } = (await cdp.send("Target.attachToTarget", {
      targetId,
      flatten: true,
    })) as { sessionId: string };
    cdp.onEvent((message) => {
      if (message.sessionId !== sessionId) return;
      const p = message.params ?? {};
      if (message.method === "Runtime.consoleAPICalled" && p.type === "error") {
        errors.push(
          `console.error: ${((p.args as { value?: unknown; description?: string }[]) ?? []).map((a) => JSON.stringify(a.value ?? a.description)).join(" ")}`,
        );
      } else if (message.method === "Runtime.exceptionThrown") {
        const details = p.exceptionDetails as {
          text?: string;
          exception?: { description?: string };
        };
        errors.push(`exception: ${details.exception?.description ?? details.text ?? "unknown"}`);
      } else if (message.method === "Log.entryAdded") {
        const entry = p.entry as { level?: string; text?: string; url?: string };
        if (entry.level === "error")
          errors.push(`log: ${entry.text ?? ""} ${entry.url ?? ""}`.trim());
      }
    });
    const s = (method: string, params: Record<string, unknown> = {}) =>
      cdp.send(method, params, sessionId);
    await Promise.all([s("Runtime.enable"), s("Log.enable"), s("Page.enable")]);
    if (options.blockedUrls) {
      await s("Network.enable");
      await s("Network.setBlockedURLs", { urls: options.blockedUrls });
    }
    const navigate = async (to: string, timeoutMs = options.timeoutMs ?? 30_000) => {
      const loaded = cdp.waitForEvent("Page.loadEventFired", sessionId, timeoutMs);
      await s("Page.navigate", { url: to });
      await loaded;
    };
    await navigate(url);
    const evaluate = async <T>(expression: string): Promise<T> => {
      const reply = (await s("Runtime.evaluate", {
        expression,
        returnByValue: true,
        awaitPromise: true,
      })) as {
        result: { value?: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (reply.exceptionDetails)
        throw new Error(
          `evaluate failed: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`,
        );
      return reply.result.value as T;
    };
    const waitFor = async (expression: string, what: string, timeoutMs = 15_000) => {
      const end = Date.now() + timeoutMs;
      while (!(await evaluate<boolean>(`!!(${expression})`))) {
        if (Date.now() > end) throw new Error(`${what} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    return {
      errors: () => [...errors],
      evaluate,
      waitFor,
      navigate,
      waitForSelector: (selector, timeoutMs = 15_000) =>
        waitFor(
          `document.querySelector(${JSON.stringify(selector)})`,
          `selector ${selector} did not appear`,
          timeoutMs,
        ),
      async setViewport(width, height) {
        await s("Emulation.setDeviceMetricsOverride", {
          width,
          height,
          deviceScaleFactor: 1,
          mobile: false,
        });
      },
      async screenshot(path, clip) {
        const { data } = (await s("Page.captureScreenshot", {
          format: "png",
          captureBeyondViewport: true,
          ...(clip ? { clip: { ...clip, scale: 1 } } : {}),
        })) as { data: string };
        await writeFile(path, Buffer.from(data, "base64"));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function connect(child: ChildProcess) {
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  let nextId = 1;
  let buffer = "";
  const waiting = new Map<
    number,
    { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  const listeners = new Set<(m: CdpMessage) => void>();
  output.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let end = buffer.indexOf("\0");
    while (end >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as CdpMessage;
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf("\0");
      if (message.id !== undefined) {
        const pending = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error) pending?.reject(new Error(message.error.message));
        else pending?.resolve(message.result ?? {});
      } else {
        for (const listener of listeners) listener(message);
      }
    }
  });
  child.once("exit", () => {
    for (const pending of waiting.values()) pending.reject(new Error("Chromium exited"));
    waiting.clear();
  });
  return {
    send(
      method: string,
      params: Record<string, unknown> = {},
      sessionId?: string,
    ): Promise<Record<string, unknown>> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        input.write(
          `${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`,
        );
      });
    },
    onEvent(listener: (m: CdpMessage) => void) {
      listeners.add(listener);
    },
    waitForEvent(method: string, sessionId: string, timeoutMs: number): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${method} not received within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const listener = (m: CdpMessage): void => {
          if (m.method === method && m.sessionId === sessionId) {
            clearTimeout(timer);
            listeners.delete(listener);
            resolve();
          }
        };
        listeners.add(listener);
      });
    },
  };
}
