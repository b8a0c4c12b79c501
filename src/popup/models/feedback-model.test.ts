import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import { createFeedbackModel } from './feedback-model.ts'

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
})
