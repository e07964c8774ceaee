/** The clauses a new contract starts with, written from the agreed terms in the drafter's language. */
import type { K100Element } from '../core/element.js';
import type { Clause, PricedTerms } from '../core/deals/api.js';
import { formatDay, incotermName, percent, shippingModeName } from '../core/deals/format.js';

/** Quality, inspection, packing and marking, delivery and risk, payment through K100Pay escrow, disputes. */
export function defaultClauses(host: K100Element, terms: PricedTerms): Clause[] {
  const t = host.t.bind(host);
  const values = {
    deposit: percent(host, terms.deposit_percent),
    inspection: percent(host, terms.inspection_percent),
    date: formatDay(terms.delivery_date, host.config.locale),
    port: terms.destination_port,
    incoterm: incotermName(host, terms.incoterm),
    shipping: shippingModeName(host, terms.shipping_mode),
  };
  return [
    { title: t('clauseQualityTitle'), body: t('clauseQualityBody', values) },
    {
      title: t('clauseInspectionTitle'),
      body: t(terms.inspection_percent > 0 ? 'clauseInspectionBody' : 'clauseInspectionNoneBody', values),
    },
    { title: t('clausePackingTitle'), body: t('clausePackingBody', values) },
    { title: t('clauseDeliveryTitle'), body: t('clauseDeliveryBody', values) },
    {
      title: t('clausePaymentTitle'),
      body: t(terms.deposit_percent > 0 ? 'clausePaymentBody' : 'clausePaymentNoDepositBody', values),
    },
    { title: t('clauseDisputesTitle'), body: t('clauseDisputesBody', values) },
  ];
}
