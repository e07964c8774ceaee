/**
 * What every print-ready document shares (the contract and the order's warehouse documents): one A4 style
 * block pinned by its hash in the CSP, the page frame around a body, and exact money formatting.
 */
import { createHash } from 'node:crypto';
import { html, SafeHtml } from './html.js';

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
:root { color-scheme: light; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: #111; margin: 0 auto; max-width: 178mm; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 0.4mm solid #111; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.8mm 5mm; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
dl > div { display: contents; }
.parties { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.parties section { break-inside: avoid; page-break-inside: avoid; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 0.2mm solid #999; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot th { text-align: right; font-weight: 600; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.id { font-size: 8.5pt; color: #444; }
.digest { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.agreement { border: 0.3mm solid #111; padding: 3mm; break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #444; }
`;

/**
 * A hash source rather than 'unsafe-inline': the document needs no other inline style, so the policy admits
 * exactly this block and nothing an injected tag could add. Routes send DOCUMENT_CSP as the header; the same
 * policy is also in a <meta> tag so a downloaded copy opened from disk still runs no script and loads nothing.
 */
export const DOCUMENT_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}`;
const POLICY = `default-src 'none'; style-src '${DOCUMENT_STYLE_HASH}'; base-uri 'none'; form-action 'none'`;
export const DOCUMENT_CSP = `${POLICY}; frame-ancestors 'none'`;
/** Our own constant, not data: the one place markup enters unescaped, and its hash is pinned above. */
const TRUSTED_STYLE = new SafeHtml(STYLE);

export const INCOTERM_NAMES: Record<string, string> = {
  EXW: 'Ex Works',
  FCA: 'Free Carrier',
  CPT: 'Carriage Paid To',
  CIP: 'Carriage and Insurance Paid To',
  DAP: 'Delivered at Place',
  DPU: 'Delivered at Place Unloaded',
  DDP: 'Delivered Duty Paid',
  FAS: 'Free Alongside Ship',
  FOB: 'Free on Board',
  CFR: 'Cost and Freight',
  CIF: 'Cost, Insurance and Freight',
};

export const SHIPPING_MODE_NAMES: Record<string, string> = {
  fcl: 'Full container load (FCL)',
  lcl: 'Less than container load (LCL)',
  courier: 'International courier',
};

/** The currency's minor-unit exponent as Intl knows it (USD 2, JPY 0, KWD 3). */
export function currencyFractionDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats integer minor units exactly: the decimal is built as text, so no float ever rounds an amount. */
export function formatMinorUnits(minor: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const scale = 10n ** BigInt(digits);
  const units = BigInt(minor);
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  const fraction = digits === 0 ? '' : `.${(abs % scale).toString().padStart(digits, '0')}`;
  return format.format(`${sign}${abs / scale}${fraction}` as `${number}`);
}

/** Numbers as the documents print them (grouped, English), never through a float's rounding surprises. */
export const formatCount = (n: number): string => n.toLocaleString('en');

/**
 * The whole HTML page around `body`: the same head for every document, with the CSP in a <meta> tag too, so a
 * downloaded copy opened from disk still runs no script and loads nothing.
 */
export function printPage(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${TRUSTED_STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`.value;
}
