import type { z } from 'zod';

/** A schema's answer with its string enums widened to string: how the services type the text columns they read. */
type AsText<T> = T extends string ? string : T extends Date ? Date : T extends readonly (infer U)[] ? AsText<U>[] : T extends object ? { [K in keyof T]: AsText<T[K]> } : T;
/** Every field path of a type, `items.client.city`, through arrays and nulls. */
type Paths<T> = T extends Date ? never : T extends readonly (infer U)[] ? Paths<U> : T extends object ? { [K in keyof T & string]-?: K | `${K}.${Paths<NonNullable<T[K]>>}` }[keyof T & string] : never;

/**
 * A service's answer for a route whose schema narrows text columns to enums. The compiler checks every
 * field and its shape, and refuses a field the schema does not declare (the serializer would drop it
 * silently); the values themselves are checked by the response serializer, which validates each answer
 * against the schema, so a value outside an enum is a 500, never a wrong document.
 */
export const answer = <S extends z.ZodType, V extends AsText<z.output<S>>>(
  _schema: S,
  value: V & ([Exclude<Paths<V>, Paths<z.output<S>>>] extends [never] ? unknown : { undeclaredFields: Exclude<Paths<V>, Paths<z.output<S>>> }),
): z.output<S> => value as z.output<S>;
