/** The API reference page's stylesheet, served same-origin at `/docs/docs.css` (a CSP forbids inline styles). */
export const DOCS_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #5b6470; --line: #d8dee4; --code: #f3f5f7; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9aa4af; --line: #30363d; --code: #161b22; } }
* { box-sizing: border-box; }
body { margin: 0; display: grid; grid-template-columns: 18rem 1fr; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 1rem; border-right: 1px solid var(--line); font-size: 13px; }
nav ul { list-style: none; padding-left: .75rem; margin: .25rem 0; }
nav > ul { padding-left: 0; }
nav a { color: inherit; text-decoration: none; }
nav a:hover, nav a:focus { text-decoration: underline; }
main { padding: 1rem 2rem 4rem; max-width: 60rem; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
.op { border: 1px solid var(--line); border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; }
.method { display: inline-block; min-width: 4.5rem; text-align: center; border-radius: 4px; padding: 0 .4rem; font-size: 13px; color: #fff; }
.get { background: #1f6feb; } .post { background: #1a7f37; } .put { background: #8250df; } .patch { background: #9a6700; } .delete { background: #cf222e; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
pre { background: var(--code); padding: .75rem; border-radius: 6px; overflow: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.muted { color: var(--muted); font-weight: normal; }
.responses { padding-left: 1rem; }
@media (max-width: 50rem) { body { grid-template-columns: 1fr; } nav { position: static; height: auto; border-right: 0; } }
`;
