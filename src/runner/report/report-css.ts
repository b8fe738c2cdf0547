/** The report's own stylesheet. */
const ANSI = [
  "black:#3e424d",
  "red:#c23621",
  "green:#25bc24",
  "yellow:#adad27",
  "blue:#492ee1",
  "magenta:#d338d3",
  "cyan:#33bbc8",
  "white:#cbcccd",
];
const ANSI_BRIGHT = [
  "black:#686868",
  "red:#ff6e67",
  "green:#5ffa68",
  "yellow:#fffc67",
  "blue:#6871ff",
  "magenta:#ff77ff",
  "cyan:#60fdff",
  "white:#ffffff",
];

function ansiRules(): string {
  const rules: string[] = [];
  for (const [list, prefix] of [
    [ANSI, ""],
    [ANSI_BRIGHT, "bright-"],
  ] as const) {
    for (const entry of list) {
      const [name, color] = entry.split(":");
      rules.push(
        `.ansi-${prefix}${name}-fg{color:${color}}.ansi-${prefix}${name}-bg{background:${color}}`,
      );
    }
  }
  return rules.join("");
}

/** The CSS every report carries. */
export const REPORT_CSS = `
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg-code:#f6f8fa;--accent:#0969da;--bad:#cf222e;--ok:#1a7f37}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
.pf-layout{display:flex;gap:2rem;max-width:1280px;margin:0 auto;padding:1.5rem}
.pf-toc{flex:0 0 220px;position:sticky;top:1rem;align-self:flex-start;max-height:95vh;overflow:auto;font-size:13px}
.pf-toc ul{list-style:none;padding-left:.8rem;margin:.2rem 0}.pf-toc>ul{padding-left:0}
.pf-toc a{color:var(--muted);text-decoration:none}.pf-toc a:hover{color:var(--accent)}
main{flex:1;min-width:0}
@media (max-width:900px){.pf-layout{display:block}.pf-toc{position:static;max-height:none}}
.pf-banner{border:1px solid var(--bad);background:#ffebe9;padding:.6rem 1rem;border-radius:6px;margin-bottom:1rem}
.pf-cell{margin:0 0 1rem}
.pf-input pre{margin:0;padding:.6rem .8rem;background:var(--bg-code);border:1px solid var(--line);border-radius:6px;overflow:auto;font-size:13px}
.pf-prompt{color:var(--muted);font:12px ui-monospace,monospace;margin-bottom:.15rem}
.pf-outputs{margin-top:.4rem}
.pf-output{overflow:auto;max-width:100%}
.pf-output pre,.pf-error pre{margin:.2rem 0;padding:.4rem .6rem;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;word-break:break-word}
.pf-stderr pre{background:#fff8f0}
.pf-error{border-left:4px solid var(--bad);background:#fff5f5;padding:.3rem .6rem;border-radius:4px}
.pf-error .pf-ename{font-weight:600;color:var(--bad)}
.pf-failed .pf-input pre{border-color:var(--bad);box-shadow:0 0 0 2px #ffcecb}
.pf-not-run{opacity:.55}
.pf-tag{display:inline-block;font-size:11px;padding:0 .4rem;border-radius:999px;border:1px solid var(--line);color:var(--muted);margin-left:.4rem}
.pf-metric{display:inline-block;border:1px solid var(--line);border-radius:8px;padding:.3rem .7rem;margin:.2rem .4rem .2rem 0}
.pf-metric b{display:block;font-size:1.2em}
.pf-metric span{color:var(--muted);font-size:12px}
.pf-plotly{width:100%;min-height:360px}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:left}th{background:var(--bg-code)}
.pf-markdown img,.pf-output img{max-width:100%}
details.pf-hidden-input summary{cursor:pointer;color:var(--muted);font-size:12px}
footer{margin-top:2.5rem;border-top:1px solid var(--line);padding-top:1rem;font-size:13px;color:var(--muted)}
footer table{width:100%;table-layout:fixed}footer th{width:8rem}footer td{overflow-wrap:anywhere}
footer pre{background:var(--bg-code);padding:.6rem;border-radius:6px;overflow:auto;max-height:24rem}
.pf-duration{float:right;color:var(--muted);font:12px ui-monospace,monospace}
.pf-anchor{margin-left:.4rem;color:var(--line);text-decoration:none;font-size:.8em}
.ansi-bold{font-weight:700}.ansi-italic{font-style:italic}.ansi-underline{text-decoration:underline}
${ansiRules()}
`;
