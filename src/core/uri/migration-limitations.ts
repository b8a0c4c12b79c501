import { DEFAULT_PERIOD, type AccountFields } from '../types.ts'
import { DIGIT_VALUES } from './migration-schema.ts'

/** Google's schema declares the counter int64 (migration.md); larger values would come back negative. */
const MAX_INT64 = 2n ** 63n - 1n

/**
 * Why `account` cannot be written to a Google Authenticator export without
 * changing its codes, or null when it can. The payload has no period, no T0,
 * no Steam type and only 6 or 8 digits (migration.md, note b and the enums).
 * The image and extra parameters are not carried either, but losing them does
 * not change a code, so they are not limitations.
 */
export function migrationLimitations(account: AccountFields): string | null {
  const reasons: string[] = []
  if (account.type === 'steam') {
    reasons.push('Google Authenticator exports have no Steam type.')
  } else if (account.type === 'motp' || account.type === 'yandex') {
    reasons.push(`Google Authenticator exports have no ${account.type === 'motp' ? 'mOTP' : 'Yandex Key'} type.`)
  } else {
    if (DIGIT_VALUES[account.digits] === undefined) {
      reasons.push(`Google Authenticator exports only allow 6 or 8 digits (this account has ${account.digits}).`)
    }
    if (account.type === 'totp' && account.period !== DEFAULT_PERIOD) {
      reasons.push(`Google Authenticator exports have no period, so every code lasts 30 seconds (this account uses ${account.period}).`)
    }
    if (account.type === 'hotp' && account.counter > MAX_INT64) {
      reasons.push('The counter is too large for a Google Authenticator export.')
    }
  }
  if (account.t0 !== undefined && account.t0 !== 0) {
    reasons.push('Google Authenticator exports have no TOTP start time (T0).')
  }
  return reasons.length === 0 ? null : reasons.join(' ')
}
