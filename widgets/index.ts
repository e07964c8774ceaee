/** Every K100 widget behind one script tag, and the classes and events for npm users. */
export { K100Provider } from './provider/index.js';
export { K100ProductSearch } from './product-search/index.js';
export { K100ProductFolder } from './product-folder/index.js';
export { K100PurchaseOrder } from './purchase-order/index.js';
export { K100ContractDrafter } from './contract-drafter/index.js';
export { K100ContractReview } from './contract-review/index.js';
export { K100PayCheckout } from './pay-checkout/index.js';
export { K100ShipmentTracker } from './shipment-tracker/index.js';
export { K100OrderStatus } from './order-status/index.js';
export { K100WarehouseConsole } from './warehouse-console/index.js';
export { K100Element, type EffectiveConfig } from './core/element.js';
export { ApiClient, ApiError, SessionExpiredError } from './core/api.js';
export type { K100Config, Theme } from './core/context.js';
export * from './core/events.js';
export * from './core/deals/events.js';
export * from './core/pay/events.js';
export * from './core/ship/events.js';
export * from './core/warehouse/events.js';
