/** Events of the K100Pay checkout: an intent was created, and the payment it asked for succeeded or failed. */
import { K100Event } from '../events.js';
import type { PaymentIntent } from './api.js';

/** Why a payment failed: the intent's `failure_code` (a mismatched amount or currency, or expiry). */
export type PaymentFailReason = NonNullable<PaymentIntent['failure_code']>;

/** The buyer got an exact amount to pay: a payment intent now awaits funds. */
export class K100PaymentIntentCreateEvent extends K100Event<{ intent: PaymentIntent }> {
  constructor(detail: { intent: PaymentIntent }) {
    super('k100-payment-intent-create', detail);
  }
}

/** Exactly the amount due arrived: the order is paid into escrow (sent when the checkout sees the change). */
export class K100PaymentSucceedEvent extends K100Event<{ intent: PaymentIntent; order_id: string }> {
  constructor(detail: { intent: PaymentIntent; order_id: string }) {
    super('k100-payment-succeed', detail);
  }
}

/** The payment failed (other amount or currency arrived and was refunded, or the quote expired). */
export class K100PaymentFailEvent extends K100Event<{ intent: PaymentIntent; reason: PaymentFailReason }> {
  constructor(detail: { intent: PaymentIntent; reason: PaymentFailReason }) {
    super('k100-payment-fail', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'k100-payment-intent-create': K100PaymentIntentCreateEvent;
    'k100-payment-succeed': K100PaymentSucceedEvent;
    'k100-payment-fail': K100PaymentFailEvent;
  }
}
