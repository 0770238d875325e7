/**
 * Scores the sensitivity tagger on the labelled set in labelled.jsonl, through `tagText`, the
 * function `ownbase tag` uses: precision and recall per category, recall on sensitive items
 * (level ≥ 2), and false positives on ordinary titles, searches and product names.
 *
 *   npx tsx bench/tagging/evaluate.ts [--errors]
 *
 * Every 5th item is held out: rules are tuned looking at the errors of the others only
 * (`--errors` lists those), and both parts are reported.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { SensitivityCategory } from "../../src/sensitivity/levels.js";
import { tagText } from "../../src/sensitivity/tag.js";

interface Item {
  text: string;
  field: string;
  level: number;
  categories: SensitivityCategory[];
  lang: string;
}

interface Scored extends Item {
  index: number;
  predictedLevel: number;
  predicted: SensitivityCategory[];
}

/** Fields holding names of things: where ordinary items must stay unflagged. */
const TITLE_FIELDS = new Set(["title", "query", "product_name"]);

const { values } = parseArgs({ options: { errors: { type: "boolean", default: false } } });
const items = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "labelled.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as Item);

const scored: Scored[] = items.map((item, index) => {
  const tag = tagText(item.text, { field: item.field });
  return { ...item, index, predictedLevel: tag.level, predicted: tag.categories };
});
const parts = { development: scored.filter((item) => item.index % 5 !== 4), "held out": scored.filter((item) => item.index % 5 === 4) };

for (const [name, part] of Object.entries(parts)) report(name, part);
if (values.errors) {
  console.log("\nerrors on the development part (expected → found):");
  for (const item of parts.development) {
    const missed = item.categories.filter((category) => !item.predicted.includes(category));
    const extra = item.predicted.filter((category) => !item.categories.includes(category));
    if (missed.length || extra.length || (item.level >= 2) !== (item.predictedLevel >= 2)) {
      console.log(`  ${item.level}→${item.predictedLevel} ${item.field.padEnd(12)} -${missed.join(",")} +${extra.join(",")}  ${item.text}`);
    }
  }
}

function report(name: string, part: Scored[]) {
  console.log(`\n== ${name}: ${part.length} items ==`);
  const categories = [...new Set(part.flatMap((item) => [...item.categories, ...item.predicted]))].sort();
  console.log(`${"category".padEnd(16)}${"support".padStart(8)}${"precision".padStart(11)}${"recall".padStart(8)}`);
  let [tpAll, fpAll, fnAll] = [0, 0, 0];
  for (const category of categories) {
    const tp = part.filter((item) => item.categories.includes(category) && item.predicted.includes(category)).length;
    const fp = part.filter((item) => !item.categories.includes(category) && item.predicted.includes(category)).length;
    const fn = part.filter((item) => item.categories.includes(category) && !item.predicted.includes(category)).length;
    [tpAll, fpAll, fnAll] = [tpAll + tp, fpAll + fp, fnAll + fn];
    console.log(`${category.padEnd(16)}${String(tp + fn).padStart(8)}${ratio(tp, tp + fp).padStart(11)}${ratio(tp, tp + fn).padStart(8)}`);
  }
  console.log(`${"all (micro)".padEnd(16)}${String(tpAll + fnAll).padStart(8)}${ratio(tpAll, tpAll + fpAll).padStart(11)}${ratio(tpAll, tpAll + fnAll).padStart(8)}`);

  const sensitive = part.filter((item) => item.level >= 2);
  const ordinaryTitles = part.filter((item) => item.level === 0 && TITLE_FIELDS.has(item.field));
  const ordinaryText = part.filter((item) => item.level === 0 && !TITLE_FIELDS.has(item.field));
  const flagged = (list: Scored[]) => list.filter((item) => item.predictedLevel >= 2).length;
  console.log(`recall on sensitive items (level >= 2 found): ${ratio(flagged(sensitive), sensitive.length)} (${flagged(sensitive)}/${sensitive.length})`);
  console.log(`level exactly right on sensitive items: ${ratio(sensitive.filter((item) => item.predictedLevel === item.level).length, sensitive.length)}`);
  console.log(`false positives on ordinary titles/searches/products: ${ratio(flagged(ordinaryTitles), ordinaryTitles.length)} (${flagged(ordinaryTitles)}/${ordinaryTitles.length})`);
  console.log(`false positives on ordinary mail subjects/bodies: ${ratio(flagged(ordinaryText), ordinaryText.length)} (${flagged(ordinaryText)}/${ordinaryText.length})`);
}

function ratio(n: number, of: number): string {
  return of === 0 ? "-" : (n / of).toFixed(2);
}
