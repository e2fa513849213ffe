// The widget's whole stylesheet, adopted into its shadow root. Pixels, not rem (hosts set `html{font-size:62.5%}`);
// `:host` declarations are `!important` because only those beat a host page's global `!important` rules.
// Dark colours: forced (`dk`) or following the system (`au`). Rules only lazily loaded views use (errors, fields,
// secondary buttons, search marks) are in `chatStyles.ts` and `pageStyles.ts`, loaded with those views.
const DARK =
  '--bg:#1c1d21;--fg:#eceef2;--mu:#a9adb6;--bd:#454952;--sf:#292b31;--ac:var(--acd);--er:#ff8a80;--ok:#7ddc8f;color-scheme:dark';

export const CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;inset:auto!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;transform:none!important;filter:none!important;visibility:visible!important;opacity:1!important}
.r{--bg:#fff;--fg:#1c1d21;--mu:#5c5f66;--bd:#d5d8de;--sf:#f3f4f6;--ac:var(--acl);--er:#b3261e;--ok:#1e7b34;
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);}
.r.dk{${DARK}}
@media (prefers-color-scheme:dark){.r.au{${DARK}}}
*,*::before,*::after{box-sizing:border-box}
button,input,textarea,select{font:inherit;color:inherit;letter-spacing:inherit;margin:0}
button{cursor:pointer;background:none;border:0;padding:0;text-align:inherit}
h1,h2,h3,p,ul,ol{margin:0;padding:0}
ul{list-style:none}
a{color:var(--ac)}
:focus{outline:none}
:focus-visible{outline:3px solid var(--ac);outline-offset:2px;border-radius:6px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.la{position:fixed;bottom:var(--y);right:var(--x);width:56px;height:56px;border-radius:50%;background:var(--b);color:var(--ob);display:grid;place-items:center;box-shadow:0 4px 16px rgba(0,0,0,.25)}
.la:hover{filter:brightness(1.1)}
.l .la{right:auto;left:var(--x)}
.la svg{width:28px;height:28px}
.la:focus-visible{outline-color:var(--b);outline-offset:3px}
.bg{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c5221f;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;border:2px solid #fff}
.p{position:fixed;bottom:calc(var(--y) + 68px);right:var(--x);width:var(--w);height:min(var(--h),calc(100dvh - var(--y) - 88px));background:var(--bg);border-radius:16px;box-shadow:0 12px 48px rgba(0,0,0,.28);display:flex;flex-direction:column;overflow:hidden;animation:in .18s ease-out}
.l .p{right:auto;left:var(--x)}
.nl .p{bottom:var(--y)}
.w{visibility:hidden;animation:none}
@keyframes in{from{opacity:0;transform:translateY(12px)}}
@media (max-width:520px){.p{inset:0;width:100%;height:var(--vh,100dvh);border-radius:0}.l .p{left:0}.la.o{display:none}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important}}
.hd{background:var(--b);color:var(--ob);padding:14px 16px;display:flex;align-items:center;gap:10px;flex:none}
.hd h2{font-size:17px;font-weight:650;flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hd img{width:28px;height:28px;border-radius:6px;object-fit:cover}
.ib{width:36px;height:36px;border-radius:8px;display:grid;place-items:center;flex:none}
.ib:hover{background:rgba(127,127,127,.2)}
.hd .ib:focus-visible{outline-color:var(--ob)}
.ib:focus-within{outline:3px solid var(--ac);outline-offset:2px}
.ib svg,.btn svg{width:20px;height:20px}
[dir=rtl] .fl{transform:scaleX(-1)}
.bd{flex:1;overflow:auto;overscroll-behavior:contain;padding:16px;display:flex;flex-direction:column;gap:14px}
.nav{display:flex;border-top:1px solid var(--bd);flex:none;background:var(--bg)}
.nav button{flex:1;padding:8px 4px 10px;display:flex;flex-direction:column;align-items:center;gap:2px;font-size:12px;color:var(--mu);position:relative}
.nav button[aria-current=page]{color:var(--ac);font-weight:650}
.nav svg{width:22px;height:22px}
.nav .bg{border:0;min-width:18px;height:18px;line-height:18px;font-size:11px;padding:0 5px;top:4px;left:calc(50% + 6px)}
.hero{background:var(--b);color:var(--ob);margin:-16px -16px 0;padding:8px 20px 28px}
.hero h1{font-size:24px;font-weight:700;line-height:1.25}
.hero p{font-size:17px;opacity:.92;margin-top:4px}
.card{background:var(--bg);border:1px solid var(--bd);border-radius:12px;padding:14px;display:flex;flex-direction:column;gap:10px}
.card h3{font-size:13px;font-weight:650;color:var(--mu);text-transform:uppercase;letter-spacing:.04em}
.av{display:flex;align-items:center;gap:8px;font-weight:600}
.dot{width:10px;height:10px;border-radius:50%;background:#9aa0a6;flex:none}
.dot.on{background:#1e8e3e}
.mu{color:var(--mu);font-size:14px}
.row{display:flex;align-items:center;gap:10px;width:100%;padding:10px;border-radius:10px;text-decoration:none;color:inherit}
.row:hover{background:var(--sf)}
.row>svg{width:20px;height:20px;flex:none;color:var(--ac)}
.row>span{flex:1;min-width:0}
.row .t,.row .s{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.row .t{font-weight:600}
.row .s{color:var(--mu);font-size:14px}
.in{width:100%;min-height:44px;padding:10px 12px;border:1px solid var(--mu);border-radius:10px;background:var(--bg);font-size:16px}
.in:focus-visible{outline-offset:0;border-color:var(--ac)}
.btn{min-height:44px;padding:10px 16px;border-radius:10px;background:var(--b);color:var(--ob);font-weight:650;display:inline-flex;align-items:center;justify-content:center;gap:8px}
.p:focus{outline:none}
.rw{display:flex;gap:6px;align-items:flex-end}
.lab{font-weight:600;font-size:14px}
.row .bg{position:static;border:0}
`;
