/** Key encodings: base32 (otpauth secrets), hex, base64 and parseSecret, which dispatches to them. */
import fc from 'fast-check'
import { base32Decode } from '../../src/core/encoding/base32.ts'
import { base64Decode } from '../../src/core/encoding/base64.ts'
import { hexDecode } from '../../src/core/encoding/hex.ts'
import { parseSecret, type SecretEncoding } from '../../src/core/encoding/parse-secret.ts'
import { defineTarget, PARSER_TIME_LIMIT_MS } from '../fuzz-target.ts'
import { textInputArb } from '../input-arbitraries.ts'
import { base32Seeds, base64Seeds, ENCODING_DICTIONARY, hexSeeds } from '../seeds/text-seeds.ts'

const text = (input: string) => input.length

function decoderTarget(name: string, entry: string, seeds: () => string[], decode: (s: string) => unknown) {
  return defineTarget<string>({
    name,
    entry,
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 1000,
    prepare: async (size) => ({ arbitrary: textInputArb(seeds(), ENCODING_DICTIONARY, size), run: decode, sizeOf: text }),
  })
}

export const ENCODING_TARGETS = [
  decoderTarget('base32', 'base32Decode', base32Seeds, base32Decode),
  decoderTarget('hex', 'hexDecode', hexSeeds, hexDecode),
  decoderTarget('base64', 'base64Decode', base64Seeds, base64Decode),
  defineTarget<{ text: string; encoding: SecretEncoding }>({
    name: 'parse-secret',
    entry: 'parseSecret',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 1000,
    prepare: async (size) => ({
      arbitrary: fc.record({
        text: textInputArb([...base32Seeds(), ...hexSeeds(), ...base64Seeds()], ENCODING_DICTIONARY, size),
        encoding: fc.constantFrom<SecretEncoding>('base32', 'hex', 'base64'),
      }),
      run: ({ text: t, encoding }) => parseSecret(t, encoding),
      sizeOf: ({ text: t }) => t.length,
    }),
  }),
]
