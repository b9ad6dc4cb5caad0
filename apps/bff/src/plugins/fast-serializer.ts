// A response serializer compiled once from a zod schema: the schema becomes JSON Schema and
// fast-json-stringify turns it into a specialised stringify function, which writes only the
// declared fields. Used on hot routes (GET /api/session); other routes keep the zod serializer,
// which also validates what they answer.
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';

function zodOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new TypeError('fastSerializerCompiler needs zod response schemas');
}

/** A stringify function specialised for one zod schema (writes only the declared fields). */
export function compileStringify(schema: unknown): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(zodOf(schema), { target: 'draft-7', io: 'output' });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
}

export const fastSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) =>
  compileStringify(schema);
