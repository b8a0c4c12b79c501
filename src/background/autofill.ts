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
import { tabClient } from '../shared/background-messaging.ts'
import type { Services } from './services.ts'

const CHOICE_TTL_MS = 2 * 60_000

/** Accounts bound to the site of `url`. */
function accountsForUrl(accounts: readonly StoredAccount[], url: string): StoredAccount[] {
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
  /**
   * The fill waiting for the popup's confirmation (a bound site framed by another site). Worker memory:
   * the person confirms within seconds of the notice, and a worker stop only means asking again.
   */
  private framed: { tabId: number; frameId: number; url: string; ids: string[]; site: string; framedBy: string; at: number } | null = null
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
    const framedBy = frameId === 0 ? null : await this.framedBy(tabId, frameId, frameUrl)
    if (framedBy !== null) {
      // Another site's page around the bound one may have faded it over a decoy (clickjacking): the person
      // confirms in the popup, which names both sites. The notice is drawn in the frame itself: in the page
      // around it, that page would learn that an account is bound to the framed site.
      this.framed = { tabId, frameId, url: frameUrl, ids: matches.map((a) => a.id), site: site as string, framedBy, at: this.s.now() }
      await client('showNotice', { message: this.s.t('fillFramedNotice', [site as string, framedBy]) }).catch(() => undefined)
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

  /** The fill waiting for the popup's go-ahead in tab `tabId`: both sites and the accounts' names. */
  async pendingFramed(tabId: number): Promise<{ site: string; framedBy: string; names: string[] } | null> {
    const f = this.framed
    if (!f || f.tabId !== tabId || this.s.now() - f.at > CHOICE_TTL_MS) return null
    const content = (await this.s.vault.current()).content
    const names = f.ids.flatMap((id) => content.accounts.filter((a) => a.id === id).map(accountLabel))
    return names.length === f.ids.length ? { site: f.site, framedBy: f.framedBy, names } : null
  }

  /** The person confirmed in the popup: fills account `index` of the waiting fill, never submitting the form. */
  async confirmFramed(tabId: number, index: number): Promise<boolean> {
    const f = this.framed
    if (!f || f.tabId !== tabId || this.s.now() - f.at > CHOICE_TTL_MS) {
      throw new KeyfobError('NOT_FOUND', 'This fill has expired. Ask Keyfob to fill again.')
    }
    const id = f.ids[index]
    if (id === undefined) throw new KeyfobError('INVALID_MESSAGE', 'There is no such account in the choice.')
    this.framed = null
    return this.fill(f.tabId, f.frameId, id, f.url, { framed: true })
  }

  cancelFramed(tabId: number): void {
    if (this.framed?.tabId === tabId) this.framed = null
  }

  /**
   * The first site of a page around frame `frameId` that is not the frame's own, or null when every
   * page around it is the same site. From the frame's `location.ancestorOrigins` (Chromium) and the
   * top frame's URL as its own content script reports it; when neither answers, the frame is treated
   * as inside an unknown site.
   */
  private async framedBy(tabId: number, frameId: number, frameUrl: string): Promise<string | null> {
    const site = registrableDomain(frameUrl)
    const status = await tabClient(tabId, frameId)('otpFieldStatus', {}).catch(() => null)
    const top = await this.s.tabUrl(tabId)
    const around = [...(status?.ancestors ?? []), ...(top ? [top] : [])]
    if (around.length === 0) return this.s.t('anotherSite')
    for (const origin of around) {
      const other = /^https?:/i.test(origin) ? registrableDomain(origin) : null
      if (other !== site) return other ?? origin
    }
    return null
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
  private async fill(tabId: number, frameId: number, id: string, url: string, opts: { framed?: boolean } = {}): Promise<boolean> {
    const client = tabClient(tabId, frameId)
    const status = await client('otpFieldStatus', {}).catch(() => null)
    if (!status?.fillable) {
      await client('showNotice', { message: this.s.t('fillNoField') }).catch(() => undefined)
      return false
    }
    if (status.hidden) await this.refuseHidden(client) // before a code is made (an HOTP counter would move on)
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
    // Never submitted inside another site's page: the person confirmed a fill, not a sign-in they cannot see.
    const submit = !opts.framed && (await this.s.settings.get()).autoSubmit
    const { filled, hidden } = await client('fillCode', { code, submit, origin: new URL(url).origin })
    if (hidden) await this.refuseHidden(client)
    if (filled && validUntil !== null) this.lastFilled.set(key, { code, validUntil })
    // Codes fail when the computer's clock is off: check it against this site's own clock, off the fill's path.
    if (filled) void this.s.clock.checkAgainst(url).catch(() => undefined)
    return filled
  }

  /** The frame is faded or covered by the page around it: fill nothing, and say so in the frame (not to the page around it). */
  private async refuseHidden(client: ReturnType<typeof tabClient>): Promise<never> {
    await client('showNotice', { message: this.s.t('error_FIELD_HIDDEN') }).catch(() => undefined)
    throw new KeyfobError('FIELD_HIDDEN', 'The code field is not fully visible: the page around it fades or covers it.')
  }
}
