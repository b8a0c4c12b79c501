import { describe, expect, it } from 'vitest'
import { detectFormat } from './detect-format.ts'
import type { FormatId } from './import-result.ts'
import { encode, expectError } from '../../../test/support/import-helpers.ts'
import {
  aegisPlainFile,
  andOtpPlainFile,
  authenticatorExtensionPlainFile,
  bitwardenCsvFile,
  bitwardenJsonFile,
  FIXTURE_ENTRIES,
  freeOtpPlusFile,
  lastPassFile,
  protonPlainFile,
  raivoFile,
  steamMaFile,
  twoFasPlainFile,
  uriListFile,
} from '../../../test/support/plain-fixtures.ts'
import { authProPlainFile, javaStringMap, winAuthText, zipFile } from '../../../test/support/more-format-fixtures.ts'

const e = FIXTURE_ENTRIES
const text = (s: string) => new TextEncoder().encode(s)

describe('detectFormat', () => {
  it.each<[FormatId, Uint8Array]>([
    ['otpauth-uri-list', uriListFile(e)],
    ['otpauth-uri-list', text('\uFEFF\r\n  otpauth://totp/x?secret=JBSWY3DP\r\n')],
    ['otpauth-uri-list', text('# exported by WinAuth\notpauth://totp/x?secret=JBSWY3DP\n')],
    ['google-migration', text('otpauth-migration://offline?data=CgA%3D\n')],
    ['aegis', aegisPlainFile(e)],
    ['two-fas', twoFasPlainFile(e)],
    ['two-fas', encode({ schemaVersion: 4, services: [], servicesEncrypted: 'a:b:c' })],
    ['andotp', andOtpPlainFile(e)],
    ['andotp', new Uint8Array([0, 2, 0x39, 0x10, ...new Uint8Array(60).fill(0x80)])], // 145,680 PBKDF2 iterations, then salt…
    ['bitwarden-json', bitwardenJsonFile(e)],
    ['bitwarden-json', encode({ encrypted: true, passwordProtected: true, salt: 's', data: 'x' })],
    ['bitwarden-json', encode({ encrypted: true, encKeyValidation_DO_NOT_EDIT: 'x', items: [] })],
    ['bitwarden-csv', bitwardenCsvFile(e)],
    ['authenticator-extension', authenticatorExtensionPlainFile(e)],
    ['authenticator-extension', encode({ key: { enc: 'x', hash: 'y' } })],
    ['ente-encrypted', encode({ version: 1, kdfParams: {}, encryptedData: '', encryptionNonce: '' })],
    ['freeotp-plus', freeOtpPlusFile(e)],
    ['lastpass', lastPassFile(e)],
    ['proton-authenticator', protonPlainFile(e)],
    ['proton-authenticator', encode({ version: 1, salt: 'x', content: 'y' })],
    ['steam', steamMaFile(e[6]!)],
    ['steam', encode({ accounts: { a: { shared_secret: 'x' } } })],
    ['raivo', raivoFile(e)],
    ['authenticator-pro', authProPlainFile(e)],
    ['authenticator-pro', new Uint8Array([...text('AUTHENTICATORPRO'), ...new Uint8Array(60)])],
    ['authenticator-pro', new Uint8Array([...text('AuthenticatorPro'), ...new Uint8Array(60)])],
    ['freeotp', javaStringMap(new Map([['masterKey', '{}']]))],
    ['totp-authenticator', text('QUFB'.repeat(16))], // 48 bytes: three AES blocks
    ['winauth', text(winAuthText(e))],
    ['winauth', zipFile('winauth.txt', text(winAuthText(e)), 'pw')],
  ])('%s', (format, bytes) => {
    expect(detectFormat(bytes)).toBe(format)
  })

  it('an old andOTP backup (no header) is recognised by its .json.aes name only', () => {
    const headerless = new Uint8Array(64).fill(0x80)
    expect(detectFormat(headerless, 'otp_accounts_2020-01-01.json.aes')).toBe('andotp')
    expect(() => detectFormat(headerless)).toThrow(/binary and not a backup format Keyfob recognises/)
  })

  // Files of apps Keyfob recognises but does not read: each says whose file it is and what to export instead
  // (these were all taken for encrypted andOTP backups before, and asked for "this andOTP backup's" password).
  it.each<[string, Uint8Array, string | undefined, RegExp]>([
    [
      'an Authenticator Plus database',
      crypto.getRandomValues(new Uint8Array(4096)).fill(0x80, 0, 4),
      'authplus.db',
      /Authenticator Plus.*Export as Text and HTML.*Accounts\.txt/,
    ],
    [
      'an app database (SQLite)',
      new Uint8Array([...text('SQLite format 3\0'), ...new Uint8Array(100)]),
      'databases',
      /database \(SQLite\).*export the accounts from the app/,
    ],
    ['a Proton Pass export', zipFile('Proton Pass/data.json', text('{}')), 'pass.zip', /Proton Pass export.*otpauth:\/\/ link/],
    [
      'an Authenticator Plus archive',
      zipFile('Accounts.txt', text('x'), 'pw'),
      undefined,
      /Authenticator Plus export archive.*Accounts\.txt/,
    ],
    [
      'a PGP-encrypted WinAuth export',
      text('-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n'),
      'winauth.pgp',
      /OpenPGP.*WinAuth/,
    ],
    [
      "FreeOTP 1's tokens.xml",
      text("<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map><string name=\"tokenOrder\">[]</string></map>"),
      'tokens.xml',
      /FreeOTP.*make a backup/,
    ],
    ['a Raivo archive', zipFile('raivo-otp-export.json', text('[]'), 'pw'), 'raivo.zip', /'raivo\.zip' is a ZIP archive.*Raivo.*Unzip it/],
  ])('%s', async (_, bytes, name, message) => {
    await expectError(() => detectFormat(bytes, name), 'UNSUPPORTED_FORMAT', message)
  })

  it('explains what it cannot read', async () => {
    await expectError(() => detectFormat(text('just some notes\n')), 'UNSUPPORTED_FORMAT', /no otpauth/)
    await expectError(() => detectFormat(text('')), 'UNSUPPORTED_FORMAT')
    await expectError(() => detectFormat(encode({ hello: 'world' })), 'UNSUPPORTED_FORMAT')
    await expectError(() => detectFormat(encode([1, 2])), 'UNSUPPORTED_FORMAT')
    await expectError(() => detectFormat(new Uint8Array([0, 1, 2])), 'UNSUPPORTED_FORMAT')
    // Random binary is not taken for an encrypted andOTP backup any more: it is unknown.
    await expectError(
      () => detectFormat(new Uint8Array(64).fill(0x80), 'backup.bin'),
      'UNSUPPORTED_FORMAT',
      /'backup\.bin' is binary and not a backup format/,
    )
  })

  it('bounds size and nesting, and reports broken JSON as INVALID_FILE', async () => {
    await expectError(() => detectFormat(new Uint8Array(20 * 1024 * 1024 + 1)), 'INVALID_FILE', /too large/)
    await expectError(() => detectFormat(text('['.repeat(65) + ']'.repeat(65))), 'INVALID_FILE', /nests deeper than 64/)
    await expectError(() => detectFormat(text('[' + '"[",'.repeat(100) + '1]')), 'UNSUPPORTED_FORMAT') // brackets in strings do not count
    await expectError(() => detectFormat(text('{"header": ')), 'INVALID_FILE', /not valid JSON/)
  })
})
