/**
 * Warehouse page: the operator persona around `<k100-warehouse-console>`, plus the sandbox fast-forward
 * that plays buyer, supplier and operator through the real API so the whole story runs in a minute.
 */
import type { OrderSummary } from '../../server/schemas/orders.js';
import { startEventLog } from './event-log.js';
import { api, money } from './http.js';
import { wirePreferences } from './preferences.js';
import { listPersonas, mintSession, remembered, sharedSignIn } from './sandbox.js';
import { createOrder, fastForward, type Ending } from './sandbox-story.js';

type Console = HTMLElement & { refresh?: () => void };

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const provider = $<HTMLElement>('#k100');
const warehouseConsole = $<Console>('k100-warehouse-console');
const personaSelect = $<HTMLSelectElement>('#persona');
const buyerSelect = $<HTMLSelectElement>('#ff-buyer');
const orderSelect = $<HTMLSelectElement>('#ff-order');
const log = $<HTMLOListElement>('#ff-log');
const trackerLink = $<HTMLAnchorElement>('#tracker-link');
const runButtons = ['#ff-new', '#ff-settle', '#ff-short'].map((s) => $<HTMLButtonElement>(s));
const stopButton = $<HTMLButtonElement>('#ff-stop');

function say(text: string, kind: 'info' | 'error' = 'info'): void {
  const item = document.createElement('li');
  item.textContent = text;
  if (kind === 'error') item.className = 'error';
  log.append(item);
  item.scrollIntoView({ block: 'nearest' });
}

async function startSession(partyId: string): Promise<void> {
  try {
    const session = await mintSession(partyId);
    remembered.set('operator', partyId);
    provider.setAttribute('session', session.token);
  } catch (error) {
    say(`Could not start a session: ${(error as Error).message}`, 'error');
  }
}
const signIn = sharedSignIn(startSession);

function linkTracker(): void {
  const order = orderSelect.value;
  trackerLink.href = order ? `/?buyer=${encodeURIComponent(buyerSelect.value)}&order=${encodeURIComponent(order)}#tracking` : '/#tracking';
}

/** The chosen buyer's orders, newest first, each with where it stands; `pick` selects one. */
async function loadOrders(pick?: string): Promise<void> {
  const { token } = await mintSession(buyerSelect.value);
  const { data } = await api<{ data: OrderSummary[] }>(token, 'GET', '/v1/orders?limit=100');
  const previous = pick ?? orderSelect.value;
  orderSelect.replaceChildren(
    ...(data.length
      ? data.map((o) => new Option(`${o.id} · ${money(o.total, o.currency)} · ${o.status.replaceAll('_', ' ')}`, o.id))
      : [new Option('No orders yet: create one', '')]),
  );
  if (data.some((o) => o.id === previous)) orderSelect.value = previous;
  linkTracker();
}

let running: AbortController | null = null;

/** Runs one sandbox story at a time, with Stop, and refreshes the console and the list afterwards. */
async function run(label: string, story: (signal: AbortSignal) => Promise<string | void>): Promise<void> {
  running = new AbortController();
  for (const button of runButtons) button.disabled = true;
  stopButton.disabled = false;
  say(`${label}…`);
  try {
    const orderId = await story(running.signal);
    say('Done.');
    await loadOrders(orderId || undefined);
  } catch (error) {
    say((error as Error).name === 'AbortError' ? 'Stopped.' : `Stopped: ${(error as Error).message}`, 'error');
  } finally {
    running = null;
    for (const button of runButtons) button.disabled = false;
    stopButton.disabled = true;
    warehouseConsole.refresh?.();
  }
}

function forward(ending: Ending): void {
  const orderId = orderSelect.value;
  if (!orderId) return say('Pick or create an order first.', 'error');
  void run(ending === 'settle' ? `Fast-forwarding ${orderId} to settlement` : `Fast-forwarding ${orderId} to a short delivery`, async (signal) => {
    const options = {
      signal,
      // The warehouse sees an order once it is paid; then the console follows the run.
      onPaid: () => warehouseConsole.setAttribute('order-id', orderId),
      log: (line: string) => {
        say(line);
        warehouseConsole.refresh?.();
      },
    };
    const order = await fastForward(orderId, buyerSelect.value, ending, options);
    say(`Order ${order.id} is ${order.status.replaceAll('_', ' ')}; escrow ${order.payment_status.replaceAll('_', ' ')}.`);
    return order.id;
  });
}

async function main(): Promise<void> {
  startEventLog($<HTMLOListElement>('#event-log'));
  wirePreferences(provider, $<HTMLSelectElement>('#locale'), $<HTMLSelectElement>('#theme'));

  const [operators, buyers] = await Promise.all([listPersonas('operator'), listPersonas('buyer')]);
  for (const o of operators) personaSelect.add(new Option(`${o.name} (${o.id})`, o.id));
  personaSelect.value = remembered.get('operator') ?? operators[0]?.id ?? '';
  for (const b of buyers) buyerSelect.add(new Option(`${b.name} (${b.id})`, b.id));
  buyerSelect.value = remembered.get('buyer') ?? buyers[0]?.id ?? '';

  personaSelect.addEventListener('change', () => void signIn(personaSelect.value));
  document.addEventListener('k100-session-expired', () => void signIn(personaSelect.value));
  buyerSelect.addEventListener('change', () => void loadOrders());
  orderSelect.addEventListener('change', linkTracker);
  stopButton.addEventListener('click', () => running?.abort());
  runButtons[0]!.addEventListener('click', () =>
    void run('Creating an order: offer, acceptance, purchase order, contract, confirmation', (signal) => createOrder(buyerSelect.value, { log: say, signal })),
  );
  runButtons[1]!.addEventListener('click', () => forward('settle'));
  runButtons[2]!.addEventListener('click', () => forward('short'));

  await Promise.all([signIn(personaSelect.value), loadOrders()]);
}

main().catch((error: unknown) => say(`The sandbox is not answering: ${(error as Error).message}`, 'error'));
