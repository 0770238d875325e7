import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import { amazonTable, textField } from "./table.js";
import { orderItemSensitivity } from "./order-items.js";
import { productUrl } from "./values.js";

const money = orderItemSensitivity.unit_price!;
const contact = (reason: string): SensitivitySpec => ({ level: 3, categories: ["contact"], reason });

/**
 * `Digital-Ordering.N/Digital Items.csv`: one row per item of a digital order (Kindle books, apps,
 * videos, Prime fees). Keyed like Retail.OrderHistory's items, `order_item:<order id>:<ASIN>`;
 * digital order ids (`D01-…`) never collide with retail ones (`123-…`).
 */
export const digitalItems = amazonTable({
  id: "amazon.digital-items",
  platform: "amazon",
  title: "Amazon digital order items",
  fileName: /^Digital Items/i,
  required: ["ASIN", "Title", "OrderId", "OrderDate", "DigitalOrderItemId"],
  known: [
    "DeclaredCountryCode", "BaseCurrencyCode", "FulfilledDate", "IsFulfilled", "Marketplace", "OriginalQuantity", "OurPrice",
    "OurPriceCurrencyCode", "OurPriceTax", "OurPriceTaxCurrencyCode", "SellerOfRecord", "Publisher", "ThirdPartyDisplayPrice",
    "ThirdPartyDisplayCurrencyCode", "ListPriceAmount", "ListPriceCurrencyCode", "ListPriceTaxAmount", "ListPriceTaxCurrencyCode",
    "GiftItem", "OrderingCustomerNickname", "GiftCustomerNickname", "GiftMessage", "GiftEmail", "RecipientEmail", "GiftRedemption",
    "ItemMergedFromAnotherOrder", "QuantityOrdered", "ItemFulfilled", "ShipFrom", "ShipTo", "IsOrderEligibleForPrimeBenefit",
    "OfferingSKU", "FulfillmentMobileNumber", "RechargeAmount", "RechargeAmountCurrencyCode", "SubscriptionOrderInfoList",
    "PreviouslyPaidDigitalOrderItemId", "PreviouslyPaidOrderId", "InstallmentOurPrice", "InstallmentOurPricePlusTax",
    "DigitalOrderItemAttributes", "InstallmentOurPriceCurrencyCode", "InstallmentOurPricePlusTaxCurrencyCode",
  ],
  rowRequires: ["OrderId", "ASIN"],
  kind: "order_item",
  key: ["order_id", "asin"],
  time: ["order_date"],
  dates: ["order_date", "fulfilled_date"],
  counts: ["original_quantity", "quantity_ordered"],
  money: [
    "our_price", "our_price_tax", "third_party_display_price", "list_price_amount", "list_price_tax_amount", "recharge_amount",
    "installment_our_price", "installment_our_price_plus_tax",
  ],
  flags: ["is_fulfilled", "gift_item", "gift_redemption", "item_merged_from_another_order", "item_fulfilled", "is_order_eligible_for_prime_benefit"],
  recordTitle: (fields) => textField(fields, "title") ?? textField(fields, "asin"),
  url: (fields) => productUrl(textField(fields, "marketplace"), textField(fields, "asin")),
  fieldSensitivity: {
    our_price: money,
    our_price_tax: money,
    third_party_display_price: money,
    list_price_amount: money,
    list_price_tax_amount: money,
    recharge_amount: money,
    installment_our_price: money,
    installment_our_price_plus_tax: money,
    gift_message: orderItemSensitivity.gift_message!,
    gift_email: contact("gift recipient's e-mail address"),
    recipient_email: contact("recipient's e-mail address"),
    gift_customer_nickname: contact("gift recipient's name"),
    fulfillment_mobile_number: contact("mobile number"),
    ship_to: { level: 3, categories: ["identifier", "location"], reason: "delivery address" },
  },
});
