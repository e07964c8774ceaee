/** Supplier center page: a supplier persona switcher around the private-access console and the deal widgets. */
import { startEventLog } from './event-log.js';
import { refreshOnReturn, wirePreferences } from './preferences.js';
import { listPersonas, mintSession, remembered, sharedSignIn } from './sandbox.js';
import './supplier-center.js';
import type { DemoSupplierCenter } from './supplier-center.js';
import './supplier-fulfilment.js';
import type { DemoSupplierFulfilment } from './supplier-fulfilment.js';

const center = document.querySelector<DemoSupplierCenter>('demo-supplier-center')!;
const fulfilment = document.querySelector<DemoSupplierFulfilment>('demo-supplier-fulfilment')!;
const provider = document.querySelector<HTMLElement>('#k100')!;
const personaSelect = document.querySelector<HTMLSelectElement>('#persona')!;

async function startSession(partyId: string): Promise<void> {
  try {
    const session = await mintSession(partyId);
    remembered.set('supplier', partyId);
    center.supplierId = partyId;
    center.session = session.token;
    fulfilment.session = session.token;
    provider.setAttribute('session', session.token);
  } catch (error) {
    center.failure = (error as Error).message;
  }
}

const signIn = sharedSignIn(startSession);

async function main(): Promise<void> {
  startEventLog(document.querySelector<HTMLOListElement>('#event-log')!);
  wirePreferences(provider, document.querySelector<HTMLSelectElement>('#locale')!, document.querySelector<HTMLSelectElement>('#theme')!);
  refreshOnReturn(provider);

  const [suppliers, buyers] = await Promise.all([listPersonas('supplier'), listPersonas('buyer')]);
  for (const s of suppliers) personaSelect.add(new Option(`${s.name} (${s.id})`, s.id));
  // The README's walk-through uses the LED supplier: start there unless the visitor chose another.
  const fallback = suppliers.find((s) => s.id === 'supplier_shenzhen_led') ?? suppliers[0];
  personaSelect.value = remembered.get('supplier') ?? fallback?.id ?? '';
  center.buyers = buyers;
  personaSelect.addEventListener('change', () => void signIn(personaSelect.value));
  center.addEventListener('demo-session-expired', () => void signIn(personaSelect.value));
  document.addEventListener('k100-session-expired', () => void signIn(personaSelect.value));
  // Accepting an offer or drafting a contract changes the inbox next door.
  document.addEventListener('k100-negotiation-accept', () => document.querySelector('k100-contract-drafter')?.refresh());
  // The warehouse works in another tab: coming back shows its latest cross-check.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && fulfilment.session) void fulfilment.load();
  });
  await signIn(personaSelect.value);
}

main().catch((error: unknown) => {
  center.failure = (error as Error).message;
});
