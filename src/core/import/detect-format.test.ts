import { describe, expect, it } from 'vitest'
import { detectFormat } from './detect-format.ts'
import type { FormatId } from './import-result.ts'
import { encode, expectError } from '../../../test/support/import-helpers.ts'
import {
  aegisPlainFile, andOtpPlainFile, authenticatorExtensionPlainFile, bitwardenCsvFile, bitwardenJsonFile, FIXTURE_ENTRIES,
  freeOtpPlusFile, lastPassFile, protonPlainFile, raivoFile, steamMaFile, twoFasPlainFile, uriListFile,
} from '../../../test/support/plain-fixtures.ts'

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
    ['andotp', new Uint8Array(64).fill(0x80)],
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
  ])('%s', (format, bytes) => {
    expect(detectFormat(bytes)).toBe(format)
  })

  it('explains what it cannot read', async () => {
    await expectError(() => detectFormat(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'raivo.zip'), 'UNSUPPORTED_FORMAT', /'raivo\.zip' is a ZIP archive/)
    await expectError(() => detectFormat(text('just some notes\n')), 'UNSUPPORTED_FORMAT', /no otpauth/)
    await expectError(() => detectFormat(text('')), 'UNSUPPORTED_FORMAT')
    await expectError(() => detectFormat(encode({ hello: 'world' })), 'UNSUPPORTED_FORMAT')
    await expectError(() => detectFormat(encode([1, 2])), 'UNSUPPORTED_FORMAT')
    await expectError(() => detectFormat(new Uint8Array([0, 1, 2])), 'UNSUPPORTED_FORMAT')
  })

  it('bounds size and nesting, and reports broken JSON as INVALID_FILE', async () => {
    await expectError(() => detectFormat(new Uint8Array(20 * 1024 * 1024 + 1)), 'INVALID_FILE', /too large/)
    await expectError(() => detectFormat(text('['.repeat(65) + ']'.repeat(65))), 'INVALID_FILE', /nests deeper than 64/)
    await expectError(() => detectFormat(text('[' + '"[",'.repeat(100) + '1]')), 'UNSUPPORTED_FORMAT') // brackets in strings do not count
    await expectError(() => detectFormat(text('{"header": ')), 'INVALID_FILE', /not valid JSON/)
  })
})
