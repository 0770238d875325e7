import { amazonTable, textField } from "./table.js";
import { productUrl } from "./values.js";

/** What Amazon calls the cart's lists, by the names a person knows them by. */
const CART_LISTS: Record<string, string> = { active: "Shopping cart", saved: "Saved for later" };

/**
 * `Retail.CartItems.N.csv`: what sits in the shopping cart or is saved for later, one `list_item`
 * per product with the list it is on. An item is the same one in a later export as long as it
 * was added at the same moment.
 */
export const cartItems = amazonTable({
  id: "amazon.cart-items",
  platform: "amazon",
  title: "Amazon shopping cart",
  fileName: /^Retail\.CartItems/i,
  required: ["DateAddedToCart", "ASIN", "CartList"],
  known: ["Source", "CartDomain", "Quantity", "OneClickBuyable", "ToBeGiftWrapped", "PrimeSubscription", "Pantry", "AddOn"],
  rowRequires: ["ASIN"],
  kind: "list_item",
  keyScope: "cart",
  key: ["asin", "date_added_to_cart"],
  time: ["date_added_to_cart"],
  dates: ["date_added_to_cart"],
  counts: ["quantity"],
  flags: ["one_click_buyable", "to_be_gift_wrapped", "prime_subscription", "pantry", "add_on"],
  refine(fields) {
    const cartList = textField(fields, "cart_list");
    return { ...fields, list: cartList && (CART_LISTS[cartList.toLowerCase()] ?? cartList) };
  },
  recordTitle: (fields) => textField(fields, "asin"),
  // The file names no marketplace but for carts of other Amazon sites; amazon.com's page of the
  // ASIN is the nearest link otherwise.
  url: (fields) => productUrl(textField(fields, "cart_domain") ?? "Amazon.com", textField(fields, "asin")),
  fieldSensitivity: {},
});
