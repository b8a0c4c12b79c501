/**
 * The input mix every target draws from: one input in five to eight fully
 * random (of the right general shape), most of the rest mutations of valid
 * seeds, and now and then a seed unchanged (so the success path, and what
 * follows it, runs too).
 */
import fc from 'fast-check'
import { applyByteOp, byteOpArb, mutatedBytesArb, type SizeOptions } from './mutate-bytes.ts'
import { jsonPaths, jsonTextArb, mutatedJsonArb } from './mutate-json.ts'
import { mutatedTextArb, tokenSoupArb } from './mutate-text.ts'
import { randomBytesArb, randomTextArb, shapedJsonArb, shapedJsonTextArb } from './random-inputs.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export function textInputArb(seeds: readonly string[], dictionary: readonly string[], size: SizeOptions): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: randomTextArb() },
    { weight: 1, arbitrary: tokenSoupArb(dictionary) },
    { weight: 1, arbitrary: fc.constantFrom(...seeds) },
    { weight: 7, arbitrary: mutatedTextArb(seeds, dictionary, size) },
  )
}

export function bytesInputArb(seeds: readonly Uint8Array[], size: SizeOptions): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 2, arbitrary: randomBytesArb() },
    { weight: 1, arbitrary: fc.constantFrom(...seeds) },
    { weight: 7, arbitrary: mutatedBytesArb(seeds, size) },
  )
}

/** Every object key in the seeds, plus `extra`: the fields mutations add or random JSON uses. */
function vocabularyOf(values: readonly unknown[], extra: readonly string[] = []): string[] {
  const keys = new Set(extra)
  for (const v of values) for (const path of jsonPaths(v)) for (const k of path) if (typeof k === 'string') keys.add(k)
  return [...keys]
}

export function valueInputArb(seeds: readonly unknown[], size: SizeOptions, extraKeys: readonly string[] = []): fc.Arbitrary<unknown> {
  const vocabulary = vocabularyOf(seeds, extraKeys)
  return fc.oneof(
    { weight: 2, arbitrary: shapedJsonArb(vocabulary) },
    { weight: 1, arbitrary: fc.constantFrom(...seeds) },
    { weight: 7, arbitrary: mutatedJsonArb(seeds, vocabulary, size) },
  )
}

export interface FileInput {
  bytes: Uint8Array
  password?: string
}

export interface FileSeedLike {
  bytes: Uint8Array
}

const JSON_DICTIONARY = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  'null',
  'true',
  'false',
  '0',
  '-1',
  '1e400',
  '\\u0000',
  '\\ud800',
  '\\"',
  '\ufeff',
]

/**
 * Files: JSON seeds mutated as structures (then sometimes also as bytes), text
 * seeds as text, every seed as bytes; random JSON in the format's vocabulary and
 * random bytes. Encrypted formats mostly get the right password, sometimes a
 * wrong, empty or missing one.
 */
export function fileInputArb(
  seeds: readonly FileSeedLike[],
  size: SizeOptions,
  opts: { password?: string; dictionary?: readonly string[] } = {},
): fc.Arbitrary<FileInput> {
  const byteSeeds = seeds.map((s) => s.bytes)
  const texts = byteSeeds.flatMap((b) => {
    try {
      return [decoder.decode(b)]
    } catch {
      return []
    }
  })
  const jsons = texts.flatMap((t) => {
    try {
      return [JSON.parse(t) as unknown]
    } catch {
      return []
    }
  })
  const dictionary = [...(opts.dictionary ?? []), ...JSON_DICTIONARY, ...vocabularyOf(jsons).map((k) => JSON.stringify(k))]
  const vocabulary = vocabularyOf(jsons)
  const toBytes = (t: string) => encoder.encode(t)
  const options: fc.WeightedArbitrary<Uint8Array>[] = [
    { weight: 1, arbitrary: randomBytesArb() },
    { weight: 1, arbitrary: fc.constantFrom(...byteSeeds) },
    { weight: 2, arbitrary: mutatedBytesArb(byteSeeds, size) },
  ]
  if (texts.length > 0) options.push({ weight: 3, arbitrary: mutatedTextArb(texts, dictionary, size).map(toBytes) })
  if (jsons.length > 0) {
    const structural = jsonTextArb(mutatedJsonArb(jsons, vocabulary, size)).map(toBytes)
    options.push(
      { weight: 1, arbitrary: shapedJsonTextArb(vocabulary).map(toBytes) },
      { weight: 6, arbitrary: structural },
      // A structural mutation, then a byte-level one on top.
      { weight: 1, arbitrary: fc.tuple(structural, byteOpArb(byteSeeds.length, size)).map(([b, op]) => applyByteOp(b, op, byteSeeds)) },
    )
  }
  const password =
    opts.password === undefined
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 8, arbitrary: fc.constant(opts.password) },
          { weight: 1, arbitrary: fc.constantFrom('wrong password', '', undefined) },
        )
  return fc
    .record({ bytes: fc.oneof(...options), password }, { requiredKeys: ['bytes'] })
    .map(({ bytes, password: pw }) => (pw === undefined ? { bytes } : { bytes, password: pw }))
}
