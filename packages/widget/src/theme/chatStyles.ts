/**
 * Styles of the chat thread, composer and away notice, adopted when the thread view first loads. The rules of
 * secondary buttons, errors, fields and chips are in `pageStyles.ts` too: the panel's own stylesheet has no bytes
 * for them, and the thread must not load the pages' sheet.
 */
export const CHAT_CSS = `
.btn2{min-height:40px;padding:8px 14px;border-radius:10px;border:1px solid var(--bd);font-weight:600}
.er{color:var(--er);font-size:14px;font-weight:600}
.fld{display:flex;flex-direction:column;gap:4px}
.fld label{font-weight:600;font-size:14px}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.th{padding:0;gap:0}
.ms{flex:1;overflow:auto;overscroll-behavior:contain;padding:16px;display:flex;flex-direction:column;gap:6px}
.m{display:flex;flex-direction:column;align-items:flex-start;max-width:85%}
.m.v{align-self:flex-end;align-items:flex-end}
.m.y{align-self:center;align-items:center;max-width:100%}
.au{display:flex;align-items:center;gap:6px;font-size:13px;color:var(--mu);margin:8px 0 2px}
.au img,.au .ini{width:22px;height:22px;border-radius:50%;object-fit:cover}
.ini{display:grid;place-items:center;background:var(--sf);font-size:11px;font-weight:700;color:var(--fg)}
.bu{padding:9px 13px;border-radius:16px;background:var(--sf);white-space:pre-wrap;overflow-wrap:anywhere}
.v .bu{background:var(--b);color:var(--ob)}
.v .bu a{color:inherit}
.y .bu{background:none;color:var(--mu);font-size:14px;text-align:center}
.bu code{font-family:ui-monospace,monospace;font-size:.92em;background:rgba(127,127,127,.18);padding:0 3px;border-radius:4px}
.b .bu{background:none;border:1px solid var(--bd)}
.src{font-size:13px;color:var(--mu);margin:4px 0 0}
.src button{color:var(--ac);text-decoration:underline;font-weight:600}
.bq{border:0;padding:0;margin:6px 0 0;display:flex;gap:8px;flex-wrap:wrap}
.bq legend{font-size:14px;font-weight:600;margin-bottom:6px}
.st{font-size:12px;color:var(--mu);margin-top:2px;display:flex;gap:6px;align-items:center}
.st.f{color:var(--er);font-weight:600}
.st button{color:var(--ac);text-decoration:underline;font-weight:650}
.at{display:flex;flex-direction:column;gap:4px;margin-top:4px}
.at img{max-width:220px;max-height:160px;border-radius:10px;display:block}
.sg{padding:4px 10px 0;border-top:1px solid var(--bd)}
.sg .row{padding:6px 10px}
.mt{align-self:flex-end;font-size:13px;color:var(--mu);padding:6px 12px 2px;min-height:24px;flex:none}
.mt[aria-pressed=true]{color:var(--ac);font-weight:600}
.mt[aria-pressed=true]::before{content:"\\2713  "}
.ty{font-size:13px;color:var(--mu);padding:4px 16px;min-height:24px}
.cp{border-top:1px solid var(--bd);padding:10px;display:flex;flex-direction:column;gap:6px;flex:none}
.cn{margin:0 10px 10px;flex:none}
.cp textarea{max-height:120px}
.chip{display:inline-flex;align-items:center;gap:4px;font-size:13px;background:var(--sf);border-radius:8px;padding:2px 4px 2px 8px}
.chip button{width:28px;height:28px;display:grid;place-items:center}
.bn{background:var(--sf);padding:8px 12px;font-size:14px;text-align:center}
.ok{color:var(--ok);font-weight:650}
textarea.in{resize:none;display:block}
.fld .in[aria-invalid=true]{border-color:var(--er)}
.btn:disabled{opacity:.6;cursor:default}
`;
