import { useSignal } from '@preact/signals'
import { formatCode } from '../../core/otp/format-code.ts'
import type { AccountView } from '../../shared/protocol.ts'
import { Avatar } from '../components/avatar.tsx'
import { CountdownRing } from '../components/countdown-ring.tsx'
import { t } from '../i18n.ts'

const NEXT_CODE_SECONDS = 5

export function AccountRow({ account: a, now, onNextHotp }: { account: AccountView; now: number; onNextHotp: (id: string) => void }) {
  const copied = useSignal(false)
  const code = a.timed?.code ?? a.hotp?.code ?? null
  const remaining = a.timed ? Math.max(0, Math.ceil((a.timed.validUntil - now) / 1000)) : 0
  const name = a.issuer || a.account

  async function copy() {
    if (!code) return
    await navigator.clipboard.writeText(code)
    copied.value = true
    setTimeout(() => (copied.value = false), 1500)
  }

  return (
    <li class="account">
      <Avatar name={name} />
      <div class="names">
        <span class="issuer">{a.issuer || a.account}</span>
        {a.issuer && <span class="account-name">{a.account}</span>}
      </div>
      {code ? (
        <button type="button" class="code" onClick={() => void copy()}
          aria-label={t('copyCodeFor', [formatCode(code), name])}>
          {formatCode(code)}
        </button>
      ) : (
        <span class="code hidden-code">••• •••</span>
      )}
      {a.timed && (
        <span class="timer">
          <CountdownRing remaining={remaining} period={a.period} />
          <span class="sr-only">{t('secondsLeft', String(remaining))}</span>
          {remaining <= NEXT_CODE_SECONDS && <span class="next-code">{t('nextCode', formatCode(a.timed.nextCode))}</span>}
        </span>
      )}
      {a.hotp && (
        <button type="button" class="small" onClick={() => onNextHotp(a.id)}>
          {a.hotp.code ? t('hotpNext') : t('hotpShow')}
        </button>
      )}
      <span class="copied" role="status">{copied.value ? t('copied') : ''}</span>
    </li>
  )
}
