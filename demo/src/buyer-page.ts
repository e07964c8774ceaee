/** The mock partner page: persona, language and theme switches around the embedded buyer widgets. */
import { listPersonas, mintSession, remembered, sharedSignIn } from './sandbox.js';
import { startEventLog } from './event-log.js';
import { refreshOnReturn, wirePreferences } from './preferences.js';
import './bank-panel.js';
import { wirePayment } from './pay-orders.js';

const provider = document.querySelector<HTMLElement>('#k100')!;
const personaSelect = document.querySelector<HTMLSelectElement>('#persona')!;
const localeSelect = document.querySelector<HTMLSelectElement>('#locale')!;
const themeSelect = document.querySelector<HTMLSelectElement>('#theme')!;
const status = document.querySelector<HTMLElement>('#status')!;
const payment = wirePayment({
  select: document.querySelector<HTMLSelectElement>('#pay-order')!,
  checkout: document.querySelector<HTMLElement>('k100-pay-checkout')!,
  bank: document.querySelector('demo-bank-panel')!,
  status: document.querySelector<HTMLElement>('#pay-status')!,
});

/** Shows one order in the shipment tracker. */
function track(orderId: string): void {
  document.querySelector('k100-shipment-tracker')?.setAttribute('order-id', orderId);
  document.querySelector('#tracking-hint')?.setAttribute('hidden', '');
}

async function startSession(partyId: string): Promise<void> {
  status.textContent = '';
  try {
    const session = await mintSession(partyId);
    provider.setAttribute('session', session.token);
    payment.setSession(session.token);
    remembered.set('buyer', partyId);
  } catch (error) {
    status.textContent = `Could not start a session: ${(error as Error).message}`;
  }
}

const signIn = sharedSignIn(startSession);

async function main(): Promise<void> {
  startEventLog(document.querySelector<HTMLOListElement>('#event-log')!);

  const buyers = await listPersonas('buyer');
  for (const buyer of buyers) personaSelect.add(new Option(`${buyer.name} (${buyer.id})`, buyer.id));
  personaSelect.value = remembered.get('buyer') ?? buyers[0]?.id ?? '';
  wirePreferences(provider, localeSelect, themeSelect);
  refreshOnReturn(provider);

  // Links from the warehouse page name the buyer and the order to track: /?buyer=…&order=…#tracking.
  const params = new URLSearchParams(location.search);
  const linkedBuyer = params.get('buyer');
  if (linkedBuyer && buyers.some((b) => b.id === linkedBuyer)) personaSelect.value = linkedBuyer;
  const linkedOrder = params.get('order');
  if (linkedOrder) track(linkedOrder);
  document.addEventListener('k100-order-select', (event) => {
    track((event as CustomEvent<{ order_id: string }>).detail.order_id);
    document.querySelector('#tracking')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  });

  personaSelect.addEventListener('change', () => void signIn(personaSelect.value));
  // The folder's selection opens an offer form in the purchase-order widget: bring it into view.
  document.addEventListener('k100-folder-select', () => {
    document.querySelector('#negotiate')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
  // A new contract version may have been sent since the PO was issued: keep the review list current.
  document.addEventListener('k100-po-issue', () => document.querySelector('k100-contract-review')?.refresh());
  // What a partner does when a token runs out: ask its backend for a fresh one and hand it over.
  document.addEventListener('k100-session-expired', () => void signIn(personaSelect.value));

  await signIn(personaSelect.value);
}

main().catch((error: unknown) => {
  status.textContent = `The sandbox is not answering: ${(error as Error).message}`;
});
