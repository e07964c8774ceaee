/** K100Pay gateways as the API shows them, with their fee rules put into words from the same data the quotes use. */
import type { Gateway, PerCurrency } from '../domain/gateways.js';
import { formatMinor } from '../domain/money.js';
import type { AppliedFeeRule } from '../domain/quote.js';
import type { GatewayInfo } from '../schemas/payments.js';
import type { Store } from '../store/db.js';
import { listGateways } from '../store/pay-rails.js';

/** 120 → "1.2 %", 45 → "0.45 %". */
const percent = (bps: number) => `${String(bps / 100)} %`;
const money = (amount: number, currency: string) => `${formatMinor(amount, currency)} ${currency}`;
const perCurrency = (table: PerCurrency) =>
  Object.entries(table)
    .map(([currency, amount]) => money(amount, currency))
    .join(' / ');

/** The whole rule across currencies, e.g. "1.2 % of the converted amount, min 15.00 CNY / 16.00 HKD …". */
export function feeSummary(g: Gateway): string {
  const { percent_bps, fixed, min, max } = g.fee;
  const parts: string[] = [];
  const hasFixed = Object.keys(fixed).length > 0;
  if (percent_bps > 0) parts.push(`${percent(percent_bps)} of the ${g.converts ? 'converted ' : ''}amount`);
  if (hasFixed) parts.push(percent_bps > 0 ? `plus ${perCurrency(fixed)}` : `flat ${perCurrency(fixed)}`);
  if (Object.keys(min).length > 0) parts.push(`min ${perCurrency(min)}`);
  if (Object.keys(max).length > 0) parts.push(`max ${perCurrency(max)}`);
  return parts.length === 0 ? 'no handling fee' : parts.join(', ');
}

/** The rule as it applied to one quote, in its pay currency, e.g. "0.45 % + 0.35 USD, min 1.60 USD, max 320.00 USD". */
export function appliedFeeRule(rule: AppliedFeeRule, currency: string): string {
  const head =
    rule.percent_bps > 0 && rule.fixed > 0
      ? `${percent(rule.percent_bps)} + ${money(rule.fixed, currency)}`
      : rule.percent_bps > 0
        ? percent(rule.percent_bps)
        : rule.fixed > 0
          ? `flat ${money(rule.fixed, currency)}`
          : 'no fee';
  return [head, rule.min === null ? null : `min ${money(rule.min, currency)}`, rule.max === null ? null : `max ${money(rule.max, currency)}`]
    .filter((p) => p !== null)
    .join(', ');
}

export const presentGateway = (g: Gateway): GatewayInfo => ({
  id: g.id,
  name: g.name,
  description: g.description,
  currencies: [...g.currencies],
  converts: g.converts,
  spread_bps: g.spread_bps,
  fee_summary: feeSummary(g),
  quote_ttl_seconds: g.quote_ttl_seconds,
});

export async function gatewayList(store: Store): Promise<{ data: GatewayInfo[] }> {
  return { data: (await listGateways(store)).map((s) => presentGateway(s.gateway)) };
}
