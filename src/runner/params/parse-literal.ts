/**
 * A small reader for the TypeScript a parameters cell may hold: `const name[: Type] = literal;`
 * statements, where a literal is a number, string, template without `${}`, boolean, null,
 * `new Date("…")`, or an array/object of literals. Anything else is refused with line:column.
 */

/** One `const` statement of a parameters cell. */
export interface LiteralDeclaration {
  name: string;
  /** The type annotation's text, if any. */
  annotation: string | undefined;
  value: unknown;
  /** The literal's source text. */
  text: string;
  line: number;
  column: number;
}

/** A parse failure at a 1-based line and column. */
export class LiteralSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Returns every declaration in `source`; throws LiteralSyntaxError on anything else. */
export function parseLiteralDeclarations(source: string): LiteralDeclaration[] {
  const reader = new Reader(source);
  const out: LiteralDeclaration[] = [];
  for (;;) {
    reader.skipTrivia();
    if (reader.done()) return out;
    reader.word("export");
    reader.skipTrivia();
    const keyword = reader.identifier();
    if (keyword !== "const" && keyword !== "let" && keyword !== "var") {
      reader.fail(`unexpected ${JSON.stringify(keyword ?? reader.peek())}`, "a const declaration");
    }
    do {
      reader.skipTrivia();
      const [line, column] = reader.position();
      const name = reader.identifier() ?? reader.fail("missing name", "an identifier");
      reader.skipTrivia();
      const annotation = reader.peek() === ":" ? reader.annotation() : undefined;
      reader.expect("=");
      reader.skipTrivia();
      const start = reader.index;
      const value = reader.literal();
      const text = source.slice(start, reader.index);
      reader.skipTrivia();
      if (reader.word("as")) reader.annotationUntilEnd();
      out.push({ name, annotation, value, text, line, column });
      reader.skipTrivia();
    } while (reader.eat(","));
    reader.eat(";");
  }
}

const OWN = { enumerable: true, writable: true, configurable: true };

/** Deepest nesting of arrays, objects and dates a literal may have. */
export const MAX_LITERAL_DEPTH = 64;

class Reader {
  index = 0;
  private depth = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    return this.index >= this.src.length;
  }
  peek(offset = 0): string {
    return this.src[this.index + offset] ?? "";
  }
  position(): [number, number] {
    const before = this.src.slice(0, this.index).split("\n");
    return [before.length, before[before.length - 1]!.length + 1];
  }
  fail(problem: string, expected: string): never {
    const [line, column] = this.position();
    throw new LiteralSyntaxError(`${problem} (expected ${expected})`, line, column);
  }
  eat(text: string): boolean {
    this.skipTrivia();
    if (!this.src.startsWith(text, this.index)) return false;
    this.index += text.length;
    return true;
  }
  expect(text: string): void {
    if (!this.eat(text))
      this.fail(`unexpected ${JSON.stringify(this.peek() || "end of cell")}`, `"${text}"`);
  }
  word(word: string): boolean {
    this.skipTrivia();
    const re = new RegExp(`^${word}(?![\\w$])`);
    if (!re.test(this.src.slice(this.index))) return false;
    this.index += word.length;
    return true;
  }
  identifier(): string | undefined {
    const match = /^[A-Za-z_$][\w$]*/.exec(this.src.slice(this.index));
    if (!match) return undefined;
    this.index += match[0].length;
    return match[0];
  }
  skipTrivia(): void {
    for (;;) {
      const rest = this.src.slice(this.index);
      const match = /^(\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
      if (!match) return;
      this.index += match[0].length;
    }
  }
  // A type annotation runs to the "=" at bracket depth 0 that is not part of "=>".
  annotation(): string {
    this.index += 1;
    const start = this.index;
    let depth = 0;
    while (!this.done()) {
      const c = this.peek();
      if (c === '"' || c === "'" || c === "`") this.string();
      else {
        if ("([{<".includes(c)) depth += 1;
        if (")]}>".includes(c) && !(c === ">" && this.src[this.index - 1] === "=")) depth -= 1;
        if (c === "=" && depth === 0 && this.peek(1) !== ">") break;
        this.index += 1;
      }
    }
    return this.src.slice(start, this.index).trim();
  }
  annotationUntilEnd(): void {
    while (!this.done() && !";\n".includes(this.peek())) this.index += 1;
  }
  literal(): unknown {
    this.skipTrivia();
    const c = this.peek();
    if (c === '"' || c === "'" || c === "`") return this.string();
    if (/[-+.\d]/.test(c)) return this.number();
    if (this.word("true")) return true;
    if (this.word("false")) return false;
    if (this.word("null")) return null;
    if (c !== "[" && c !== "{" && !this.word("new")) {
      return this.fail(
        `unsupported parameter value ${JSON.stringify(this.src.slice(this.index, this.index + 60).split("\n")[0])}`,
        'a literal: number, string, boolean, null, new Date("…"), array or object',
      );
    }
    // Arrays, objects and dates hold literals: bounded, so no input overflows the stack.
    if (this.depth >= MAX_LITERAL_DEPTH)
      this.fail(
        "value nested too deeply",
        `at most ${MAX_LITERAL_DEPTH} levels of arrays and objects`,
      );
    this.depth += 1;
    const value = c === "[" ? this.array() : c === "{" ? this.object() : this.date();
    this.depth -= 1;
    return value;
  }
  private date(): Date {
    this.skipTrivia();
    if (!this.word("Date")) this.fail("unsupported constructor", 'new Date("…")');
    this.expect("(");
    const arg = this.literal();
    this.expect(")");
    const date = new Date(arg as string | number);
    if ((typeof arg !== "string" && typeof arg !== "number") || Number.isNaN(date.getTime())) {
      this.fail(`invalid date ${JSON.stringify(arg)}`, "an ISO 8601 date");
    }
    return date;
  }
  private number(): number {
    const match =
      /^[-+]?(0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d[\d_]*([eE][-+]?\d+)?)/.exec(
        this.src.slice(this.index),
      );
    if (!match) return this.fail("invalid number", "a number literal");
    this.index += match[0].length;
    const text = match[0].replaceAll("_", "");
    const sign = text.startsWith("-") ? -1 : 1;
    const body = text.replace(/^[-+]/, "");
    return sign * (/^0[xXbBoO]/.test(body) ? Number(body) : Number.parseFloat(body));
  }
  private string(): string {
    const quote = this.peek();
    this.index += 1;
    let out = "";
    while (!this.done() && this.peek() !== quote) {
      const c = this.peek();
      if (quote === "`" && c === "$" && this.peek(1) === "{")
        this.fail("template substitution", "a literal string");
      if (c === "\n" && quote !== "`") this.fail("unterminated string", `a closing ${quote}`);
      if (c === "\\") {
        out += this.escape();
      } else {
        out += c;
        this.index += 1;
      }
    }
    if (this.done()) this.fail("unterminated string", `a closing ${quote}`);
    this.index += 1;
    return out;
  }
  private escape(): string {
    const next = this.peek(1);
    this.index += 2;
    const simple: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      b: "\b",
      f: "\f",
      v: "\v",
      "0": "\0",
      "\n": "",
    };
    if (next in simple) return simple[next]!;
    const hex =
      next === "x"
        ? /^[\da-fA-F]{2}/
        : next === "u"
          ? /^(\{[\da-fA-F]+\}|[\da-fA-F]{4})/
          : undefined;
    if (!hex) return next;
    const match = hex.exec(this.src.slice(this.index));
    if (!match) return this.fail("invalid escape", "a hex escape");
    const code = Number.parseInt(match[0].replace(/[{}]/g, ""), 16);
    if (code > 0x10ffff) return this.fail("invalid escape", "a code point up to \\u{10FFFF}");
    this.index += match[0].length;
    return String.fromCodePoint(code);
  }
  private array(): unknown[] {
    this.index += 1;
    const out: unknown[] = [];
    while (!this.eat("]")) {
      out.push(this.literal());
      if (!this.eat(",")) {
        this.expect("]");
        break;
      }
    }
    return out;
  }
  // `["name"]`: a computed key, of a string literal only.
  private computedKey(): string {
    this.index += 1;
    this.skipTrivia();
    const c = this.peek();
    if (c !== '"' && c !== "'") this.fail(`unexpected ${JSON.stringify(c)}`, "a string key");
    const key = this.string();
    this.expect("]");
    return key;
  }
  private object(): Record<string, unknown> {
    this.index += 1;
    const out: Record<string, unknown> = {};
    while (!this.eat("}")) {
      this.skipTrivia();
      const c = this.peek();
      const key =
        c === "["
          ? this.computedKey()
          : c === '"' || c === "'"
            ? this.string()
            : (this.identifier() ?? (/\d/.test(c) ? String(this.number()) : undefined));
      if (key === undefined) this.fail(`unexpected ${JSON.stringify(c)}`, "a property name");
      this.expect(":");
      const value = this.literal();
      // As in JavaScript: `["__proto__"]: v` is an own property, `__proto__: v` the prototype.
      if (c === "[") Object.defineProperty(out, key, { value, ...OWN });
      else out[key] = value;
      if (!this.eat(",")) {
        this.expect("}");
        break;
      }
    }
    return out;
  }
}
