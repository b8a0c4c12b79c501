/**
 * The account list: codes (fetched again only when the first shown one expires), search and
 * order, and the person's edits, moves, deletions (with undo) and additions.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals'
import type { Client } from '../../shared/messaging.ts'
import { unpackAccountList, unpackTimed, type PackedAccountList } from '../../shared/account-list-wire.ts'
import type { AccountView, AddResult, PopupToBackground } from '../../shared/protocol.ts'
import { arrangeAccounts } from '../../shared/arrange-accounts.ts'
import type { FeedbackModel } from './feedback-model.ts'
import type { SessionModel } from './session-model.ts'
import type { SettingsModel } from './settings-model.ts'

export interface AccountsDeps {
  /** The tab the popup is over, to offer its site's accounts first. */
  tabId: () => Promise<number | undefined>
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  /** Runs `fn` once the popup has drawn what it shows now (the next frame painted). */
  afterDraw?: (fn: () => void) => void
}

const nextFrame = (fn: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(fn, 0)) : setTimeout(fn, 0)

/** A TOTP or Steam account an opening sent without its code (account-list-wire.ts): it follows with listCodes. */
const codeFollows = (a: AccountView) => a.timed === null && a.type !== 'hotp'

/**
 * When the popup asks again for codes sent without their successor: inside the worker's 10 s lead
 * (NEXT_CODE_LEAD_MS in background/codes/code-engine.ts).
 */
const NEXT_CODE_ASK_MS = 8_000

type AccountPatch = { issuer?: string; account?: string; tags?: string[]; sites?: string[]; pinned?: boolean; t0?: number }

export function createAccountsModel(
  client: Client<PopupToBackground>,
  { run, movedOn, notice: makeNotice }: FeedbackModel,
  session: SessionModel,
  settings: SettingsModel,
  deps: AccountsDeps,
) {
  const now = deps.now ?? Date.now
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
  const afterDraw = deps.afterDraw ?? nextFrame
  const accounts = signal<AccountView[]>([])
  /** Accounts bound to the site of the tab in front: offered first. */
  const onSite = signal<ReadonlySet<string>>(new Set())
  const query = signal('')
  /** The last deletion, while it can still be undone: a notice, so gone once the person moves on. */
  const lastDeleted = makeNotice<{ id: string; name: string } | null>(null)
  /** Set after an add: how many were added and which were already there; gone once the person moves on. */
  const notice = makeNotice<{ added: number; duplicates: string[] } | null>(null)
  // Another screen (a panel, the lock screen) is moving on too. Back to the list is not: that is where the notice is read.
  effect(() => void (session.screen.value !== 'accounts' && movedOn()))

  let timer: unknown = null
  /** Codes are fetched again only when the first shown one expires, not every second. None: the vault closed. */
  function show(r: PackedAccountList | null): void {
    const list = r ? unpackAccountList(r).accounts : []
    setList(list)
    onSite.value = new Set(r?.onSite)
    // An opening's list holds the codes of its first rows: the others are asked once those are on screen, so their work
    // never delays the codes in view (issue #15).
    if (list.some(codeFollows)) afterDraw(() => void fillCodes())
  }

  /** The codes an opening left out, put in the views still without one (a list loaded meanwhile has its own). */
  async function fillCodes(): Promise<void> {
    try {
      const { codes } = await client('listCodes', {})
      const byId = new Map(codes.map((c) => [c.id, c]))
      setList(
        accounts.peek().map((a) => {
          const c = codeFollows(a) ? byId.get(a.id) : undefined
          return c ? { ...a, timed: unpackTimed(c, a.period) } : a
        }),
      )
    } catch (e) {
      await session.recheck(e)
    }
  }

  function setList(list: AccountView[]): void {
    accounts.value = list
    if (timer !== null) clearTimer(timer)
    timer = null
    // A code sent without its successor is asked for again a little inside the worker's lead (clocks
    // and the answer's travel), so the next code is there for the last seconds; asked once, not in a loop.
    const ask = (validUntil: number) => (validUntil - NEXT_CODE_ASK_MS > now() ? validUntil - NEXT_CODE_ASK_MS : validUntil)
    const ends = list.flatMap((a) => (a.timed ? [a.timed.nextCode === null ? ask(a.timed.validUntil) : a.timed.validUntil] : []))
    // 'refreshCodes', not 'listAccounts': refreshing on its own is not the person using Keyfob (auto-lock).
    if (ends.length) timer = setTimer(() => void load('refreshCodes'), Math.max(0, Math.min(...ends) - now()) + 50)
  }

  /** The list again: 'listAccounts' after something the person did, 'refreshCodes' on the popup's own timer. */
  async function load(request: 'listAccounts' | 'refreshCodes' = 'listAccounts'): Promise<void> {
    try {
      const tabId = await deps.tabId()
      show(await client(request, tabId === undefined ? {} : { tabId }))
    } catch (e) {
      accounts.value = []
      await session.recheck(e)
    }
  }

  const replace = (updated: AccountView) => void (accounts.value = accounts.value.map((a) => (a.id === updated.id ? updated : a)))
  /** Position in the manual order, which is what moveAccount's index means. */
  const manualIndex = (id: string) => [...accounts.value].sort((a, b) => a.order - b.order).findIndex((a) => a.id === id)
  const move = (id: string, toIndex: number) =>
    run(async () => {
      await client('moveAccount', { id, toIndex })
      await load()
    })

  return {
    accounts: accounts as ReadonlySignal<AccountView[]>,
    /** The list as shown: searched, the tab's site first, then pinned, then in the chosen order. */
    visible: computed(() => arrangeAccounts(accounts.value, query.value, settings.settings.value.sortOrder, onSite.value)),
    query: query as ReadonlySignal<string>,
    notice: notice.shown,
    lastDeleted: lastDeleted.shown,
    show,
    load,
    /** Typing a search is moving on: the notices above the list clear. */
    search: (text: string) => {
      if (text !== query.peek()) movedOn()
      query.value = text
    },
    /** After an add: says how many were added and which were already there, and shows the list again. */
    async added(r: AddResult): Promise<void> {
      notice.set({ added: r.added.length, duplicates: r.duplicates.map((d) => d.issuer || d.account) })
      session.close()
      await load()
    },
    nextHotpCode: (id: string) => run(async () => replace(await client('nextHotpCode', { id }))),
    update: (id: string, patch: AccountPatch) =>
      run(async () => {
        replace(await client('updateAccount', { id, ...patch }))
        if (!('pinned' in patch)) session.close()
      }),
    /** Moves an account `delta` places in the manual order (keyboard, menu). */
    moveBy: (id: string, delta: number) => {
      const index = manualIndex(id)
      return index < 0 ? Promise.resolve(undefined) : move(id, Math.max(0, index + delta))
    },
    /** Moves an account to where another one is (drag and drop). */
    moveTo: (id: string, targetId: string) => move(id, Math.max(0, manualIndex(targetId))),
    /** An account was deleted: offer to undo it. */
    deleted: (d: { id: string; name: string }) => lastDeleted.set(d),
    undoDelete: () =>
      run(async () => {
        const d = lastDeleted.shown.value
        if (!d) return
        lastDeleted.set(null)
        await client('restoreAccount', { id: d.id })
        await load()
      }),
  }
}

export type AccountsModel = ReturnType<typeof createAccountsModel>
