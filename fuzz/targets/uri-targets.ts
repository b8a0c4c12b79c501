/**
 * otpauth:// URIs, Google Authenticator migration URIs, their protobuf payload,
 * pasted link lists, and the texts of QR codes found in a scanned page or image.
 */
import fc from 'fast-check'
import { parseAccountText } from '../../src/core/accounts/parse-account-text.ts'
import { interpretQrTexts } from '../../src/core/scan/interpret-qr-texts.ts'
import { decodeMigrationUri } from '../../src/core/uri/decode-migration-uri.ts'
import { parseOtpauthUri } from '../../src/core/uri/parse-otpauth-uri.ts'
import { readProtoFields } from '../../src/core/uri/protobuf.ts'
import { defineTarget, PARSER_TIME_LIMIT_MS } from '../fuzz-target.ts'
import { bytesInputArb, textInputArb } from '../input-arbitraries.ts'
import { accountTextSeeds, migrationCaseUris, migrationPayloadSeeds, otpauthUriSeeds, URI_DICTIONARY } from '../seeds/text-seeds.ts'

export const URI_TARGETS = [
  defineTarget<string>({
    name: 'otpauth-uri',
    entry: 'parseOtpauthUri',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 3,
    ciRuns: 1500,
    prepare: async (size) => ({
      arbitrary: textInputArb(otpauthUriSeeds(), URI_DICTIONARY, size),
      run: parseOtpauthUri,
      sizeOf: (s) => s.length,
    }),
  }),
  defineTarget<string>({
    name: 'migration-uri',
    entry: 'decodeMigrationUri',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 3,
    ciRuns: 1000,
    prepare: async (size) => ({
      arbitrary: textInputArb(migrationCaseUris(), URI_DICTIONARY, size),
      run: decodeMigrationUri,
      sizeOf: (s) => s.length,
    }),
  }),
  defineTarget<Uint8Array>({
    name: 'protobuf',
    entry: 'readProtoFields',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 2,
    ciRuns: 1000,
    prepare: async (size) => ({ arbitrary: bytesInputArb(migrationPayloadSeeds(), size), run: readProtoFields, sizeOf: (b) => b.length }),
  }),
  defineTarget<string>({
    name: 'account-text',
    entry: 'parseAccountText',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 2,
    ciRuns: 800,
    prepare: async (size) => ({
      arbitrary: textInputArb(accountTextSeeds(), URI_DICTIONARY, size),
      run: parseAccountText,
      sizeOf: (s) => s.length,
    }),
  }),
  defineTarget<string[]>({
    name: 'qr-texts',
    entry: 'interpretQrTexts',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 2,
    ciRuns: 500,
    prepare: async (size) => ({
      arbitrary: fc.array(textInputArb([...otpauthUriSeeds(), ...migrationCaseUris()], URI_DICTIONARY, size), {
        minLength: 1,
        maxLength: 4,
      }),
      run: (texts) => interpretQrTexts(texts, []),
      sizeOf: (texts) => texts.reduce((n, t) => n + t.length, 0),
    }),
  }),
]
