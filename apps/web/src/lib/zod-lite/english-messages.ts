// zod's English messages, configured once this module loads. Classic zod registers them on first
// use; zod-lite leaves them to this module, which src/lib/api-client.ts requests as soon as a
// screen that talks to the BFF loads: parsing answers needs no messages, and the first form a
// person can submit opens well after this arrives (until then a failed check reads zod's plain
// "Invalid input").
import * as mini from 'zod/mini';
import en from 'zod/v4/locales/en.js';

mini.config(en());
