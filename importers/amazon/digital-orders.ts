import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import { amazonTable, textField } from "./table.js";
import { orderItemSensitivity } from "./order-items.js";

const tracking: SensitivitySpec = { level: 3, categories: ["identifier", "device"], reason: "browsing session identifier" };

/**
 * `Digital-Ordering.N/Digital Orders.csv`: one row per digital order, with its addresses, payment
 * cards, session and browser. Each row becomes its own `purchase` record keyed by the order id:
 * Digital Items holds the order's items in another file, and two files cannot be joined while
 * both are streamed; `order_id` links them.
 */
export const digitalOrders = amazonTable({
  id: "amazon.digital-orders",
  platform: "amazon",
  title: "Amazon digital orders",
  fileName: /^Digital Orders/i,
  required: ["OrderId", "OrderDate", "OrderStatus", "PaymentInformation"],
  known: [
    "BillingAddress", "ShippingAddress", "CustomerDeclaredAddress", "Marketplace", "IsOrderFreeReplacement", "IsOrderAPreorder",
    "DoesOrderDependOnAnotherOrder", "OrderingLocationCountry", "RelatedPhysicalOrderId", "ShoppingMarketplaceId", "PaidByOtherCustomer",
    "MultifactorAuthenticationStatus (depreciated)", "SubscriptionOrderType", "AlternativeOrderProvidingPayment", "DeliveryPacketId",
    "DeliveryStatus", "DeliveryDate", "GiftClaimDate", "SessionId", "UniqueBrowserId",
  ],
  rowRequires: ["OrderId"],
  kind: "purchase",
  keyScope: "digital",
  key: ["order_id"],
  time: ["order_date"],
  dates: ["order_date", "delivery_date", "gift_claim_date"],
  flags: ["is_order_free_replacement", "is_order_apreorder", "does_order_depend_on_another_order", "paid_by_other_customer"],
  recordTitle: (fields) => `Digital order ${textField(fields, "order_id")}`,
  fieldSensitivity: {
    billing_address: orderItemSensitivity.billing_address!,
    shipping_address: orderItemSensitivity.shipping_address!,
    customer_declared_address: { level: 3, categories: ["identifier", "location"], reason: "declared home address" },
    payment_information: { level: 3, categories: ["financial"], reason: "payment cards and bank account" },
    session_id: tracking,
    unique_browser_id: { level: 3, categories: ["identifier", "device"], reason: "browser identifier" },
  },
});
