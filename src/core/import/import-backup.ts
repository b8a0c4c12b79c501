/**
 * The one entry point the UI needs: detect the format, then dispatch to its
 * importer. The result is always an ImportResult or a KeyfobError; anything
 * else an importer throws is a bug, reported as INTERNAL rather than leaked.
 */
import { KeyfobError, isKeyfobError } from '../errors.ts'
import { sniffFormat, type SniffedFile } from './detect-format.ts'
import { importAegis } from './import-aegis.ts'
import { importAndOtp } from './import-andotp.ts'
import { importAuthenticatorExtension } from './import-authenticator-extension.ts'
import { importAuthenticatorPro } from './import-authenticator-pro.ts'
import { importBitwarden } from './import-bitwarden.ts'
import { importBitwardenCsv } from './import-bitwarden-csv.ts'
import { importEnteEncrypted } from './import-ente.ts'
import { importFreeOtp } from './import-freeotp.ts'
import { importFreeOtpPlus } from './import-freeotp-plus.ts'
import { importLastPass } from './import-lastpass.ts'
import { importProtonAuthenticator } from './import-proton-authenticator.ts'
import { importRaivo } from './import-raivo.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { importSteam } from './import-steam.ts'
import { importTotpAuthenticator } from './import-totp-authenticator.ts'
import { importTwoFas } from './import-two-fas.ts'
import { importWinAuthText, importWinAuthZip } from './import-winauth.ts'
import { importUriList } from './import-uri-list.ts'
import { asRecord } from './json-fields.ts'

/**
 * Detects the format of `bytes` and imports it. Throws KeyfobError:
 * UNSUPPORTED_FORMAT, INVALID_FILE, PASSWORD_REQUIRED / WRONG_PASSWORD (the
 * format id is in `cause.format`, see errorFormat()), or INTERNAL.
 */
export async function importBackup(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  try {
    return await dispatch(sniffFormat(bytes, options.fileName), bytes, options)
  } catch (e) {
    if (isKeyfobError(e)) throw e
    throw new KeyfobError('INTERNAL', 'The importer failed unexpectedly.', { cause: e })
  }
}

async function dispatch(file: SniffedFile, bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const root = () => asRecord(file.json, 'the file')
  switch (file.format) {
    case 'otpauth-uri-list':
    case 'google-migration':
      return importUriList(file.text ?? '', file.format)
    case 'aegis':
      return importAegis(root(), options)
    case 'two-fas':
      return importTwoFas(root(), options)
    case 'andotp':
      return importAndOtp(file.json, bytes, options)
    case 'bitwarden-json':
      return importBitwarden(root(), options)
    case 'bitwarden-csv':
      return importBitwardenCsv(file.text ?? '')
    case 'authenticator-extension':
      return importAuthenticatorExtension(root(), options)
    case 'ente-encrypted':
      return importEnteEncrypted(root(), options)
    case 'freeotp-plus':
      return importFreeOtpPlus(root())
    case 'lastpass':
      return importLastPass(root())
    case 'proton-authenticator':
      return importProtonAuthenticator(root(), options)
    case 'steam':
      return importSteam(root())
    case 'raivo':
      return importRaivo(file.json)
    case 'authenticator-pro':
      return importAuthenticatorPro(file.json, bytes, options)
    case 'freeotp':
      return importFreeOtp(bytes, options)
    case 'totp-authenticator':
      return importTotpAuthenticator(file.text ?? '', options)
    case 'winauth':
      return file.text === undefined ? importWinAuthZip(bytes, options) : importWinAuthText(file.text)
  }
}
