/**
 * English text only <k100-contract-review> shows, added to the catalogs when it loads; Chinese loads on demand. Kept
 * with the widget rather than in a shared catalog, so no other widget's first load carries it.
 */
import { addMessages, type Message } from '../core/i18n.js';

export const reviewMessages = {
  errComment: 'Say what should change.',
  versionNumber: 'Version {version}',
  contractsTitle: 'Contracts',
  noContracts: 'No contracts yet. A supplier drafts one after you issue a purchase order.',
  noContractsWithStatus: 'No contracts with this status.',
  backToContracts: 'All contracts',
  contractFrom: 'Contract with {name}',
  reviewPrompt: 'Review the contract {name} sent: confirm it, or request changes.',
  beingRevised: '{name} is preparing this contract. You can confirm it or ask for changes once it is sent.',
  changedSinceAgreed: 'Changed since the agreed terms',
  sameAsAgreed: 'Nothing: the terms are exactly those agreed in the negotiation.',
  changedSinceVersion: 'Changed since version {version}',
  sameAsVersion: 'Nothing changed since version {version}.',
  yourRequestsTitle: 'Your change requests',
  decisionTitle: 'Your decision',
  confirmTitle: 'Confirm version {version}',
  signerName: 'Your full name (signer)',
  signerHint: 'Recorded in the contract as the person who confirmed it.',
  acceptanceText: 'On behalf of {entity}, I have read version {version} of this contract and accept it. Confirming binds both parties to fulfilment supervised by Expert Advisor (STS) and to payment and settlement through K100Pay; the confirmed contract is formal evidence and can no longer change.',
  confirmNeeds: 'Enter your name and tick the acceptance to confirm.',
  confirmContract: 'Confirm contract',
  confirmedNotice: 'Contract confirmed. Order {order} is open.',
  confirmFailed: 'Could not confirm the contract. Try again.',
  requestChangesTitle: 'Request changes',
  commentLabel: 'What should change?',
  commentHint: '{name} sees this comment and sends a revised version.',
  requestChanges: 'Request changes',
  changesSent: '{name} received your change request.',
  changesFailed: 'Could not send the change request. Try again.',
  evidenceTitle: 'Confirmed contract',
  bindingNote: 'It binds both parties to Expert Advisor (STS) fulfilment and to K100Pay, and is kept as formal evidence.',
  orderOpened: 'Order {id} is open for payment.',
  copyDigest: 'Copy digest',
  copied: 'Copied.',
  copySelect: 'Selected: copy it with your keyboard.',
  verifying: 'Checking the evidence…',
  verifiedText: 'Verified: the digest matches the contract and the audit log of {count} entries is intact.',
  notVerified: 'Verification failed: the evidence was altered.',
  verifyFailedToLoad: 'Could not check the evidence.',
  downloadDocument: 'Download contract document',
  downloading: 'Downloading…',
  downloaded: 'Downloaded.',
  downloadFailed: 'Could not download the document.',
} satisfies Record<string, Message>;

declare module '../core/i18n.js' {
  interface MessageRegistry extends Record<keyof typeof reviewMessages, true> {}
}

addMessages(reviewMessages, { 'zh-CN': () => import('./locales/zh-CN.js') });
