import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { coerceParameters } from "../../../src/runner/params/coerce-parameters.js";
import { notebookParameters } from "../../../src/runner/params/notebook-parameters.js";
import {
  redactEchoes,
  redactParameters,
  secretLabel,
} from "../../../src/runner/params/redact-parameters.js";
import { parametersNotebook } from "../helpers/parameters-notebook.js";

const notebook = (source: string) => parametersNotebook(source);

const PARAMS = notebookParameters(
  notebook(`const url = "https://h/x.csv";
const apiSecret = "";
const db_secret = "";
const pin = 0; // secret
const note = "x"; // Secret: only its hash is written
const secretary = "not a secret name";
const dbPassword = "";
const api_token = "";
const maxTokens = 5;`),
  "nb.ipynb",
);

describe("secret parameters", () => {
  it("notebookParameters marks names ending in secret/password/token/apiKey and lines with // secret", () => {
    expect(Object.fromEntries(PARAMS.map((p) => [p.name, p.secret]))).toEqual({
      url: false,
      apiSecret: true,
      db_secret: true,
      pin: true,
      note: true,
      secretary: false,
      dbPassword: true,
      api_token: true,
      maxTokens: false,
    });
  });

  it("redactParameters hashes secrets and strips credentials from the other values", () => {
    const values = new Map<string, unknown>([
      ["url", "https://u:pw12@h/x.csv?token=t0k3n"],
      ["apiSecret", "hunter22"],
      ["pin", 4321],
      ["secretary", "plain"],
    ]);
    const r = redactParameters(values, PARAMS);
    const hash = createHash("sha256").update("hunter22").digest("hex").slice(0, 16);
    expect(Object.fromEntries(r.shown)).toEqual({
      url: "https://u:***@h/x.csv?token=***",
      apiSecret: `<secret sha256:${hash}>`,
      pin: secretLabel(4321),
      secretary: "plain",
    });
    expect([...r.changed].sort()).toEqual(["apiSecret", "pin", "url"]);
    expect(redactEchoes("fetch https://u:pw12@h/x.csv?token=t0k3n with hunter22", r)).toBe(
      `fetch https://u:***@h/x.csv?token=*** with <secret sha256:${hash}>`,
    );
  });

  it("coerceParameters never quotes a secret value in its error", () => {
    const error = (() => {
      try {
        coerceParameters(
          [{ name: "pin", value: "hunter22", fromText: true, origin: "-p" }],
          PARAMS,
          "nb.ipynb",
        );
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/invalid parameter pin for nb.ipynb: <secret sha256:/);
    expect((error as Error).message).not.toContain("hunter22");
  });
});
