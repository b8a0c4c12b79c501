import { describe, expect, it, vi } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import { account, fakeClient, list, opening, status } from '../../../test/fake-popup-client.ts'
import { createFeedbackModel } from './feedback-model.ts'
import { createPopupModel } from './popup-model.ts'
import { WAIT } from '../../../test/support/wait.ts'

const noTimers = { now: () => 0, setTimer: () => 0, clearTimer: () => {} }
const two = [account('a', 30_000, { issuer: 'Alpha', order: 0 }), account('b', 30_000, { issuer: 'Beta', order: 1 })]
const added = { added: [two[1]!], duplicates: [{ issuer: 'Alpha', account: 'a', existingId: 'a' }] }

/** An open popup over a tab with a code field, with 'Added 1. Already added: Alpha.' showing. */
async function withAddedNotice(answers: Parameters<typeof fakeClient>[0] = {}) {
  const fake = fakeClient({
    openPopup: () => opening(status('unlocked'), { tabId: 9, list: list(two), fillable: true }),
    listAccounts: () => list(two),
    codeCopied: () => ({}),
    fillFromPopup: () => ({ filled: true, site: 'shop.test' }),
    lock: () => status('locked'),
    ...answers,
  })
  const m = createPopupModel(fake.client, { ...noTimers, copyText: async () => {} })
  await m.session.open()
  m.session.show({ kind: 'add' })
  await m.accounts.added(added)
  expect(m.accounts.notice.value).toEqual({ added: 1, duplicates: ['Alpha'] })
  return m
}

describe('feedback model', () => {
  it('is busy while an action runs, and shows its failure with the field it names', async () => {
    const f = createFeedbackModel((e) => `shown:${(e as KeyfobError).code}`)
    let release!: () => void
    const running = f.run(() => new Promise<void>((resolve) => (release = resolve)))
    expect(f.busy.value).toBe(true)
    release()
    await running
    expect(f.busy.value).toBe(false)
    expect(
      await f.run(async () => {
        throw new KeyfobError('INVALID_PARAMETER', 'x', { field: 'digits' })
      }),
    ).toBeUndefined()
    expect([f.error.value, f.errorField.value, f.busy.value]).toEqual(['shown:INVALID_PARAMETER', 'digits', false])
  })

  it('the next action starts with no error; clearError drops it', async () => {
    const f = createFeedbackModel()
    await f.run(async () => {
      throw new Error('first')
    })
    expect(f.error.value).toBe('first')
    expect(await f.run(async () => 42)).toBe(42)
    expect(f.error.value).toBeNull()
    f.fail(new Error('again'))
    f.clearError()
    expect([f.error.value, f.errorField.value]).toEqual([null, null])
  })

  it('a notice shows what was set until the person moves on, then its empty value', () => {
    const f = createFeedbackModel()
    const n = f.notice<string | null>(null)
    expect(n.shown.value).toBeNull()
    n.set('Added 1.')
    expect(n.shown.value).toBe('Added 1.')
    f.fail(new Error('no'))
    f.movedOn()
    expect([n.shown.value, f.error.value]).toEqual([null, null])
    n.set('Added 2.') // set after the move: shows until the next one
    expect(n.shown.value).toBe('Added 2.')
    const filled = f.notice(false)
    filled.set(true)
    f.movedOn()
    expect([n.shown.value, filled.shown.value]).toEqual([null, false])
  })

  it('list notices clear when the person types a search, and not when the search is unchanged', async () => {
    const m = await withAddedNotice()
    m.accounts.search('')
    expect(m.accounts.notice.value).not.toBeNull()
    m.accounts.search('al')
    expect(m.accounts.notice.value).toBeNull()
  })

  it('copying a code clears them; the fill it starts says Filled until the next move', async () => {
    const m = await withAddedNotice()
    m.accounts.deleted({ id: 'x', name: 'Gone' })
    await m.fill.copy('a', '123456')
    expect(m.accounts.notice.value).toBeNull()
    expect(m.accounts.lastDeleted.value).toBeNull()
    await vi.waitFor(() => expect(m.fill.filled.value).toBe(true), WAIT)
    m.accounts.search('b')
    expect(m.fill.filled.value).toBe(false)
  })

  it('opening another screen clears them, and so does locking; coming back to the list does not', async () => {
    const m = await withAddedNotice()
    m.session.show({ kind: 'settings' })
    expect(m.accounts.notice.value).toBeNull()
    m.session.close()
    await m.accounts.added(added)
    m.session.close()
    expect(m.accounts.notice.value).not.toBeNull()
    await m.session.lock()
    expect(m.session.screen.value).toBe('unlock')
    expect(m.accounts.notice.value).toBeNull()
  })

  it('a deletion is offered for undo until the person moves on; a warning waiting for an answer stays', async () => {
    const m = await withAddedNotice({
      fillFromPopup: () => {
        throw new KeyfobError('SITE_MISMATCH', 'not bound')
      },
    })
    m.accounts.deleted({ id: 'b', name: 'Beta' })
    expect(m.accounts.lastDeleted.value).toEqual({ id: 'b', name: 'Beta' })
    await m.fill.copy('a', '123456')
    await vi.waitFor(() => expect(m.fill.warning.value).toEqual({ id: 'a', name: 'Alpha', site: '' }), WAIT)
    m.accounts.search('al')
    expect(m.accounts.lastDeleted.value).toBeNull()
    expect(m.fill.warning.value).toEqual({ id: 'a', name: 'Alpha', site: '' })
  })
})
