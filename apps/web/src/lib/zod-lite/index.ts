// zod's classic API (the part packages/contracts uses) built on zod/mini, for the SPA's bundle
// only: vite.config.ts points `zod` here in the web build, so the contracts' schemas parse the
// same answers with a fraction of classic zod's code (whose schema classes carry every method and
// cannot be tree-shaken). The BFF and every type still use zod itself; zod-lite.test.ts checks
// every contracts schema against classic zod.
// zod's English messages are their own chunk, loaded beside this one (english-messages.ts).
export * as z from './constructors';
