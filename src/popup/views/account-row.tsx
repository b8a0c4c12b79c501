import { useSignal } from '@preact/signals'
import { formatCode } from '../../core/otp/format-code.ts'
import type { AccountView } from '../../shared/protocol.ts'
import { Avatar } from '../components/avatar.tsx'
import { CountdownRing } from '../components/countdown-ring.tsx'
import { t } from '../../shared/i18n.ts'
import type { AccountsModel } from '../models/accounts-model.ts'
import type { FillModel } from '../models/fill-model.ts'
import type { SessionModel } from '../models/session-model.ts'
import { lazyView } from '../lazy-view.tsx'

// The ⋯ menu loads when first opened: every popup open pays only for reading and copying codes.
const RowActions = lazyView(() => import('./row-actions.tsx'))

const NEXT_CODE_SECONDS = 5

/** An e-mail address or a host name may wrap after '@' and '.' first, before it has to break inside a word (popup.css). */
const wrappable = (text: string) => text.split(/(?<=[@.])/).flatMap((part, i) => (i ? [<wbr />, part] : [part]))

interface Props {
  account: AccountView
  index: number
  total: number
  now: number
  manual: boolean
  /** The setting: codes show as dots until clicked. */
  hideCodes: boolean
  accounts: AccountsModel
  fill: FillModel
  session: SessionModel
}

export function AccountRow({ account: a, index, total, now, manual, hideCodes, accounts, fill, session }: Props) {
  const copied = useSignal(false)
  const menu = useSignal(false)
  const revealed = useSignal(false)
  const hidden = hideCodes && !revealed.value
  const code = a.timed?.code ?? a.hotp?.code ?? null
  const remaining = a.timed ? Math.max(0, Math.ceil((a.timed.validUntil - now) / 1000)) : 0
  const name = a.issuer || a.account

  async function copy(code: string) {
    revealed.value = true
    await fill.copy(a.id, code)
    copied.value = true
    setTimeout(() => (copied.value = false), 1500)
  }

  return (
    <li
      class="account"
      data-index={index}
      aria-setsize={total}
      aria-posinset={index + 1}
      draggable={manual}
      onDragStart={(e) => e.dataTransfer?.setData('text/x-keyfob-id', a.id)}
      onDragOver={(e) => manual && e.preventDefault()}
      onDrop={(e) => {
        const id = e.dataTransfer?.getData('text/x-keyfob-id')
        if (manual && id && id !== a.id) void accounts.moveTo(id, a.id)
      }}
    >
      <Avatar name={name} />
      <div class="names">
        <span class="issuer">
          {a.pinned && (
            <span class="pin" aria-label={t('pinned')}>
              ★{' '}
            </span>
          )}
          {wrappable(name)}
        </span>
        {a.issuer && <span class="account-name">{wrappable(a.account)}</span>}
      </div>
      {code ? (
        <button
          type="button"
          class="code"
          data-account={a.id}
          onClick={() => void copy(code)}
          aria-label={hidden ? t('revealCodeFor', name) : t('copyCodeFor', [formatCode(code), name])}
        >
          {hidden ? '••• •••' : formatCode(code)}
        </button>
      ) : a.hotp ? null : ( // an HOTP account without a code yet has its Show code button there instead; a TOTP or Steam code is on its way (listCodes)
        <span class="code hidden-code" aria-hidden="true">
          ••• •••
        </span>
      )}
      <span class="timer">
        {a.timed && <CountdownRing remaining={remaining} period={a.period} />}
        {a.timed && <span class="sr-only">{t('secondsLeft', String(remaining))}</span>}
        {a.hotp && (
          <button
            type="button"
            class="small"
            data-account={code ? undefined : a.id}
            onClick={() => void accounts.nextHotpCode(a.id)}
            aria-label={a.hotp.code ? t('hotpNextFor', name) : t('hotpShowFor', name)}
            title={a.hotp.code ? t('hotpNext') : undefined}
          >
            {a.hotp.code ? '↻' : t('hotpShow')}
          </button>
        )}
        <button
          type="button"
          class="small more"
          aria-expanded={menu.value}
          aria-label={t('actionsFor', name)}
          onClick={() => (menu.value = !menu.value)}
        >
          ⋯
        </button>
      </span>
      {a.timed?.nextCode && remaining <= NEXT_CODE_SECONDS && !hidden && (
        <span class="next-code">{t('nextCode', formatCode(a.timed.nextCode))}</span>
      )}
      <span class="copied" role="status">
        {copied.value ? t('copied') : ''}
      </span>
      {menu.value && (
        <RowActions account={a} name={name} index={index} total={total} manual={manual} accounts={accounts} session={session} />
      )}
    </li>
  )
}
