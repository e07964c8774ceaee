/** When a failed delivery is tried again: exponential backoff with jitter over about a day, then dead. */

/**
 * The wait after the 1st, 2nd, … failed attempt. Fast at first (a receiver restarting), then spreading out
 * so an endpoint that is down for hours is not hammered; the waits add up to about 23.7 hours.
 */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 1_800, 3_600, 7_200, 14_400, 21_600, 36_000] as const;

/** The first attempt plus one per wait: after the 10th failure the delivery is dead. */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** ±20 %, so the deliveries that failed together (an endpoint outage) do not all come back together. */
export const RETRY_JITTER = 0.2;

/** Milliseconds to wait after `attempts` failed attempts, or null when that was the last one. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_SECONDS[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * 1000 * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
}
