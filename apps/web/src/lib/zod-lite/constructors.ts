// The classic constructors the contracts call (`z.object`, `z.string`, ...), each making a mini
// schema with the classic methods. Named exports, so the bundle keeps only those in use.
import * as mini from 'zod/mini';
import { lite, type LiteMethods } from './lite-schema';

type Maker = (...args: never[]) => mini.ZodMiniType;
const wrap =
  <M extends Maker>(make: M) =>
  (...args: Parameters<M>): ReturnType<M> & LiteMethods =>
    lite(make(...args) as ReturnType<M>);

export const object = wrap(mini.object);
export const string = wrap(mini.string);
export const number = wrap(mini.number);
export const boolean = wrap(mini.boolean);
// `enum` and `null` are reserved words: exported under their zod names below.
const enumSchema = wrap(mini.enum);
const nullSchema = wrap(mini.null);
export { enumSchema as enum, nullSchema as null };
export const array = wrap(mini.array);
export const literal = wrap(mini.literal);
export const union = wrap(mini.union);
export const discriminatedUnion = wrap(mini.discriminatedUnion);
export const record = wrap(mini.record);
export const coerce = { number: wrap(mini.coerce.number) };
export const iso = { datetime: wrap(mini.iso.datetime) };
