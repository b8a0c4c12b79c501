/**
 * BrowserSyncRemote.foreign: which reported changes of the area (storage.onChanged) are another
 * device's, so that only those start a cycle (sync/index.ts), with the changes computed from the
 * area as Chrome reports them (the keys whose values changed), its own and replicated ones.
 */
import { describe, expect, it } from 'vitest'
import { createChromeSyncArea, replicate, type ChromeSyncArea } from '../../../test/support/chrome-sync-area.ts'
import { createBrowserSyncRemote, type AreaChange } from './browser-sync-remote.ts'

/** Runs `act`, and answers the changes the area would report for it. */
async function changesOf(area: ChromeSyncArea, act: () => unknown): Promise<Record<string, AreaChange>> {
  const before = area.snapshot()
  await act()
  const after = area.snapshot()
  const changes: Record<string, AreaChange> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue
    changes[key] = { ...(key in before ? { oldValue: before[key] } : {}), ...(key in after ? { newValue: after[key] } : {}) }
  }
  return changes
}

describe('foreign', () => {
  it('ignores this remote’s own writes and removals, whole or chunked, and sees another device’s', async () => {
    let t = Date.UTC(2026, 0, 1)
    const areaA = createChromeSyncArea({ now: () => t })
    const areaB = createChromeSyncArea({ now: () => t })
    const a = createBrowserSyncRemote({ area: areaA, label: 'x', now: () => t })
    const b = createBrowserSyncRemote({ area: areaB, label: 'x', now: () => t })

    // A's own: a small file, a chunked one, a replacement (old chunks removed), a removal.
    const small = await changesOf(areaA, () => a.write('r-1.json', 'small', { create: true }))
    expect(Object.keys(small)).toHaveLength(1)
    expect(a.foreign(small)).toBe(false)
    let etag = ''
    const chunked = await changesOf(areaA, async () => (etag = (await a.write('big.json', 'y'.repeat(20_000), { create: true })).etag))
    expect(Object.keys(chunked).length).toBeGreaterThan(2)
    expect(a.foreign(chunked)).toBe(false)
    t += 1000
    const replaced = await changesOf(areaA, async () => (etag = (await a.write('big.json', 'z'.repeat(20_000), { ifMatch: etag })).etag))
    expect(Object.values(replaced).some((c) => c.newValue === undefined)).toBe(true)
    expect(a.foreign(replaced)).toBe(false)
    const removed = await changesOf(areaA, () => a.remove('big.json', etag))
    expect(a.foreign(removed)).toBe(false)

    // Those same items arriving at B are foreign there; B's own write is not, and A sees it as foreign.
    const arrived = await changesOf(areaB, () => replicate(areaA, areaB))
    expect(b.foreign(arrived)).toBe(true)
    const own = await changesOf(areaB, () => b.write('r-2.json', 'from b', { create: true }))
    expect(b.foreign(own)).toBe(false)
    expect(a.foreign(await changesOf(areaA, () => replicate(areaB, areaA)))).toBe(true)

    // Another device removing a file: foreign. A key that is not Keyfob's: not.
    const b1 = await b.list()
    const gone = await changesOf(areaB, () => b.remove('r-1.json', b1.find((e) => e.name === 'r-1.json')?.etag ?? ''))
    expect(b.foreign(gone)).toBe(false)
    expect(a.foreign(await changesOf(areaA, () => replicate(areaB, areaA)))).toBe(true)
    expect(a.foreign({ settings: { newValue: 1 } })).toBe(false)
    // A mix of own and another's is foreign.
    expect(a.foreign({ ...small, 'kf:f:r-9.json': { newValue: { v: '000000000.AAAAAAAAAAAA', t: 'x' } } })).toBe(true)
  })
})
