import { describe, expect, it } from 'vitest'
import { lazyMethods, loadOnce } from './lazy-methods.ts'

const table = (calls: string[]) => ({
  double: async (input: { n: number }, ctx: { who: string }) => (calls.push(`double ${ctx.who}`), input.n * 2),
  echo: (input: { s: string }) => input.s,
})

describe('lazyMethods', () => {
  it('loads the table with the first request of any of its types, once, and passes input and context', async () => {
    const calls: string[] = []
    let loads = 0
    const handlers = lazyMethods<ReturnType<typeof table>>({ double: true, echo: true }, async () => (loads++, table(calls)))
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
    const handlers = lazyMethods<ReturnType<typeof table>>({ double: true, echo: true }, async () => {
      if (loads++ === 0) throw new Error('chunk failed to load')
      return table([])
    })
    await expect(handlers.echo({ s: 'x' })).rejects.toThrow('chunk failed to load')
    await expect(handlers.echo({ s: 'y' })).resolves.toBe('y')
    expect(loads).toBe(2)
  })
})

describe('lazyMethods on a class instance', () => {
  class Counter {
    private n = 0
    async add(k: number) {
      this.n += k
      return this.n
    }
  }
  it('calls each method on the loaded object, so `this` is the object', async () => {
    const counter = lazyMethods<Counter>({ add: true }, async () => new Counter())
    await counter.add(2)
    await expect(counter.add(3)).resolves.toBe(5)
  })
})

describe('loadOnce', () => {
  it('shares one load between calls, and loads again after a failure', async () => {
    let loads = 0
    const load = loadOnce(async () => {
      loads++
      if (loads === 1) throw new Error('offline')
      return loads
    })
    await expect(load()).rejects.toThrow('offline')
    const [a, b] = await Promise.all([load(), load()])
    expect([a, b, loads]).toEqual([2, 2, 2])
    await expect(load()).resolves.toBe(2)
  })
})
