import { describe, expect, it } from 'vitest'
import { createWorkBudget } from './work-budget.ts'

describe('createWorkBudget', () => {
  it('expires at the deadline of the given clock', () => {
    let t = 100
    const budget = createWorkBudget(50, () => t)
    expect(budget.expired()).toBe(false)
    t = 149
    expect(budget.remaining()).toBe(1)
    t = 150
    expect(budget.expired()).toBe(true)
  })

  it('uses performance.now by default', () => {
    expect(createWorkBudget(60_000).expired()).toBe(false)
    expect(createWorkBudget(0).expired()).toBe(true)
  })
})
