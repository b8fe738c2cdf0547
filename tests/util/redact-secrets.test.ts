import { describe, expect, it } from "vitest";
import { redactDeep, redactSecrets } from "../../src/util/redact-secrets.js";

// Every credential form PowerFlow is known to meet; `secret` must vanish, `kept` must survive.
const FORMS: { form: string; text: string; secret: string; redacted: string }[] = [
  {
    form: "URL password",
    text: "postgres://etl:hunter22@db:5432/grid?table=load",
    secret: "hunter22",
    redacted: "postgres://etl:***@db:5432/grid?table=load",
  },
  {
    form: "URL password without user",
    text: "postgres://:hunter22@db/grid",
    secret: "hunter22",
    redacted: "postgres://:***@db/grid",
  },
  {
    form: "URL password holding @",
    text: "postgres://etl:p@ss@w0rd@db/grid",
    secret: "ss@w0rd",
    redacted: "postgres://etl:***@db/grid",
  },
  {
    form: "URL password without path",
    text: "git+https://bot:tok3n@host",
    secret: "tok3n",
    redacted: "git+https://bot:***@host",
  },
  {
    form: "?password=",
    text: "postgres://etl@db/grid?password=hunter22&table=load",
    secret: "hunter22",
    redacted: "postgres://etl@db/grid?password=***&table=load",
  },
  {
    form: "?sslpassword=",
    text: "postgres://etl@db/grid?sslmode=require&sslpassword=keyPass9",
    secret: "keyPass9",
    redacted: "postgres://etl@db/grid?sslmode=require&sslpassword=***",
  },
  {
    form: "?token=",
    text: "https://h/x.csv?token=SECRET",
    secret: "SECRET",
    redacted: "https://h/x.csv?token=***",
  },
  {
    form: "?api_key= and ?key=",
    text: "https://api.eia.gov/v2?api_key=abc123&key=def456&frequency=hourly",
    secret: "abc123",
    redacted: "https://api.eia.gov/v2?api_key=***&key=***&frequency=hourly",
  },
  {
    form: "GCS signed URL",
    text: "https://storage.googleapis.com/b/o.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam%2F20240601&X-Goog-Signature=0a1b2c3d",
    secret: "0a1b2c3d",
    redacted:
      "https://storage.googleapis.com/b/o.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=***&X-Goog-Signature=***",
  },
  {
    form: "S3 presigned URL",
    text: "https://s3.amazonaws.com/b/o?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=feedbeef&X-Amz-Security-Token=IQo",
    secret: "feedbeef",
    redacted:
      "https://s3.amazonaws.com/b/o?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Security-Token=***",
  },
  {
    form: "Azure SAS ?sig=",
    text: "https://a.blob.core.windows.net/c/o?sv=2022&sig=AbCd%2B%3D",
    secret: "AbCd",
    redacted: "https://a.blob.core.windows.net/c/o?sv=2022&sig=***",
  },
  {
    form: "?access_token= and ?client_secret=",
    text: "https://h/api?access_token=ya29.x&client_secret=shh1",
    secret: "ya29",
    redacted: "https://h/api?access_token=***&client_secret=***",
  },
  {
    form: "secret inside an error message",
    text: 'connect failed at "postgres://etl:hunter22@db/grid" (expected a server)',
    secret: "hunter22",
    redacted: 'connect failed at "postgres://etl:***@db/grid" (expected a server)',
  },
];

describe("redactSecrets", () => {
  it.each(FORMS)("redactSecrets removes the $form", ({ text, secret, redacted }) => {
    const out = redactSecrets(text);
    expect(out).toBe(redacted);
    expect(out).not.toContain(secret);
  });

  it("redactSecrets leaves ordinary URLs, ports and emails alone", () => {
    for (const text of [
      "https://host:8080/path?table=load&frequency=hourly",
      "git+ssh://git@bitbucket.org/team/data.git#main",
      "contact ops@example.com or see https://h/x?monkey=1&keyboard=2",
      "data/raw/PJME_hourly.csv",
    ])
      expect(redactSecrets(text)).toBe(text);
  });

  it("redactSecrets(text, secrets) removes named values raw and URL-encoded", () => {
    expect(redactSecrets("key a/b+c= and a%2Fb%2Bc%3D", ["a/b+c="])).toBe("key *** and ***");
    expect(redactSecrets("short ab stays", ["ab"])).toBe("short ab stays");
  });

  it("redactDeep(value) redacts every string of nested data and keeps other values", () => {
    const when = new Date("2024-06-01T00:00:00Z");
    expect(
      redactDeep({
        input: "postgres://u:pw12@h/db",
        list: ["https://h/x?token=t0k3n", 3],
        when,
        on: true,
      }),
    ).toEqual({
      input: "postgres://u:***@h/db",
      list: ["https://h/x?token=***", 3],
      when,
      on: true,
    });
  });

  it("redactDeep(value) replaces whole strings under secret-looking keys", () => {
    expect(
      redactDeep({ source: { password: "pw", apiKey: "k1", client_secret: "s", tokenizer: "t" } }),
    ).toEqual({ source: { password: "***", apiKey: "***", client_secret: "***", tokenizer: "t" } });
  });
});
