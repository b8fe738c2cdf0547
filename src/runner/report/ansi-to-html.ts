/** Converts text with ANSI SGR colour codes into escaped HTML with coloured spans. */
import { escapeHtml } from "./escape-html.js";

const BASIC = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/**
 * Returns `text` as HTML: colours 30–37/90–97 (and backgrounds), 256-colour and true-colour
 * codes, bold/italic/underline; other escape sequences are dropped; "\r" overwrites the line.
 */
export function ansiToHtml(text: string): string {
  const lines = text
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r", line.length - 2) + 1));
  const source = lines.join("\n");
  let out = "";
  let style: Style = {};
  let at = 0;
  // eslint-disable-next-line no-control-regex -- ANSI sequences start with the ESC control character
  const pattern = /\u001b\[([\d;]*)([A-Za-z])/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    out += span(source.slice(at, match.index), style);
    at = match.index + match[0].length;
    if (match[2] === "m") style = applySgr(style, match[1] ?? "");
  }
  return out + span(source.slice(at), style);
}

function span(text: string, style: Style): string {
  if (text === "") return "";
  const classes: string[] = [];
  const css: string[] = [];
  for (const [key, value] of [
    ["fg", style.fg],
    ["bg", style.bg],
  ] as const) {
    if (value === undefined) continue;
    if (value.startsWith("#")) css.push(`${key === "fg" ? "color" : "background-color"}:${value}`);
    else classes.push(`ansi-${value}-${key}`);
  }
  if (style.bold) classes.push("ansi-bold");
  if (style.italic) classes.push("ansi-italic");
  if (style.underline) classes.push("ansi-underline");
  const body = escapeHtml(text.replaceAll("\r", ""));
  if (classes.length === 0 && css.length === 0) return body;
  const cls = classes.length ? ` class="${classes.join(" ")}"` : "";
  const st = css.length ? ` style="${css.join(";")}"` : "";
  return `<span${cls}${st}>${body}</span>`;
}

function applySgr(current: Style, params: string): Style {
  const codes = params === "" ? [0] : params.split(";").map(Number);
  let style = { ...current };
  for (let i = 0; i < codes.length; i += 1) {
    const code = codes[i]!;
    if (code === 0) style = {};
    else if (code === 1) style.bold = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 22) style.bold = false;
    else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code >= 30 && code <= 37) style.fg = BASIC[code - 30];
    else if (code >= 90 && code <= 97) style.fg = `bright-${BASIC[code - 90]}`;
    else if (code >= 40 && code <= 47) style.bg = BASIC[code - 40];
    else if (code >= 100 && code <= 107) style.bg = `bright-${BASIC[code - 100]}`;
    else if (code === 39) style.fg = undefined;
    else if (code === 49) style.bg = undefined;
    else if (code === 38 || code === 48) {
      const [color, used] = extendedColor(codes, i + 1);
      if (color) style[code === 38 ? "fg" : "bg"] = color;
      i += used;
    }
  }
  return style;
}

function extendedColor(codes: number[], at: number): [string | undefined, number] {
  if (codes[at] === 5) return [xterm256(codes[at + 1] ?? 0), 2];
  if (codes[at] === 2) return [hex(codes[at + 1] ?? 0, codes[at + 2] ?? 0, codes[at + 3] ?? 0), 4];
  return [undefined, 0];
}

function xterm256(n: number): string {
  if (n < 8) return BASIC[n]!;
  if (n < 16) return `bright-${BASIC[n - 8]}`;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return hex(v, v, v);
  }
  const i = n - 16;
  const level = (x: number): number => (x === 0 ? 0 : 55 + x * 40);
  return hex(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
}

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, "0")).join("")}`;
}
