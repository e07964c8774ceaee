/**
 * Drives orders through the deal, K100Pay and the warehouse over real HTTP against a server that may die at
 * any moment. Each step is sent until it is answered: a 2xx is an acknowledged change (recorded for the
 * crash test to check after every restart); a cut connection is an unknown outcome, so before resending,
 * the step asks the API whether an earlier attempt committed (an unacknowledged change, allowed to exist).
 */
import { CONTAINER_NO, DECLARATION_NO, BILL_OF_LADING_NO, SEAL_NO, contractCartons, scanned } from './warehouse-flow.js';
import { LED, clauses, legalEntities, terms } from './deal-flow.js';

export interface CallOptions {
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends requests only while the server may take them; a request cut by a kill throws. */
export interface Client {
  send(method: string, path: string, opts: CallOptions): Promise<{ status: number; body: any; text: string }>;
}

export interface Tokens {
  acme: string;
  led: string;
  operator: string;
}

/** What the server acknowledged for one order, for checks after each restart. */
export interface OrderRecord {
  marker: string;
  depositPercent: number;
  negotiationId?: string;
  accepted?: boolean;
  purchaseOrderId?: string;
  contractId?: string;
  /** The contract's highest acknowledged status. */
  contractStatus?: 'draft' | 'sent' | 'confirmed';
  orderId?: string;
  intentId?: string;
  /** The sandbox bank's deposit was acknowledged as settled. */
  paid?: boolean;
  /** Timeline codes of acknowledged steps. */
  codes: Set<string>;
  /** The order status seen at the last check: it may never go back. */
  lastStatus?: string;
}

export interface FlowCounts {
  acknowledged: number;
  /** Steps whose answer a kill cut off but which had committed (found by reading back). */
  committedUnacknowledged: number;
  /** Requests sent again after a cut connection. */
  resent: number;
}

interface Step {
  name: string;
  method: string;
  path: () => string;
  token: () => string;
  body?: () => unknown;
  headers?: () => Record<string, string>;
  status: number;
  /** Reads back whether an earlier, unanswered attempt committed; the resource when it did. */
  committed?: () => Promise<unknown>;
  record: (body: any) => void;
}

/** Retries of one step before the test gives up: kills are rarer than this by far. */
const MAX_ATTEMPTS = 200;

export function orderSteps(client: Client, tokens: Tokens, o: OrderRecord): Step[] {
  const get = async (path: string, token: string) => {
    const r = await client.send('GET', path, { token });
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text}`);
    return r.body;
  };
  const timelineHas = (code: string) => async () => {
    const order = await get(`/v1/orders/${o.orderId}`, tokens.acme);
    return (order.timeline as Array<{ code: string }>).some((e) => e.code === code) ? order : undefined;
  };
  const warehouse = (name: string, path: string, code: string, body: () => unknown, token = () => tokens.operator): Step => ({
    name,
    method: 'POST',
    path: () => `/v1/orders/${o.orderId}/${path}`,
    token,
    body,
    status: 201,
    committed: timelineHas(code),
    record: () => o.codes.add(code),
  });
  const barcodes = contractCartons().map((c) => c.barcode);
  const track = (code: string, location: string, extra: Record<string, unknown> = {}) =>
    warehouse(code, 'tracking-events', code, () => ({ code, location, ...extra }));
  return [
    {
      name: 'negotiate',
      method: 'POST',
      path: () => '/v1/negotiations',
      token: () => tokens.acme,
      body: () => ({ supplier_id: LED, terms: terms({ deposit_percent: o.depositPercent, notes: o.marker }) }),
      status: 201,
      committed: async () => (await get('/v1/negotiations?limit=100', tokens.acme)).data.find((n: unknown) => JSON.stringify(n).includes(o.marker)),
      record: (n) => (o.negotiationId = n.id),
    },
    {
      name: 'accept',
      method: 'POST',
      path: () => `/v1/negotiations/${o.negotiationId}/accept`,
      token: () => tokens.led,
      status: 200,
      committed: async () => ((await get(`/v1/negotiations/${o.negotiationId}`, tokens.led)).status === 'accepted' ? true : undefined),
      record: () => (o.accepted = true),
    },
    {
      name: 'purchase order',
      method: 'POST',
      path: () => '/v1/purchase-orders',
      token: () => tokens.acme,
      body: () => ({ negotiation_id: o.negotiationId }),
      status: 201,
      committed: async () => (await get('/v1/purchase-orders?limit=100', tokens.acme)).data.find((p: any) => p.negotiation_id === o.negotiationId),
      record: (p) => (o.purchaseOrderId = p.id),
    },
    {
      name: 'draft contract',
      method: 'POST',
      path: () => '/v1/contracts',
      token: () => tokens.led,
      body: () => ({ purchase_order_id: o.purchaseOrderId, clauses: clauses(), legal_entities: legalEntities() }),
      status: 201,
      committed: async () => (await get('/v1/contracts?limit=100', tokens.led)).data.find((c: any) => c.purchase_order_id === o.purchaseOrderId),
      record: (c) => {
        o.contractId = c.id;
        o.contractStatus = 'draft';
      },
    },
    {
      name: 'send contract',
      method: 'POST',
      path: () => `/v1/contracts/${o.contractId}/send`,
      token: () => tokens.led,
      status: 200,
      committed: async () => ((await get(`/v1/contracts/${o.contractId}`, tokens.led)).status !== 'draft' ? true : undefined),
      record: () => (o.contractStatus = 'sent'),
    },
    {
      name: 'confirm contract',
      method: 'POST',
      path: () => `/v1/contracts/${o.contractId}/confirm`,
      token: () => tokens.acme,
      body: () => ({ signer_name: 'Jane Buyer', accept: true }),
      status: 200,
      committed: async () => {
        const c = await get(`/v1/contracts/${o.contractId}`, tokens.acme);
        return c.status === 'confirmed' ? c : undefined;
      },
      record: (c) => {
        o.contractStatus = 'confirmed';
        o.orderId = c.order_id;
        o.codes.add('contract_confirmed');
      },
    },
    {
      // The key makes a resend replay the first intent instead of opening a second one.
      name: 'payment intent',
      method: 'POST',
      path: () => `/v1/orders/${o.orderId}/payment-intents`,
      token: () => tokens.acme,
      body: () => ({ gateway: 'bank_transfer', currency: 'USD' }),
      headers: () => ({ 'idempotency-key': `${o.marker}-intent` }),
      status: 201,
      record: (i) => {
        o.intentId = i.id;
        intents.set(o, i);
      },
    },
    {
      // The same gateway event id on a resend: the gateway's own retry, answered `duplicate` once settled.
      name: 'deposit',
      method: 'POST',
      path: () => '/v1/sandbox/deposits',
      token: () => tokens.acme,
      body: () => {
        const i = intents.get(o)!;
        return { id: `gwe_${o.marker}`, reference: i.reference, amount: i.amount_due, currency: i.currency };
      },
      status: 202,
      record: (ack) => {
        if (!ack.notification.duplicate && ack.notification.outcome !== 'succeeded') throw new Error(`deposit for ${o.orderId}: ${JSON.stringify(ack)}`);
        o.paid = true;
        o.codes.add('payment_received');
      },
    },
    warehouse('packing list', 'packing-list', 'packing_list_submitted', () => ({ cartons: contractCartons() }), () => tokens.led),
    warehouse('receipt', 'receipts', 'goods_received', () => ({ cartons: scanned(contractCartons()) })),
    warehouse('inspection', 'inspections', 'inspected', () => ({ sampled_barcodes: barcodes, result: 'pass', notes: 'As sampled.' })),
    warehouse('measurements', 'measurements', 'measured', () => ({
      cartons: barcodes.map((barcode) => ({ barcode, weight_kg: barcode.startsWith('PNL') ? 12.5 : 8, length_cm: 60, width_cm: 40, height_cm: 30 })),
    })),
    warehouse('consolidation', 'consolidation', 'consolidated', () => ({ mode: 'fcl', container_no: CONTAINER_NO, seal_no: SEAL_NO })),
    warehouse('customs release', 'customs-release', 'customs_released', () => ({ declaration_no: DECLARATION_NO })),
    track('departed', 'Port of Ningbo-Zhoushan, CN', { bill_of_lading_no: BILL_OF_LADING_NO }),
    track('arrived', 'Port of Rotterdam, NL'),
    track('ready_for_pickup', 'APM Terminals Maasvlakte II, Rotterdam'),
    track('picked_up', 'APM Terminals Maasvlakte II, Rotterdam'),
    {
      name: 'ownership transfer',
      method: 'POST',
      path: () => `/v1/orders/${o.orderId}/ownership-transfer`,
      token: () => tokens.operator,
      body: () => ({}),
      headers: () => ({ 'idempotency-key': `${o.marker}-transfer` }),
      status: 200,
      record: () => {
        o.codes.add('ownership_transferred');
        o.codes.add('settled');
      },
    },
  ];
}

/** The intent each order's deposit pays (its reference and exact amount). */
const intents = new WeakMap<OrderRecord, { reference: string; amount_due: number; currency: string }>();

/** Runs one step to an answer, through as many kills as it takes. */
export async function runStep(client: Client, step: Step, counts: FlowCounts): Promise<void> {
  let cut = false;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      if (cut && step.committed) {
        const found = await step.committed();
        if (found !== undefined) {
          counts.committedUnacknowledged++;
          // The resource is real and the API shows it: from here on it counts like an acknowledged one.
          step.record(found);
          return;
        }
      }
      if (cut) counts.resent++;
      const r = await client.send(step.method, step.path(), {
        token: step.token(),
        ...(step.body ? { body: step.body() } : {}),
        ...(step.headers ? { headers: step.headers() } : {}),
      });
      if (r.status !== step.status) throw new Error(`${step.name}: expected ${step.status}, got ${r.status} ${r.text}`);
      counts.acknowledged++;
      step.record(r.body);
      return;
    } catch (error) {
      // Only a cut connection (the process died under it) makes the outcome unknown; anything else is a finding.
      if (!(error instanceof ConnectionCut)) throw error;
      cut = true;
    }
  }
  throw new Error(`${step.name}: no answer after ${MAX_ATTEMPTS} attempts`);
}

/** What `Client.send` throws when the request or its answer was cut off: whether it committed is unknown. */
export class ConnectionCut extends Error {
  override readonly name = 'ConnectionCut';
}
