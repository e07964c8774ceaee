/** Shows the widgets' public events as a partner's page receives them (text only: details are untrusted). */
const EVENTS = [
  'k100-product-collect',
  'k100-folder-item-remove',
  'k100-folder-select',
  'k100-access-request-create',
  'k100-offer-submit',
  'k100-negotiation-create',
  'k100-negotiation-accept',
  'k100-negotiation-withdraw',
  'k100-po-issue',
  'k100-contract-draft',
  'k100-contract-send',
  'k100-contract-changes-request',
  'k100-contract-confirm',
  'k100-payment-intent-create',
  'k100-payment-succeed',
  'k100-payment-fail',
  'k100-session-expired',
] as const;

const MAX_ENTRIES = 30;

export function startEventLog(list: HTMLOListElement): void {
  for (const type of EVENTS) {
    document.addEventListener(type, (event) => {
      const entry = document.createElement('li');
      const head = document.createElement('strong');
      head.textContent = `${new Date().toLocaleTimeString()} · ${type}`;
      const body = document.createElement('pre');
      body.textContent = JSON.stringify((event as CustomEvent).detail ?? null, summarise, 2);
      entry.append(head, body);
      list.prepend(entry);
      while (list.children.length > MAX_ENTRIES) list.lastElementChild?.remove();
    });
  }
}

/** Whole products, negotiations, contracts and payment intents make the log unreadable; keep what identifies them. */
function summarise(key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || !('id' in value)) return value;
  const v = value as { id: string; name?: string; status?: string; version?: number };
  if (key === 'product' && 'name' in v) return { id: v.id, name: v.name, '…': '…' };
  if (key === 'negotiation' || key === 'purchase_order' || key === 'contract') {
    return { id: v.id, status: v.status, ...(v.version === undefined ? {} : { version: v.version }), '…': '…' };
  }
  if (key === 'intent') {
    const i = value as { amount_due?: number; currency?: string; reference?: string };
    return { id: v.id, status: v.status, amount_due: i.amount_due, currency: i.currency, reference: i.reference, '…': '…' };
  }
  return value;
}
