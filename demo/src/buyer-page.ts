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
