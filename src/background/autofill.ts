/**
 * Filling a code: one code, for the site the frame is on, after a person's action.
 * The site is what the browser reports for that frame (menu frameUrl, or the frame's
 * own content script), compared by registrable domain, never by substring or title.
 * A cross-origin frame is matched on its own origin, not the top page's.
 */
import { KeyfobError } from '../core/errors.ts'
import { accountLabel } from '../core/accounts/account-label.ts'
import { findAccount } from '../core/accounts/find-account.ts'
import { registrableDomain, siteMatches } from '../core/site/index.ts'
import type { StoredAccount } from '../core/vault/index.ts'
import { tabClient } from '../shared/messaging.ts'
import type { Services } from './services.ts'

const CHOICE_TTL_MS = 2 * 60_000

/** Accounts bound to the site of `url`. */
export function accountsForUrl(accounts: readonly StoredAccount[], url: string): StoredAccount[] {
  return accounts.filter((a) => a.sites.some((site) => siteMatches(site, url)))
}

/** The code to fill now, stored with the account's use (an HOTP counter moves on). */
function codeToFill(s: Services, id: string, at: number): Promise<{ code: string; validUntil: number | null }> {
  return s.vault.mutate((content) => {
    const a = findAccount(content, id)
    a.lastUsedAt = s.now()
    return s.codes.useCode(a, at)
  })
}

/** Servers refuse a time-based code used once already (RFC 6238 §5.2): wait for the next one instead. */
const MAX_REPLAY_WAIT_MS = 60_000

export class Autofill {
  /** Pickers shown in pages: which accounts, for which tab and frame (worker memory only). */
  private choices = new Map<string, { tabId: number; frameId: number; ids: string[]; at: number; url: string }>()
  /** The code last filled per account and site, with when it stops being valid (worker memory only). */
  private lastFilled = new Map<string, { code: string; validUntil: number }>()

  constructor(private readonly s: Services) {}

  /** A person asked to fill in frame `frameId` of tab `tabId`, whose URL the browser reported. */
  async fillInFrame(tabId: number, frameId: number, frameUrl: string): Promise<void> {
    const client = tabClient(tabId, frameId)
    const site = registrableDomain(frameUrl)
    let content
    try {
      content = (await this.s.vault.current()).content
    } catch {
      await client('showNotice', { message: this.s.t('fillLocked') })
      return
    }
    const matches = site ? accountsForUrl(content.accounts, frameUrl) : []
    if (matches.length === 0) {
      // No code and no names reach a site nothing is bound to: the choice happens in the popup, with a warning.
      await client('showNotice', { message: this.s.t('fillNoAccount', site ?? frameUrl) })
      return
    }
    if (matches.length === 1) {
      await this.fill(tabId, frameId, (matches[0] as StoredAccount).id, frameUrl)
      return
    }
    const choiceId = crypto.randomUUID()
    this.choices.set(choiceId, { tabId, frameId, ids: matches.map((a) => a.id), at: this.s.now(), url: frameUrl })
    await client('showFillChoice', { choiceId, site: site as string, names: matches.map(accountLabel), origin: new URL(frameUrl).origin })
  }

  /** The person picked one name in the page's picker; only the same tab and frame may answer. */
  async chosen(choiceId: string, index: number, tabId: number, frameId: number): Promise<boolean> {
    const c = this.choices.get(choiceId)
    this.choices.delete(choiceId)
    if (!c || c.tabId !== tabId || c.frameId !== frameId || this.s.now() - c.at > CHOICE_TTL_MS) {
      throw new KeyfobError('NOT_FOUND', 'This choice has expired. Ask Keyfob to fill again.')
    }
    const id = c.ids[index]
    if (id === undefined) throw new KeyfobError('INVALID_MESSAGE', 'There is no such account in the choice.')
    return this.fill(tabId, frameId, id, c.url)
  }

  /** From the popup: the account the person clicked, into the tab it is over. */
  async fromPopup(id: string, tabId: number, confirmMismatch: boolean): Promise<{ filled: boolean; site: string | null }> {
    const url = await this.s.tabUrl(tabId)
    if (!url) throw new KeyfobError('NO_OTP_FIELD', 'Keyfob cannot fill on this page.')
    const site = registrableDomain(url)
    const account = findAccount((await this.s.vault.current()).content, id)
    if (!account.sites.some((b) => siteMatches(b, url)) && !confirmMismatch) {
      throw new KeyfobError('SITE_MISMATCH', `${account.issuer || account.account} is not bound to ${site ?? url}.`)
    }
    return { filled: await this.fill(tabId, 0, id, url), site }
  }

  /** Fills account `id` in frame `frameId`, whose URL (as the browser reported it) is `url`. */
  private async fill(tabId: number, frameId: number, id: string, url: string): Promise<boolean> {
    const client = tabClient(tabId, frameId)
    const { fillable } = await client('otpFieldStatus', {}).catch(() => ({ fillable: false }))
    if (!fillable) {
      await client('showNotice', { message: this.s.t('fillNoField') }).catch(() => undefined)
      return false
    }
    const key = `${id}|${registrableDomain(url) ?? url}`
    let { code, validUntil } = await codeToFill(this.s, id, await this.s.codeNow())
    const previous = this.lastFilled.get(key)
    if (previous && previous.code === code && validUntil !== null) {
      const waitMs = validUntil - (await this.s.codeNow())
      if (waitMs > MAX_REPLAY_WAIT_MS) throw new KeyfobError('INVALID_PARAMETER', 'This code was already used here.')
      await client('showNotice', { message: this.s.t('fillReplayWait', String(Math.ceil(waitMs / 1000))) }).catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, waitMs + 250))
      ;({ code, validUntil } = await codeToFill(this.s, id, await this.s.codeNow()))
    }
    // The frame id stays the same when the frame navigates: the content script checks that it is still on `origin`.
    const { filled } = await client('fillCode', { code, submit: (await this.s.settings.get()).autoSubmit, origin: new URL(url).origin })
    if (filled && validUntil !== null) this.lastFilled.set(key, { code, validUntil })
    // Codes fail when the computer's clock is off: check it against this site's own clock, off the fill's path.
    if (filled) void this.s.clock.checkAgainst(url).catch(() => undefined)
    return filled
  }
}
