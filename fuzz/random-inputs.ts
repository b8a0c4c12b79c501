/**
 * Fully random inputs of the right general shape: any bytes, any text, and
 * JSON whose keys come mostly from the format's own vocabulary (so random
 * documents get past "is this an object with a `header`?" now and then).
 */
import fc from 'fast-check'
import { EDGE_NUMBERS } from './mutate-json.ts'

export const randomBytesArb = (maxLength = 512): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength })

export const randomTextArb = (maxLength = 256): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'binary-ascii', maxLength }),
  )

/** JSON values built from the vocabulary: objects keyed by known field names, edge numbers, short strings. */
export function shapedJsonArb(vocabulary: readonly string[], maxDepth = 4): fc.Arbitrary<unknown> {
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...vocabulary) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) })
  const leaf = fc.oneof(
    fc.constantFrom(...vocabulary),
    fc.string({ maxLength: 24 }),
    fc.constantFrom(...EDGE_NUMBERS),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  )
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 6, noNullPrototype: true }),
    ),
  }))
  return value
}

/** A random JSON document's text (top level an object or a list, as files are). */
export const shapedJsonTextArb = (vocabulary: readonly string[]): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.dictionary(fc.constantFrom(...vocabulary), shapedJsonArb(vocabulary), { maxKeys: 8, noNullPrototype: true }),
      fc.array(shapedJsonArb(vocabulary), { maxLength: 4 }),
    )
    .map((v) => JSON.stringify(v))
