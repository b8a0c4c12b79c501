/**
 * Why an account cannot go into an Aegis file without changing its codes, or
 * null when it can (backup-formats.md, Aegis; Aegis `OtpInfo.java`).
 */
import type { AccountFields } from '../types.ts'

/** Aegis reads `period` with JSONObject.getInt, a Java int. */
const MAX_AEGIS_PERIOD = 2 ** 31 - 1

export function aegisLimitations(account: AccountFields): string | null {
  const reasons: string[] = []
  if (account.type === 'totp') {
    if (account.t0 !== undefined && account.t0 !== 0) reasons.push('Aegis has no TOTP start time (T0).')
    if (account.period > MAX_AEGIS_PERIOD) reasons.push(`Aegis cannot store a period of ${account.period} seconds.`)
  }
  // Aegis itself reads a Java long, but JSON numbers past 2^53 − 1 are not exact
  // in JavaScript readers (Keyfob's own Aegis importer refuses them), and
  // writing one would make the whole file unreadable there.
  if (account.type === 'hotp' && account.counter > BigInt(Number.MAX_SAFE_INTEGER)) {
    reasons.push(`The HOTP counter is larger than ${Number.MAX_SAFE_INTEGER}, which an Aegis file cannot hold exactly.`)
  }
  return reasons.length === 0 ? null : reasons.join(' ')
}
