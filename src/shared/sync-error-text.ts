/**
 * The sentence for a sync failure known only by its code: the status of the last cycle keeps the
 * code, not the detail a thrown error carried. The sentences that name a detail ($1) get one of
 * their own here, so none ends in an empty blank.
 */
import type { ErrorCode } from '../core/errors.ts'
import { t } from './i18n.ts'

export function syncErrorText(code: ErrorCode): string {
  switch (code) {
    case 'SYNC_BAD_RESPONSE':
      return t('syncErrorBadResponse')
    case 'SYNC_RECORD_REJECTED':
      return t('syncErrorRecordRejected')
    case 'SYNC_HEADER_CORRUPT':
      return t('syncErrorHeaderCorrupt')
    case 'SYNC_TOO_BIG':
      return t('syncErrorTooBig')
    case 'INVALID_RECOVERY_KEY':
      return t('syncErrorInvalidRecoveryKey')
    default:
      return t(`error_${code}`)
  }
}
