/**
 * Text seeds for the encoding and URI parsers: the shared otpauth and
 * migration cases (test/fixtures, copied from ../shared/spec), URIs built
 * from the README's accounts, their migration payloads as raw protobuf, and
 * keys spelled every way the parsers accept.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { base32Decode } from '../../src/core/encoding/base32.ts'
import { base64Encode } from '../../src/core/encoding/base64.ts'
import { hexEncode } from '../../src/core/encoding/hex.ts'
import { FIXTURE_ENTRIES } from '../../test/support/plain-fixtures.ts'
import { buildOtpauthUri } from '../../src/core/uri/build-otpauth-uri.ts'
import { decodeMigrationBase64 } from '../../src/core/uri/migration-base64.ts'
import { percentDecode } from '../../src/core/uri/percent-decode.ts'

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures')
const cases = (file: string) =>
  (JSON.parse(readFileSync(resolve(FIXTURES, file), 'utf8')) as { cases: { uri: string }[] }).cases.map((c) => c.uri)

/** Every `uri` of otpauth-uri-cases.json, valid and invalid alike. */
const otpauthCaseUris = (): string[] => cases('otpauth-uri-cases.json')
export const migrationCaseUris = (): string[] => cases('migration-cases.json')

export function otpauthUriSeeds(): string[] {
  return [...otpauthCaseUris(), ...FIXTURE_ENTRIES.map((e) => buildOtpauthUri(e)), `steam://${FIXTURE_ENTRIES[6]!.secret}`]
}

/** The protobuf MigrationPayload inside each decodable migration case. */
export function migrationPayloadSeeds(): Uint8Array[] {
  const out: Uint8Array[] = []
  for (const uri of migrationCaseUris()) {
    const data = /[?&]data=([^&]*)/i.exec(uri)?.[1]
    if (data === undefined) continue
    try {
      out.push(decodeMigrationBase64(percentDecode(data, { plusAsSpace: false, what: 'data' })))
    } catch {
      // an error case of the fixture: its URI is still a seed for decodeMigrationUri
    }
  }
  return out
}

const keys = () => FIXTURE_ENTRIES.map((e) => base32Decode(e.secret))

export function base32Seeds(): string[] {
  const secrets = FIXTURE_ENTRIES.map((e) => e.secret)
  return [
    ...secrets,
    secrets[0]!.toLowerCase(),
    `${secrets[1]!.slice(0, 8)} ${secrets[1]!.slice(8)}`,
    'JBSW-Y3DP-EHPK-3PXP',
    'GEZDGNBV======',
    'MZXW6===',
  ]
}

export const hexSeeds = (): string[] => [...keys().map(hexEncode), 'DEADbeef', '00']
export const base64Seeds = (): string[] => [
  ...keys().map((k) => base64Encode(k)),
  ...keys().map((k) => base64Encode(k, { urlSafe: true })),
  'AA==',
  'AAA=',
]

/** What people paste into "Add account": several links, spaces and newlines between them. */
export function accountTextSeeds(): string[] {
  const uris = otpauthUriSeeds()
  return [uris.slice(0, 3).join('\n'), uris.slice(3, 6).join(' '), `${migrationCaseUris()[0]}\n${uris[0]}`]
}

export const URI_DICTIONARY = [
  'otpauth://',
  'otpauth-migration://offline?data=',
  'steam://',
  'totp',
  'hotp',
  'steam',
  '/',
  '?',
  '&',
  '=',
  ':',
  '%3A',
  '%20',
  '+',
  'secret=',
  'issuer=',
  'algorithm=',
  'digits=',
  'period=',
  'counter=',
  'image=',
  'encoder=steam',
  'data=',
  'SHA1',
  'SHA256',
  'SHA512',
  'MD5',
  '%',
  '%zz',
  '%FF',
  '%C0%80',
  '%ED%A0%80',
  '%00',
  '#',
  'JBSWY3DPEHPK3PXP',
  '====',
  '0',
  '99999999999999999999999',
  '-1',
  '1e3',
]

export const ENCODING_DICTIONARY = [
  '=',
  '==',
  '====',
  '-',
  '_',
  '+',
  '/',
  ' ',
  '\n',
  'A',
  'a',
  '0',
  '1',
  '8',
  '9',
  'Z',
  'z',
  '7',
  'ſ',
  'ı',
  'ﬀ',
  'Ａ',
]
