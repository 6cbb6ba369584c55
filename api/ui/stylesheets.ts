// The pages' styles as served files (/assets/<name>.<hash>.css), so that the Content-Security-Policy allows no inline
// style and no inline script. The hash in the name changes with the content, so a file can be cached for good.
import { createHash } from 'node:crypto';

export interface Stylesheet {
  /** /assets/<name>.<first 12 hex digits of its sha256>.css */
  path: string;
  css: string;
}

function stylesheet(name: string, css: string): Stylesheet {
  return { path: `/assets/${name}.${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`, css };
}

/**
 * Every page's style: the header (product, council, group), readable type and spacing, forms on a grid, statuses in
 * words and colour (the colour only repeats the word), tables that stack on a 360 px phone (layout.ts stackable:
 * each cell shows its column's name) and a print style. Colours meet WCAG AA contrast on their backgrounds.
 */
export const SITE_STYLE = stylesheet(
  'site',
  `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:52rem;padding:0 1rem 2rem;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1a1a1a;background:#fff}
body.signed-in{max-width:80rem}
h1{font-size:1.6rem;line-height:1.25;margin:1.25rem 0 .75rem}
h2{font-size:1.25rem;line-height:1.3;margin:1.75rem 0 .5rem}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
p,ul,ol{margin:.5rem 0}
a{color:#0645ad}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #0645ad;outline-offset:2px}
a[aria-current]{font-weight:bold;color:inherit;text-decoration:none}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;justify-content:space-between;align-items:flex-start;margin:0 -1rem;padding:.75rem 1rem;background:#0b3d5c;color:#fff;border-bottom:4px solid #d4a017;border-image:linear-gradient(#d4a017,#d4a017) 0 0 1 0/0 0 4px 0/0 100vmax;box-shadow:0 0 0 100vmax #0b3d5c;clip-path:inset(0 -100vmax)}
header.top a{color:#fff}
header.top a[aria-current]{text-decoration:underline;text-decoration-thickness:2px}
header.top .muted{color:#dfe9f0}
header.top button.link{color:#fff}
header.top a:focus-visible,header.top button:focus-visible{outline-color:#ffd54f}
.brand{display:flex;flex-direction:column;min-width:0}
.brand .product{font-weight:700;font-size:1.05rem;text-decoration:none}
.brand .council{font-size:1.15rem;font-weight:600}
.brand .group{font-size:.9rem;color:#dfe9f0}
.tools{display:flex;flex-direction:column;gap:.25rem;align-items:flex-end;font-size:.9rem}
.tools nav a{margin-right:.5rem}
nav.site{margin:0 -1rem;padding:.25rem 1rem;background:#eef3f7;box-shadow:0 0 0 100vmax #eef3f7;clip-path:inset(0 -100vmax)}
nav.site ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0;padding:0}
nav.site a{display:inline-block;padding:.35rem 0}
article{border-bottom:1px solid #ddd;padding:.5rem 0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}
.scroll{overflow-x:auto;margin:.5rem 0}
.scroll:focus-visible{outline:2px solid #0645ad;outline-offset:2px}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
thead th{background:#f3f5f7;border-bottom:2px solid #9aa7b2}
tbody tr:nth-child(even){background:#fafbfc}
form{margin:.75rem 0}
label{display:block;margin-top:.75rem;font-weight:600}
select,input,button,textarea{font:inherit;max-width:100%;padding:.45rem .5rem;border:1px solid #767676;border-radius:4px}
button{margin-top:.75rem;background:#0b3d5c;color:#fff;border-color:#0b3d5c;cursor:pointer;padding:.5rem 1rem}
button:hover{background:#124f75}
input[type=checkbox],input[type=radio]{width:auto;margin-right:.35rem}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=number],input[type=time],input[type=file],select,textarea{width:100%}
textarea{min-height:6rem}
@media (min-width:48rem){
form:not(.inline){display:grid;grid-template-columns:minmax(9rem,15rem) minmax(0,1fr);gap:.5rem 1rem;align-items:start;max-width:52rem}
form:not(.inline)>*{grid-column:1/-1;margin-top:0}
form:not(.inline)>label:has(+input:not([type=hidden]),+select,+textarea){grid-column:1;padding-top:.45rem}
form:not(.inline)>label+:is(input,select,textarea),form:not(.inline)>:is(input,select,textarea)+p{grid-column:2}
form:not(.inline)>button,form:not(.inline)>div:has(>button:only-child){grid-column:2;justify-self:start}
form:not(.inline)>input[type=hidden]{display:none}
}
.error{border:2px solid #b00020;color:#b00020;background:#fff5f6;padding:.5rem .75rem;border-radius:4px}
.muted{color:#555;font-size:.9rem}
form.inline{display:inline}
button.link{background:none;border:0;color:#0645ad;text-decoration:underline;padding:0;margin:0;cursor:pointer;border-radius:0}
.notice{border:2px solid #8a6d00;background:#fff8e1;padding:.5rem .75rem;border-radius:4px}
.ok{border:2px solid #1b5e20;background:#e8f5e9;padding:.5rem .75rem;border-radius:4px}
.overdue{color:#b00020;font-weight:600}
.status{font-weight:600;white-space:nowrap}.status-soon{color:#7a4d00}.status-open{color:#0b3d5c}.status-done{color:#1b5e20}.status-done::before{content:"\\2713  "}.status-closed{color:#555;font-weight:normal}
.overdue::before{content:"\\26A0\\FE0E  "}
tr.overdue-row{background:#fff5f6}
tr.overdue-row td:first-child{border-left:4px solid #b00020}
.pre-wrap{white-space:pre-wrap}.pre-line{white-space:pre-line}
label.plain{font-weight:normal}label.inline{display:inline;font-weight:normal}
.chart svg{max-width:576px}
ul.councils{list-style:none;padding:0}
ul.councils>li{border:1px solid #c9d6e0;border-left:6px solid #0b3d5c;border-radius:4px;padding:.5rem 1rem;margin:1rem 0}
ul.councils ul{padding-left:1.25rem}
ul.councils h2{margin-top:.5rem}
@media (max-width:40rem){
header.top{flex-direction:column}
.tools{flex-direction:row;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline}
nav.site ul{gap:0 1rem}nav.site a{padding:.3rem 0}
table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack tbody th{display:block;width:100%}
table.stack thead{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;padding:0}
table.stack tr{border:1px solid #c9d6e0;border-radius:4px;margin:0 0 .75rem;padding:.25rem .5rem;background:#fff}
table.stack td,table.stack tbody th{border:0;padding:.2rem 0;overflow-wrap:anywhere}
table.stack td[data-label]::before,table.stack tbody th[data-label]::before{content:attr(data-label) ": ";font-size:.9rem;font-weight:600;color:#444}
table.stack td:empty{display:none}
tr.overdue-row td:first-child{border-left:0}
table.stack tr.overdue-row{border-left:6px solid #b00020}
}
@media print{
header.top{background:none;color:#000;border-bottom:1px solid #000;margin:0;padding:0 0 .5rem}
header.top a,header.top .muted,.brand .group{color:#000;text-decoration:none}
header.top .tools,nav.site,.noprint,form,button{display:none}
body{max-width:none;padding:0;font-size:11pt;color:#000}
a{color:#000}
main a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}
table{page-break-inside:auto}tr{page-break-inside:avoid}
.scroll{overflow:visible}
}
`,
);

const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b3d5c"/><path d="M7 17l6 6 12-13" fill="none" stroke="#d4a017" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/** The site's icon (the browser tab's): a tick on the header's blue, as /assets/icon.<hash>.svg. */
export const ICON = {
  path: `/assets/icon.${createHash('sha256').update(ICON_SVG).digest('hex').slice(0, 12)}.svg`,
  svg: ICON_SVG,
} as const;

/** A notice on an A4 sheet for the physical board (notice-print.ts). */
export const PRINT_STYLE = stylesheet(
  'print',
  `
@page{size:A4;margin:20mm}
@media print{body{max-width:none;padding:0;font-size:12pt}header{display:none}}
section{margin-top:1rem}
`,
);
