/** The `data` of each business event we emit ourselves, built from domain values so shapes stay in one place. */
import { currentVersion, type ConfirmedContract } from '../domain/contract.js';
import { priceTerms } from '../domain/terms.js';

/**
 * `contract.confirmed`: ids a partner can act on (its buyer's order now awaits payment) and the totals,
 * but not the clauses or the signer's name: a partner fetches details through its parties' sessions.
 */
export function contractConfirmedData(contract: ConfirmedContract, orderId: string) {
  const current = currentVersion(contract);
  const { currency, totals } = priceTerms(current.terms);
  return {
    contract_id: contract.id,
    order_id: orderId,
    purchase_order_id: contract.purchase_order_id,
    negotiation_id: contract.negotiation_id,
    buyer_id: contract.buyer_id,
    supplier_id: contract.supplier_id,
    version: current.version,
    digest: contract.confirmation.digest,
    confirmed_at: contract.confirmation.confirmed_at,
    currency,
    total: totals.subtotal,
    deposit_amount: totals.deposit_amount,
    balance_amount: totals.balance_amount,
  };
}
