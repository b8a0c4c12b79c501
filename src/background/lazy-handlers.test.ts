import { describe, expect, it } from 'vitest'
import { lazyHandlers } from './lazy-handlers.ts'

const table = (calls: string[]) => ({
  double: async (input: { n: number }, ctx: { who: string }) => (calls.push(`double ${ctx.who}`), input.n * 2),
  echo: (input: { s: string }) => input.s,
})

describe('lazyHandlers', () => {
  it('loads the table with the first request of any of its types, once, and passes input and context', async () => {
    const calls: string[] = []
    let loads = 0
    const handlers = lazyHandlers<ReturnType<typeof table>>({ double: true, echo: true }, async () => (loads++, table(calls)))
    expect(loads).toBe(0)
    expect(Object.keys(handlers).sort()).toEqual(['double', 'echo'])
    await expect(handlers.double({ n: 21 }, { who: 'popup' })).resolves.toBe(42)
    await expect(handlers.echo({ s: 'x' })).resolves.toBe('x')
    await Promise.all([handlers.double({ n: 1 }, { who: 'a' }), handlers.double({ n: 2 }, { who: 'b' })])
    expect(loads).toBe(1)
    expect(calls).toEqual(['double popup', 'double a', 'double b'])
  })

  it('a failed load fails that request and is tried again with the next', async () => {
    let loads = 0
    const handlers = lazyHandlers<ReturnType<typeof table>>({ double: true, echo: true }, async () => {
      if (loads++ === 0) throw new Error('chunk failed to load')
      return table([])
    })
    await expect(handlers.echo({ s: 'x' })).rejects.toThrow('chunk failed to load')
    await expect(handlers.echo({ s: 'y' })).resolves.toBe('y')
    expect(loads).toBe(2)
  })
})
