import { describe, expect, it } from 'vitest'
import { isKeyfobError } from '../core/errors.ts'
import { createWorkerPost, pendingReplies } from './qr-worker-client.ts'

const check = (m: unknown) => {
  const r = m as { id?: unknown; ok?: unknown }
  return typeof r.id === 'number' && r.ok === true ? (r as { id: number; ok: true }) : null
}

describe('pendingReplies', () => {
  it('settles a request with the reply to its id that its check accepts, and ignores replies to no request', async () => {
    const replies = pendingReplies()
    const answer = new Promise((resolve, reject) => replies.add({ check, resolve: resolve, reject }))
    expect(replies.accept({ id: 7, ok: true })).toBe(false)
    expect(replies.accept('not a reply')).toBe(false)
    expect(replies.accept({ id: 0, ok: true })).toBe(true)
    await expect(answer).resolves.toEqual({ id: 0, ok: true })
    expect(replies.pending.size).toBe(0)
  })

  it('fails a request at once when the reply to its id is not of the shape it waits for (not after the timeout)', async () => {
    const replies = pendingReplies()
    const answer = new Promise((resolve, reject) => replies.add({ check, resolve: resolve, reject }))
    expect(replies.accept({ id: 0, ok: 'maybe' })).toBe(true)
    await expect(answer).rejects.toSatisfy((e) => isKeyfobError(e, 'INTERNAL'))
    expect(replies.pending.size).toBe(0)
  })
})

describe('createWorkerPost', () => {
  it('a worker that answers a request with something unexpected fails that request, and the next one still works', async () => {
    let reply: (id: number) => unknown = (id) => ({ id, ok: 'garbled' })
    const worker = {
      onmessage: null as ((e: { data: unknown }) => void) | null,
      onerror: null,
      terminate() {},
      postMessage(m: { id: number }) {
        queueMicrotask(() => this.onmessage?.({ data: reply(m.id) }))
      },
    }
    const post = createWorkerPost(() => worker as unknown as Worker, 60_000)
    await expect(post({ keyfob: 'job' }, check)).rejects.toSatisfy((e) => isKeyfobError(e, 'INTERNAL'))
    reply = (id) => ({ id, ok: true })
    await expect(post({ keyfob: 'job' }, check)).resolves.toMatchObject({ ok: true })
  })
})
