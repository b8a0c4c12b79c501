import { describe, expect, it, vi } from 'vitest'
import { KeyfobError } from '../core/errors.ts'
import { checkKdfMemory } from './kdf-memory.ts'
import { Cancelled, type ImportRunner } from './import-runner.ts'
import { createImportModel } from './import-model.ts'
import type { ReadBackup } from './read-backup.ts'
import { WAIT } from '../../test/support/wait.ts'

vi.mock('../shared/i18n.ts', () => ({
  t: (key: string, values?: string | string[]) => (values === undefined ? key : `${key}:${String(values)}`),
}))

const file = (text: string) => new File([text], 'backup.json')
const RESULT: ReadBackup = { format: 'aegis', entries: [], skipped: [], warnings: [] }

/** A runner whose run waits until the test settles it; cancel rejects as the worker runner does. */
function fakeRunner() {
  let settle: { resolve: (r: ReadBackup) => void; reject: (e: unknown) => void; onDeriving: (s: number) => void } | undefined
  const cancel = vi.fn(() => settle?.reject(new Cancelled('stopped')))
  const runner: ImportRunner = {
    run: (_request, onDeriving) => new Promise((resolve, reject) => (settle = { resolve, reject, onDeriving })),
    cancel,
  }
  return { runner, cancel, current: () => settle! }
}

const client = vi.fn(async () => ({ status: [], added: 0 })) as never
const describeError = (e: unknown) => (e instanceof KeyfobError ? e.code : String(e))

describe('the import model with the file read in a worker', () => {
  it('shows the derivation with its estimate while it runs, then the preview', async () => {
    const { runner, current } = fakeRunner()
    const model = createImportModel(client, describeError, runner)
    const reading = model.readFile(file('{}'))
    await vi.waitFor(() => expect(current()).toBeDefined(), WAIT)
    current().onDeriving(7)
    expect([model.busy.value, model.deriving.value]).toEqual([true, 7])
    current().resolve(RESULT)
    await reading
    expect([model.stage.value, model.busy.value, model.deriving.value]).toEqual(['preview', false, null])
  })

  it('Cancel stops the run: no error, a notice, the password stage kept for another try', async () => {
    const { runner, cancel, current } = fakeRunner()
    const model = createImportModel(client, describeError, runner)
    const first = model.readFile(file('x'))
    await vi.waitFor(() => expect(current()).toBeDefined(), WAIT)
    current().reject(new KeyfobError('PASSWORD_REQUIRED', 'needs one', { cause: { format: 'ente-encrypted' } }))
    await first
    expect([model.stage.value, model.format.value]).toEqual(['password', 'ente-encrypted'])
    const second = model.decrypt('pw')
    current().onDeriving(30)
    model.cancel()
    await second
    expect(cancel).toHaveBeenCalled()
    expect([model.stage.value, model.busy.value, model.deriving.value, model.error.value, model.notice.value]).toEqual([
      'password',
      false,
      null,
      null,
      'importCancelled',
    ])
  })

  it('shows a refusal for memory as the error it is', async () => {
    const { runner, current } = fakeRunner()
    const model = createImportModel(client, describeError, runner)
    const reading = model.readFile(file('x'))
    await vi.waitFor(() => expect(current()).toBeDefined(), WAIT)
    current().reject(new KeyfobError('NOT_ENOUGH_MEMORY', 'too big', { values: ['1024'] }))
    await reading
    expect(model.error.value).toBe('NOT_ENOUGH_MEMORY')
  })
})

describe('checkKdfMemory', () => {
  const GiB = 2 ** 30
  it('lets small derivations through without reserving anything', () => {
    const reserve = vi.fn()
    checkKdfMemory(64 * 2 ** 20, 0.25, reserve)
    expect(reserve).not.toHaveBeenCalled()
  })

  it('refuses more than half the device memory, naming the MiB', () => {
    const error = (() => {
      try {
        checkKdfMemory(GiB, 1, () => undefined)
      } catch (e) {
        return e as KeyfobError
      }
    })()
    expect([error?.code, error?.values]).toEqual(['NOT_ENOUGH_MEMORY', ['1024']])
    expect(() => checkKdfMemory(GiB, 8, () => undefined)).not.toThrow()
  })

  it('refuses when the memory cannot be reserved', () => {
    expect(() =>
      checkKdfMemory(GiB, undefined, () => {
        throw new RangeError('out of memory')
      }),
    ).toThrow(/1024 MiB/)
  })
})
