/**
 * Every real export in ../shared/samples imports and gives the codes of
 * its README ("The accounts"), at T=1700000000 or at the stored counter.
 * The folder is read in place and never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateCode } from '../otp/generate-code.ts'
import type { Algorithm, OtpType } from '../types.ts'
import { detectFormat } from './detect-format.ts'
import { importBackup } from './import-backup.ts'
import type { FormatId, ImportedEntry } from './import-result.ts'

// ../shared sits beside the repository (as in CI); KEYFOB_SAMPLES points elsewhere.
const SAMPLES = process.env.KEYFOB_SAMPLES ?? resolve(import.meta.dirname, '../../../../shared/samples')
const exists = existsSync(SAMPLES)
const NOW_MS = 1_700_000_000_000

interface Account {
  type: OtpType
  issuer: string
  account: string
  secret: string
  algorithm: Algorithm
  digits: number
  period: number
  counter: bigint
  code: string
}
const A = (
  type: OtpType,
  issuer: string,
  account: string,
  secret: string,
  algorithm: Algorithm,
  digits: number,
  period: number,
  counter: number,
  code: string,
): Account => ({ type, issuer, account, secret, algorithm, digits, period, counter: BigInt(counter), code })
// The README's table "The accounts (the Aegis test set)".
const ACCOUNTS = {
  A1: A('totp', 'Deno', 'Mason', '4SJHB4GSD43FZBAI7C2HLRJGPQ', 'SHA1', 6, 30, 0, '790195'),
  A2: A('totp', 'SPDX', 'James', '5OM4WOOGPLQEF6UGN3CPEOOLWU', 'SHA256', 7, 20, 0, '9993814'),
  A3: A('totp', 'Airbnb', 'Elijah', '7ELGJSGXNCCTV3O6LKJWYFV2RA', 'SHA512', 8, 50, 0, '65516786'),
  A4: A('hotp', 'Issuu', 'James', 'YOOMIXWS5GN6RTBPUFFWKTW5M4', 'SHA1', 6, 30, 1, '253717'),
  A5: A('hotp', 'Air Canada', 'Benjamin', 'KUVJJOM753IHTNDSZVCNKL7GII', 'SHA256', 7, 30, 50, '4444976'),
  A6: A('hotp', 'WWE', 'Mason', '5VAML3X35THCEBVRLV24CGBKOY', 'SHA512', 8, 30, 10300, '24622277'),
  A7: A('steam', 'Boeing', 'Sophia', 'JRZCL47CMXVOQMNPZR2F7J4RGI', 'SHA1', 5, 30, 0, '747JR'),
  // authenticator-extension-synthetic/ (its README table)
  X1: A('totp', 'Example', 'alice@example.test', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0, '324550'),
  X2: A('hotp', 'Counter Example', 'bob', 'KRUGS4ZANFZSAYJA', 'SHA256', 8, 30, 7, '84605793'),
  A8: A('totp', 'Battle.net', 'US-2211-2050-3346', 'BMGRXPGFARQQF4GMT25JATL2VYLAHDBI', 'SHA1', 8, 30, 0, '12715797'),
}
type Id = keyof typeof ACCOUNTS

interface Case {
  file: string
  format: FormatId
  password?: string
  holds: Id[]
  /** Names are not the table's (Bitwarden item names, Steam files): compare codes only. */
  codesOnly?: Id[]
  /** Lossy formats: these accounts come out as TOTP/SHA1/6/30 or otherwise changed; check secret and type only. */
  lossy?: Partial<Record<Id, Partial<Account>>>
  skipped?: number
  /** Tags expected on some accounts (groups, folders). */
  tags?: Partial<Record<Id, string[]>>
}
const DEFAULTS: Partial<Account> = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 }

const CASES: Case[] = [
  { file: 'aegis-test-set/plain.txt', format: 'otpauth-uri-list', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'] },
  { file: 'aegis-test-set/aegis_plain.json', format: 'aegis', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'] },
  { file: 'aegis-test-set/aegis_encrypted.json', format: 'aegis', password: 'test', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'] },
  {
    file: 'aegis-test-set/aegis_plain_grouped_v2.json',
    format: 'aegis',
    holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'],
    tags: { A1: ['group1'], A2: [], A3: ['group1'], A4: ['group2'] },
  },
  {
    file: 'aegis-test-set/2fas_authenticator.json',
    format: 'two-fas',
    holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'],
    lossy: { A2: DEFAULTS, A3: DEFAULTS, A4: DEFAULTS, A5: DEFAULTS, A6: DEFAULTS },
  },
  ...(['', '_encrypted'] as const)
    .flatMap((kind): Case[] => [
      {
        file: `aegis-test-set/2fas_authenticator${kind || '_plain'}.2fas`,
        format: 'two-fas',
        holds: ['A1', 'A3', 'A4', 'A6'],
        lossy: { A4: { type: 'totp', period: 30 }, A6: { type: 'totp', period: 30 } },
      },
      {
        file: `aegis-test-set/2fas_authenticator${kind || '_plain'}_v3.2fas`,
        format: 'two-fas',
        holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'],
      },
      { file: `aegis-test-set/2fas_authenticator${kind || '_plain'}_v4.2fas`, format: 'two-fas', holds: ['A1', 'A4', 'A5', 'A6', 'A7'] },
    ])
    .map((c) => (c.file.includes('_encrypted') ? { ...c, password: 'test' } : c)),
  { file: 'aegis-test-set/andotp_plain.json', format: 'andotp', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'] },
  { file: 'aegis-test-set/andotp_encrypted.bin', format: 'andotp', password: 'test', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'] },
  // The README does not list its accounts: the old-layout file holds A1–A6 (no Steam entry).
  { file: 'aegis-test-set/andotp_encrypted_old.bin', format: 'andotp', password: 'test', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'] },
  { file: 'aegis-test-set/bitwarden.json', format: 'bitwarden-json', holds: ['A1', 'A2', 'A3', 'A7'], codesOnly: ['A7'] },
  { file: 'aegis-test-set/bitwarden.csv', format: 'bitwarden-csv', holds: ['A1', 'A2', 'A3', 'A7'], codesOnly: ['A7'] },
  // The only login has `otpauth://totp/my-secret-key` without a secret: skipped, never given a made-up code.
  { file: 'bitwarden-password-protected/individual.json', format: 'bitwarden-json', holds: [], skipped: 1 },
  {
    file: 'bitwarden-password-protected/encrypted_test_pbkdf2.json',
    format: 'bitwarden-json',
    password: 'passphrase',
    holds: [],
    skipped: 1,
  },
  {
    file: 'bitwarden-password-protected/encrypted_test_argon2id.json',
    format: 'bitwarden-json',
    password: 'passphrase',
    holds: [],
    skipped: 1,
  },
  { file: 'aegis-test-set/ente_auth.txt', format: 'otpauth-uri-list', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'] },
  { file: 'aegis-test-set/freeotp_plus.json', format: 'freeotp-plus', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'] },
  { file: 'aegis-test-set/proton_authenticator.json', format: 'proton-authenticator', holds: ['A1', 'A2', 'A3'] },
  { file: 'aegis-test-set/steam.json', format: 'steam', holds: ['A7'], codesOnly: ['A7'] },
  { file: 'aegis-test-set/steam_old.json', format: 'steam', holds: ['A7'], codesOnly: ['A7'] },
  {
    file: 'authenticator-extension-synthetic/v8.json',
    format: 'authenticator-extension',
    password: 'fixture-password',
    holds: ['X1', 'X2'],
  },
  { file: 'authenticator-extension-synthetic/v7.json', format: 'authenticator-extension', password: 'fixture-password', holds: ['X1'] },
  {
    file: 'generated/ente_auth_encrypted.json',
    format: 'ente-encrypted',
    password: 'test',
    holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'],
  },
  { file: 'generated/proton_authenticator_encrypted.json', format: 'proton-authenticator', password: 'test', holds: ['A1', 'A2', 'A3'] },
  ...(['plain', 'strong', 'legacy'] as const).map((kind): Case => ({
    file: `generated/authenticator_pro_${kind}.authpro`,
    format: 'authenticator-pro',
    password: kind === 'plain' ? undefined : 'test',
    holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'],
    tags: { A1: ['Work'], A2: [], A4: ['Work'] },
  })),
  { file: 'generated/freeotp_backup.xml', format: 'freeotp', password: 'test', holds: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A8'] },
  { file: 'generated/totp_authenticator.bin', format: 'totp-authenticator', password: 'test', holds: ['A1', 'A8'] },
  // WinAuth writes A4 as counter=0 (its last-used counter: the next code is HOTP(1)); A7 and A8 under its own issuers.
  { file: 'generated/winauth.txt', format: 'winauth', holds: ['A1', 'A2', 'A3', 'A4', 'A7', 'A8'], codesOnly: ['A7', 'A8'] },
  {
    file: 'generated/winauth.zip',
    format: 'winauth',
    password: 'test',
    holds: ['A1', 'A2', 'A3', 'A4', 'A7', 'A8'],
    codesOnly: ['A7', 'A8'],
  },
]

async function checkEntry(entry: ImportedEntry, id: Id, c: Case): Promise<void> {
  const want = ACCOUNTS[id]
  const lossy = c.lossy?.[id]
  expect(entry.secret, `${c.file} ${id} secret`).toBe(want.secret)
  if (c.tags?.[id]) expect(entry.tags).toEqual(c.tags[id])
  if (lossy) {
    expect(entry).toMatchObject(lossy)
    return
  }
  expect(await generateCode(entry, NOW_MS), `${c.file} ${id} code`).toBe(want.code)
  expect(entry.type).toBe(want.type)
  if (!c.codesOnly?.includes(id)) {
    expect({ issuer: entry.issuer, account: entry.account }).toEqual({ issuer: want.issuer, account: want.account })
  }
}

describe.skipIf(!exists)(`real samples in ${SAMPLES} (skipped when the folder is absent: the samples are not copied into the repo)`, () => {
  it.each(CASES)(
    '$file',
    async (c) => {
      const bytes = new Uint8Array(readFileSync(join(SAMPLES, c.file)))
      expect(detectFormat(bytes, c.file)).toBe(c.format)
      const result = await importBackup(bytes, { password: c.password, fileName: c.file })
      expect(result.format).toBe(c.format)
      expect(result.skipped).toHaveLength(c.skipped ?? 0)
      expect(result.entries).toHaveLength(c.holds.length)
      for (const id of c.holds) {
        const entry = result.entries.find((e) => e.secret === ACCOUNTS[id].secret)
        expect(entry, `${c.file}: ${id} missing`).toBeDefined()
        await checkEntry(entry!, id, c)
      }
    },
    30_000,
  )
})
