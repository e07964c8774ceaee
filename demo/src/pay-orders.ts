/**
 * The buyer page's "Pay into escrow" section: a select of the buyer's orders (those awaiting payment
 * first) drives `<k100-pay-checkout order-id>` and the sandbox bank; a contract confirmed in the review
 * widget opens a new order, which is picked as soon as it appears.
 */
import type { OrderSummary } from '../../server/schemas/orders.js';
import type { DemoBankPanel } from './bank-panel.js';
import { api, money } from './http.js';

interface Parts {
  select: HTMLSelectElement;
  checkout: HTMLElement & { refresh?: () => void };
  bank: DemoBankPanel;
  status: HTMLElement;
}

export function wirePayment({ select, checkout, bank, status }: Parts): { setSession(token: string): void } {
  let session = '';
  let known = new Set<string>();

  const choose = (orderId: string) => {
    select.value = orderId;
    if (orderId) checkout.setAttribute('order-id', orderId);
    else checkout.removeAttribute('order-id');
    bank.orderId = orderId;
  };

  /** Reloads the list; `pickNew` selects an order that was not there before. Returns whether one was. */
  async function load(pickNew = false): Promise<boolean> {
    if (!session) return false;
    let orders: OrderSummary[];
    try {
      ({ data: orders } = await api<{ data: OrderSummary[] }>(session, 'GET', '/v1/orders?limit=100'));
    } catch (error) {
      status.textContent = `Could not list your orders: ${(error as Error).message}`;
      return false;
    }
    status.textContent = '';
    const unpaidFirst = [...orders].sort((a, b) => Number(a.payment_status !== 'unpaid') - Number(b.payment_status !== 'unpaid'));
    const previous = select.value;
    select.replaceChildren(
      ...(unpaidFirst.length
        ? unpaidFirst.map(
            (o) => new Option(`${o.id} · ${o.supplier.name} · ${money(o.total, o.currency)} · ${o.payment_status.replaceAll('_', ' ')}`, o.id),
          )
        : [new Option('No orders yet: confirm a contract first', '')]),
    );
    const fresh = orders.find((o) => !known.has(o.id));
    const hadList = known.size > 0 || !pickNew;
    known = new Set(orders.map((o) => o.id));
    const pick = (pickNew && fresh && hadList ? fresh.id : '') || (orders.some((o) => o.id === previous) ? previous : unpaidFirst[0]?.id ?? '');
    choose(pick);
    return !!(pickNew && fresh);
  }

  select.addEventListener('change', () => choose(select.value));
  // The review's confirm event comes before the request: watch for the order it opens for a few seconds.
  document.addEventListener('k100-contract-confirm', () => {
    let tries = 0;
    const look = async () => {
      if ((await load(true)) || ++tries >= 10) return;
      setTimeout(look, 600);
    };
    setTimeout(look, 400);
  });
  for (const type of ['k100-payment-intent-create', 'k100-payment-succeed', 'k100-payment-fail'] as const) {
    document.addEventListener(type, () => {
      void bank.load();
      if (type !== 'k100-payment-intent-create') void load();
    });
  }
  // A deposit settles the payment at once; show it in the checkout now rather than at its next poll.
  bank.addEventListener('demo-deposit', () => checkout.refresh?.());

  return {
    setSession(token: string) {
      const first = !session;
      session = token;
      bank.session = token;
      if (first) known = new Set();
      void load();
    },
  };
}
