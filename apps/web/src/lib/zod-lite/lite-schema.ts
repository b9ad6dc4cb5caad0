// The classic methods the contracts call, given to a zod/mini schema: each maps to the mini
// function the classic method calls (zod/v4/classic/schemas.js) and returns a new schema.
import * as mini from 'zod/mini';

type Schema = mini.ZodMiniType;
type Params = string | { message?: string; abort?: boolean };
type Refinement = (value: never) => unknown;
type SuperRefinement = Parameters<typeof mini.superRefine>[0];

/** The classic methods; each returns a new schema that has them too. */
export interface LiteMethods {
  optional(): LiteMethods;
  nullable(): LiteMethods;
  default(value: unknown): LiteMethods;
  refine(check: Refinement, params?: Params): LiteMethods;
  min(value: number, params?: Params): LiteMethods;
  max(value: number, params?: Params): LiteMethods;
  int(params?: Params): LiteMethods;
  positive(params?: Params): LiteMethods;
  nonnegative(params?: Params): LiteMethods;
  regex(pattern: RegExp, params?: Params): LiteMethods;
  trim(): LiteMethods;
  toLowerCase(): LiteMethods;
  strict(): LiteMethods;
  pipe(out: Schema): LiteMethods;
  superRefine(refinement: SuperRefinement): LiteMethods;
}

const isNumber = (schema: Schema): boolean => schema._zod.def.type === 'number';

/** Gives a mini schema the classic methods the contracts call; each returns a new schema. */
export function lite<S extends Schema>(schema: S): S & LiteMethods {
  const checked = (...checks: Parameters<Schema['check']>) => lite(schema.check(...checks));
  const methods: LiteMethods = {
    optional: () => lite(mini.optional(schema)),
    nullable: () => lite(mini.nullable(schema)),
    default: (value) => lite(mini._default(schema, value as never)),
    refine: (check, params) => checked(mini.refine(check as (value: unknown) => unknown, params)),
    min: (value, params) =>
      checked(isNumber(schema) ? mini.gte(value, params) : mini.minLength(value, params)),
    max: (value, params) =>
      checked(isNumber(schema) ? mini.lte(value, params) : mini.maxLength(value, params)),
    int: (params) => checked(mini.int(params)),
    positive: (params) => checked(mini.positive(params)),
    nonnegative: (params) => checked(mini.nonnegative(params)),
    regex: (pattern, params) => checked(mini.regex(pattern, params)),
    trim: () => checked(mini.trim()),
    toLowerCase: () => checked(mini.toLowerCase()),
    pipe: (out) => lite(mini.pipe(schema, out as mini.ZodMiniType<unknown, never>)),
    superRefine: (refinement) => checked(mini.superRefine(refinement)),
    strict: () => {
      const shape = (schema as unknown as mini.ZodMiniObject).shape;
      return lite(mini.strictObject(shape));
    },
  };
  return Object.assign(schema, methods);
}
