/** Renders markdown (GFM) to HTML with server-side KaTeX math and heading anchors. */
import katex from "katex";
import { Marked, type Tokens } from "marked";
import { escapeHtml } from "./escape-html.js";
import { isSafeImage, isSafeLink } from "./safe-link.js";

/** A heading found while rendering, for the table of contents. */
export interface Heading {
  depth: number;
  text: string;
  id: string;
}

/** Per-report state: heading ids stay unique across cells, math use switches KaTeX CSS on. */
export interface MarkdownContext {
  headings: Heading[];
  usedIds: Set<string>;
  usesMath: boolean;
}

/** Returns a fresh context for one report. */
export function createMarkdownContext(): MarkdownContext {
  return { headings: [], usedIds: new Set(), usesMath: false };
}

/**
 * Returns `markdown` as HTML. `trusted` (markdown cells written by the notebook's author)
 * keeps raw HTML; untrusted text (text/markdown outputs built from data) has it escaped.
 */
export function renderMarkdown(
  markdown: string,
  context: MarkdownContext,
  options: { trusted?: boolean } = {},
): string {
  const marked = new Marked({ gfm: true, async: false });
  const math = (text: string, displayMode: boolean): string => {
    context.usesMath = true;
    return katex.renderToString(text, { displayMode, throwOnError: false, output: "html" });
  };
  marked.use({
    extensions: [
      {
        name: "blockMath",
        level: "block",
        start: (src: string) => src.indexOf("$$"),
        tokenizer(src: string) {
          const match = /^\$\$([\s\S]+?)\$\$[^\S\n]*(?:\n|$)/.exec(src);
          if (match) return { type: "blockMath", raw: match[0], text: match[1]!.trim() };
          return undefined;
        },
        renderer: (token) => `<div class="pf-math">${math(String(token.text), true)}</div>\n`,
      },
      {
        name: "inlineMath",
        level: "inline",
        start: (src: string) => src.indexOf("$"),
        tokenizer(src: string) {
          const match = /^\$(?![\s$])((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
          if (match) return { type: "inlineMath", raw: match[0], text: match[1]! };
          return undefined;
        },
        renderer: (token) => math(String(token.text), false),
      },
    ],
    renderer: {
      heading(
        this: { parser: { parseInline(tokens: Tokens.Generic[]): string } },
        token: Tokens.Heading,
      ) {
        const inner = this.parser.parseInline(token.tokens);
        const text = inner.replace(/<[^>]*>/g, "").trim();
        const id = uniqueId(text, context.usedIds);
        context.headings.push({ depth: token.depth, text, id });
        return `<h${token.depth} id="${id}">${inner}<a class="pf-anchor" href="#${id}" aria-hidden="true">#</a></h${token.depth}>\n`;
      },
      // A javascript: (or any other unsafe) link keeps its text and loses its target.
      link(
        this: { parser: { parseInline(tokens: Tokens.Generic[]): string } },
        token: Tokens.Link,
      ) {
        const inner = this.parser.parseInline(token.tokens);
        if (!isSafeLink(token.href)) return `<span class="pf-unsafe-link">${inner}</span>`;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        return `<a href="${escapeHtml(token.href)}"${title}>${inner}</a>`;
      },
      image(token: Tokens.Image) {
        if (!isSafeImage(token.href)) return escapeHtml(token.text);
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}"${title}>`;
      },
      html(token: Tokens.HTML | Tokens.Tag) {
        return options.trusted ? token.text : escapeHtml(token.text);
      },
    },
  });
  return marked.parse(markdown) as string;
}

function uniqueId(text: string, used: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/&[a-z#0-9]+;/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "") || "section";
  let id = base;
  for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
  used.add(id);
  return id;
}
