/**
 * Warehouse arithmetic with no floating-point drift: weights in grams and lengths in millimetres as integers,
 * kilograms and cubic metres only on the way out; ISO 6346 container numbers; the inspection sample size.
 */

/** kg with up to 3 decimals kept → whole grams. */
export const kgToGrams = (kg: number): number => Math.round(kg * 1000);
/** cm with 1 decimal kept → whole millimetres. */
export const cmToMm = (cm: number): number => Math.round(cm * 10);
/** Whole grams → kg (exact to the gram in a double). */
export const gramsToKg = (grams: number): number => grams / 1000;
export const mmToCm = (mm: number): number => mm / 10;

export interface CartonSize {
  weight_g: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
}

export interface MeasuredTotals {
  cartons: number;
  weight_kg: number;
  /** Cubic metres rounded half up to 3 decimals (litres). */
  volume_cbm: number;
}

/**
 * Totals of measured cartons. Volumes add as BigInt mm³: 5000 cartons of 20 m edges would pass 2^53 in a
 * double, and the rounding to litres must see the exact sum.
 */
export function measuredTotals(cartons: readonly CartonSize[]): MeasuredTotals {
  let grams = 0;
  let mm3 = 0n;
  for (const c of cartons) {
    grams += c.weight_g;
    mm3 += BigInt(c.length_mm) * BigInt(c.width_mm) * BigInt(c.height_mm);
  }
  const litres = (mm3 + 500_000n) / 1_000_000n;
  return { cartons: cartons.length, weight_kg: gramsToKg(grams), volume_cbm: Number(litres) / 1000 };
}

/** ISO 6346 letter values: A = 10 upward, skipping 11, 22 and 33 (multiples of eleven). */
const LETTER_VALUES: Record<string, number> = (() => {
  const values: Record<string, number> = {};
  let v = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    values[letter] = v++;
  }
  return values;
})();

/** The check digit of the first ten characters (owner code, category, serial) of a container number. */
export function containerCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i]!;
    const value = /[0-9]/.test(ch) ? Number(ch) : LETTER_VALUES[ch]!;
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** Owner code (3 letters), category U/J/Z, 6-digit serial, and a check digit that matches. Upper case only. */
export function isValidContainerNumber(value: string): boolean {
  if (!/^[A-Z]{3}[UJZ][0-9]{7}$/.test(value)) return false;
  return containerCheckDigit(value.slice(0, 10)) === Number(value[10]);
}

/** Cartons to sample: the agreed percent of the cartons on hand, rounded up, at least one. */
export function requiredSample(cartonsOnHand: number, inspectionPercent: number): number {
  return Math.max(1, Math.ceil((cartonsOnHand * inspectionPercent) / 100));
}

/**
 * Declared gross weight vs measured: a difference counts only when it exceeds both 2 % of the declared
 * weight and 0.5 kg, so scale tolerance on light cartons and rounding on heavy ones do not block settlement.
 */
export function weightDiffers(declaredGrams: number, measuredGrams: number): boolean {
  const delta = Math.abs(measuredGrams - declaredGrams);
  return delta * 100 > declaredGrams * 2 && delta > 500;
}
