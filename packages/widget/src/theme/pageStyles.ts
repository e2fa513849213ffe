/** Styles of articles, feedback and forms, adopted when those views first load. */
export const PAGE_CSS = `
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
