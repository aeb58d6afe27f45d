// The planner reads its words from the page (`#sinew-strings`); Node has no page, so the
// tests give it the English table the build embeds, as generated from i18n/en.yaml by
// `UPDATE_STRINGS=1 cargo test --test planner_strings` (which fails when it is stale).
// Import this module before any planner module.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../fixtures/planner/strings.en.json', import.meta.url));
/** @type {any} */ (globalThis).sinewStrings = JSON.parse(fs.readFileSync(file, 'utf8'));
