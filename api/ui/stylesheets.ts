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

/** Every page's style: readable on a 360 px phone, printable. */
export const SITE_STYLE = stylesheet(
  'site',
  `
*{box-sizing:border-box}
body{margin:0 auto;max-width:48rem;padding:1rem;font:1rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;border-bottom:1px solid #ccc;padding-bottom:.5rem}
nav a{margin-right:.5rem}
a{color:#0645ad}
a[aria-current]{font-weight:bold;color:inherit;text-decoration:none}
article{border-bottom:1px solid #ddd;padding:.5rem 0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}.scroll{overflow-x:auto}.scroll:focus-visible{outline:2px solid #0645ad;outline-offset:2px}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
label{display:block;margin-top:.75rem;font-weight:600}
select,input,button{font:inherit;max-width:100%;padding:.4rem}
button{margin-top:.75rem}
.error{border:2px solid #b00020;color:#b00020;padding:.5rem}
.muted{color:#555;font-size:.9rem}
body.signed-in{max-width:80rem}
form.inline{display:inline}button.link{background:none;border:0;color:#0645ad;text-decoration:underline;padding:0;margin:0;cursor:pointer}
.notice{border:2px solid #8a6d00;background:#fff8e1;padding:.5rem}.ok{border:2px solid #1b5e20;background:#e8f5e9;padding:.5rem}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=number],select,textarea{width:100%}
textarea{font:inherit;padding:.4rem;min-height:6rem}
.overdue{color:#b00020;font-weight:600}
@media print{header nav,.noprint{display:none}}
.pre-wrap{white-space:pre-wrap}.pre-line{white-space:pre-line}
label.plain{font-weight:normal}label.inline{display:inline;font-weight:normal}
.chart svg{max-width:576px}
`,
);

/** A notice on an A4 sheet for the physical board (notice-print.ts). */
export const PRINT_STYLE = stylesheet(
  'print',
  `
@page{size:A4;margin:20mm}
@media print{body{max-width:none;padding:0;font-size:12pt}header{display:none}}
section{margin-top:1rem}
`,
);
