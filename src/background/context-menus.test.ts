import { describe, expect, it } from 'vitest'
import { createMenus } from './context-menus.ts'

/** A contextMenus area that records its calls; `removeAll` answers as `removed` says. */
function menusArea(removed: () => Promise<void> | undefined) {
  const calls: string[] = []
  return {
    calls,
    removeAll: () => {
      calls.push('removeAll')
      return removed() as Promise<void>
    },
    create: (item: { id?: string }) => {
      calls.push(`create ${item.id}`)
      return item.id ?? ''
    },
  }
}

const t = (key: string) => key

describe('createMenus', () => {
  it('removes the old items, then creates the three menu items', async () => {
    const area = menusArea(() => Promise.resolve())
    await createMenus(area, t)
    expect(area.calls).toEqual(['removeAll', 'create keyfob-scan-qr', 'create keyfob-fill', 'create keyfob-scan-page'])
  })

  it('still creates them where removeAll returns no promise (Chromium before 123, without webextension-polyfill)', async () => {
    const area = menusArea(() => undefined)
    await createMenus(area, t)
    expect(area.calls).toEqual(['removeAll', 'create keyfob-scan-qr', 'create keyfob-fill', 'create keyfob-scan-page'])
  })
})
