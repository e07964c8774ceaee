/**
 * The rails K100Pay runs on, as stored: gateways (the domain's Gateway objects), mid FX rates, each gateway's
 * notification secrets, and the sandbox seed of all three.
 */
import { GATEWAYS, SANDBOX_RATES, type Gateway, type Rates } from '../domain/gateways.js';
import type { Queryable } from './db.js';

/** Where the buyer sends money through a gateway; the intent adds its own reference. */
export interface GatewayInstructions {
  method: string;
  beneficiary: string;
  bank_name: string;
  account_number: string;
  swift_bic: string | null;
  note: string;
}

export interface StoredGateway {
  gateway: Gateway;
  instructions: GatewayInstructions;
}

export async function listGateways(q: Queryable): Promise<StoredGateway[]> {
  const rows = await q.db.selectFrom('gateways').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ gateway: JSON.parse(r.rules) as Gateway, instructions: JSON.parse(r.instructions) as GatewayInstructions }));
}

export async function findGateway(q: Queryable, id: string): Promise<StoredGateway | undefined> {
  const r = await q.db.selectFrom('gateways').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { gateway: JSON.parse(r.rules) as Gateway, instructions: JSON.parse(r.instructions) as GatewayInstructions };
}

/** The stored mid rates as the domain's Rates (one base); `as_of` is the oldest row's, the conservative answer. */
export async function loadRates(q: Queryable): Promise<Rates | undefined> {
  const rows = await q.db.selectFrom('fx_rates').selectAll().orderBy('currency').execute();
  const base = rows[0]?.base;
  if (base === undefined) return undefined;
  const mine = rows.filter((r) => r.base === base);
  return {
    base,
    as_of: mine.map((r) => r.as_of).sort()[0]!,
    quotes: Object.fromEntries(mine.map((r) => [r.currency, r.rate])),
  };
}

/** The live (not retired) notification secrets of a gateway, newest first; empty for an unknown gateway. */
export async function gatewaySecrets(q: Queryable, gatewayId: string): Promise<string[]> {
  const rows = await q.db
    .selectFrom('gateway_secrets')
    .select('secret')
    .where('gateway_id', '=', gatewayId)
    .where('retired_at', 'is', null)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => r.secret);
}

/**
 * Sandbox notification secrets: deterministic and documented, so anyone can sign a test notification by hand
 * (`sandbox_<gateway id>_notification_secret`). A live deployment inserts its gateways' real secrets instead;
 * no endpoint ever returns a secret.
 */
export const sandboxGatewaySecret = (gatewayId: string): string => `sandbox_${gatewayId}_notification_secret`;

const SANDBOX_INSTRUCTIONS: Record<string, GatewayInstructions> = {
  bank_transfer: {
    method: 'bank_transfer',
    beneficiary: 'K100Pay Escrow Trust Ltd',
    bank_name: 'Sandbox Commercial Bank (Hong Kong)',
    account_number: 'HK 012-345678-901',
    swift_bic: 'SBXCHKHH',
    note: 'Wire exactly the amount due in one transfer, all bank charges paid by you (OUR), and quote the reference in the payment details.',
  },
  globalpay_fx: {
    method: 'wallet_transfer',
    beneficiary: 'K100Pay Escrow (GlobalPay merchant)',
    bank_name: 'GlobalPay',
    account_number: 'GP-MERCHANT-K100PAY-0001',
    swift_bic: null,
    note: 'Pay from your GlobalPay wallet or card and enter the reference as the payment note; pay exactly the amount due.',
  },
  swiftfx: {
    method: 'international_transfer',
    beneficiary: 'K100Pay Escrow Trust Ltd',
    bank_name: 'SwiftFX Clearing (Sandbox)',
    account_number: 'GB33 SFXS 4000 0012 3456 78',
    swift_bic: 'SFXSGB2L',
    note: 'Send exactly the amount due in one transfer and quote the reference; a different amount is refunded minus the refund cost.',
  },
};

/**
 * Seeds the sandbox gateways, rates and secrets; idempotent (existing rows are left alone), so it runs on every
 * sandbox start and also fills databases seeded before K100Pay existed.
 */
export async function seedPaymentRails(q: Queryable, at: string): Promise<void> {
  await q.db
    .insertInto('gateways')
    .values(
      GATEWAYS.map((g, position) => ({
        id: g.id,
        position,
        name: g.name,
        rules: JSON.stringify(g),
        instructions: JSON.stringify(SANDBOX_INSTRUCTIONS[g.id] ?? SANDBOX_INSTRUCTIONS.bank_transfer),
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await q.db
    .insertInto('fx_rates')
    .values(Object.entries(SANDBOX_RATES.quotes).map(([currency, rate]) => ({ base: SANDBOX_RATES.base, currency, rate, as_of: SANDBOX_RATES.as_of })))
    .onConflict((oc) => oc.columns(['base', 'currency']).doNothing())
    .execute();
  await q.db
    .insertInto('gateway_secrets')
    .values(GATEWAYS.map((g) => ({ gateway_id: g.id, version: 1, secret: sandboxGatewaySecret(g.id), created_at: at, retired_at: null })))
    .onConflict((oc) => oc.columns(['gateway_id', 'version']).doNothing())
    .execute();
}
