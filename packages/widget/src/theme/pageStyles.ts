/**
 * Styles of help search, articles, feedback and forms, adopted when those views first load (the first rules are in
 * `chatStyles.ts` too: see there).
 */
export const PAGE_CSS = `
.btn2{min-height:40px;padding:8px 14px;border-radius:10px;border:1px solid var(--bd);font-weight:600}
.er{color:var(--er);font-size:14px;font-weight:600}
.fld{display:flex;flex-direction:column;gap:4px}
.fld label{font-weight:600;font-size:14px}
.chips{display:flex;flex-wrap:wrap;gap:6px}
mark{background:#fff3a3;color:#1c1d21;border-radius:3px;padding:0 1px}
.s2{display:block;color:var(--mu);font-size:14px}
output{display:block}
.ar{line-height:1.6;overflow-wrap:anywhere}
.ar h1{font-size:21px;line-height:1.3;margin-bottom:6px}
.ar h2{font-size:18px;margin:14px 0 6px}
.ar h3{font-size:16px;margin:12px 0 4px}
.ar p{margin:0 0 10px}
.ar ul,.ar ol{padding-inline-start:22px;margin:0 0 10px}
.ar ul{list-style:disc}
.ar ol{list-style:decimal}
.ar pre{background:var(--sf);padding:10px;border-radius:8px;overflow:auto;font-size:13px}
.ar img{max-width:100%}
.ar blockquote{border-inline-start:3px solid var(--bd);margin:0 0 10px;padding-inline-start:10px;color:var(--mu)}
.fb{border:0;padding:0;margin:0;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.ck{display:flex;gap:8px;align-items:center;min-height:32px}
.ck input{width:20px;height:20px;accent-color:var(--b)}
.ok{color:var(--ok);font-weight:650}
textarea.in{resize:none;display:block}
.fld .in[aria-invalid=true]{border-color:var(--er)}
.btn:disabled{opacity:.6;cursor:default}
`;
