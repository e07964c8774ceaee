/** The contract's client-side checks, so mistakes show while typing: barcodes, ISO 6346, numbers, totals. */

export const BARCODE = /^[A-Za-z0-9\-_.]{4,64}$/;
export const DECLARATION_NO = /^[A-Z0-9-]{6,32}$/;

/**
 * The ISO 6346 check digit of a container number's first ten characters (owner code, category, serial),
 * or undefined when they are not 3 letters, U/J/Z and 6 digits.
 */
export function iso6346CheckDigit(prefix: string): number | undefined {
  if (!/^[A-Z]{3}[UJZ]\d{6}$/.test(prefix)) return undefined;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = prefix.charCodeAt(i);
    let value = c - 48;
    if (c >= 65) {
      // A=10 upwards, skipping the multiples of 11.
      value = c - 55;
      value += Math.floor((value - 1) / 10);
    }
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

export type ContainerCheck = { ok: true } | { ok: false; expected?: number };

/** Whether a container number is 4 letters, 6 digits and the right check digit (and which digit that is). */
export function checkContainerNo(value: string): ContainerCheck {
  const expected = iso6346CheckDigit(value.slice(0, 10));
  if (!/^[A-Z]{4}\d{7}$/.test(value) || expected === undefined) return { ok: false };
  return expected === Number(value[10]) ? { ok: true } : { ok: false, expected };
}

/** A positive decimal typed by a person ("12,5" too), within `max`; undefined when it is not one. */
export function parseMeasure(text: string, max: number): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value > 0 && value <= max ? value : undefined;
}

/** Cubic metres of a carton from centimetres. */
export const cbm = (l: number, w: number, h: number) => (l * w * h) / 1_000_000;

/** Round to `digits` decimals without float noise. */
export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
