import { describe, expect, it } from 'vitest'
import { deserializeContent } from './content-codec.ts'
import { encryptContent } from './content-cipher.ts'
import { generateDeviceKey } from './device-slot.ts'
import type { ContentJson, Migration, MigrationPlan } from './migrations.ts'
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, migrateContent } from './migrations.ts'
import { storedAccountToJson } from './parse-stored-account.ts'
import { createVault, openVault } from './vault.ts'
import { expectCode, sampleAccount } from '../../../test/support/vault-fixtures.ts'

/** A v1 account as JSON, minus the fields the fake v0 schema did not have yet. */
function v0Account(): ContentJson {
  const { tags: _tags, pinned: _pinned, sites: _sites, ...rest } = storedAccountToJson(sampleAccount())
  return rest
}

describe('migrateContent', () => {
  it('starts at schema version 1 with no steps, and leaves current content alone', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(1)
    expect(MIGRATIONS).toEqual([])
    const content = { schemaVersion: 1, accounts: [] }
    expect(migrateContent(content)).toEqual({ content, migratedFrom: null })
  })

  it('migrates a fake v0 vault to v1, then validates it against today’s shape', () => {
    const plan: MigrationPlan = {
      currentVersion: 1,
      migrations: [
        {
          from: 0,
          migrate: ({ entries, ...rest }) => ({
            ...rest,
            accounts: (entries as ContentJson[]).map((a) => ({ ...a, tags: [], pinned: false, sites: [] })),
          }),
        },
      ],
    }
    const v0 = JSON.stringify({ schemaVersion: 0, entries: [v0Account()] })
    const { content, migratedFrom } = deserializeContent(v0, plan)
    expect(migratedFrom).toBe(0)
    expect(content).toEqual({ schemaVersion: 1, accounts: [sampleAccount({ tags: [], pinned: false, sites: [] })] })
  })

  it('runs injected steps in order, each exactly once, starting from the stored version', () => {
    const ran: number[] = []
    const step = (from: number, migrate: (c: ContentJson) => ContentJson): Migration => ({
      from,
      migrate: (c) => {
        ran.push(from)
        return migrate(c)
      },
    })
    // Each step depends on the previous one's output, so any other order throws or differs.
    const plan: MigrationPlan = {
      currentVersion: 3,
      migrations: [
        step(0, (c) => ({ ...c, accounts: c['entries'], entries: undefined })),
        step(1, (c) => ({ ...c, accounts: (c['accounts'] as ContentJson[]).map((a) => ({ ...a, tags: ['v2'] })) })),
        step(2, (c) => ({
          ...c,
          accounts: (c['accounts'] as ContentJson[]).map((a) => ({ ...a, tags: [...(a['tags'] as string[]), 'v3'] })),
        })),
      ],
    }
    const account = storedAccountToJson(sampleAccount())
    const fromV0 = migrateContent({ schemaVersion: 0, entries: [account] }, plan)
    expect(ran).toEqual([0, 1, 2])
    expect(fromV0.migratedFrom).toBe(0)
    expect(fromV0.content['schemaVersion']).toBe(3)
    expect((fromV0.content['accounts'] as ContentJson[])[0]?.['tags']).toEqual(['v2', 'v3'])

    ran.length = 0
    const fromV2 = migrateContent({ schemaVersion: 2, accounts: [{ ...account, tags: ['old'] }] }, plan)
    expect(ran).toEqual([2])
    expect((fromV2.content['accounts'] as ContentJson[])[0]?.['tags']).toEqual(['old', 'v3'])
  })

  it('never mutates its input, even when a step does', () => {
    const plan: MigrationPlan = {
      currentVersion: 1,
      migrations: [
        {
          from: 0,
          migrate: (c) => {
            ;(c['accounts'] as unknown[]).push('mutated')
            return c
          },
        },
      ],
    }
    const input = { schemaVersion: 0, accounts: [] as unknown[] }
    migrateContent(input, plan)
    expect(input).toEqual({ schemaVersion: 0, accounts: [] })
  })

  it('reports content from a later Keyfob as VAULT_TOO_NEW', async () => {
    await expectCode(() => migrateContent({ schemaVersion: CURRENT_SCHEMA_VERSION + 1, accounts: [] }), 'VAULT_TOO_NEW')
  })

  it('reports VAULT_TOO_NEW through openVault too', async () => {
    const { envelope, masterKey } = await createVault({ deviceKey: await generateDeviceKey() })
    const sealed = await encryptContent(masterKey, JSON.stringify({ schemaVersion: 2, accounts: [], newThing: {} }))
    await expectCode(openVault({ ...envelope, ...sealed }, masterKey), 'VAULT_TOO_NEW')
  })

  it('reports a version no step starts from, or no version, as VAULT_CORRUPT', async () => {
    const plan: MigrationPlan = { currentVersion: 3, migrations: [{ from: 2, migrate: (c) => c }] }
    await expectCode(() => migrateContent({ schemaVersion: 1, accounts: [] }, plan), 'VAULT_CORRUPT')
    await expectCode(() => migrateContent({ schemaVersion: 0, accounts: [] }), 'VAULT_CORRUPT')
    await expectCode(() => migrateContent({ accounts: [] }), 'VAULT_CORRUPT')
    await expectCode(() => migrateContent({ schemaVersion: '1', accounts: [] }), 'VAULT_CORRUPT')
    await expectCode(() => migrateContent({ schemaVersion: -1, accounts: [] }), 'VAULT_CORRUPT')
  })

  it('refuses a plan whose steps are out of order, have a gap, or stop short (INTERNAL)', async () => {
    const id = (c: ContentJson) => c
    const content = { schemaVersion: 0, accounts: [] }
    const plans: MigrationPlan[] = [
      {
        currentVersion: 2,
        migrations: [
          { from: 1, migrate: id },
          { from: 0, migrate: id },
        ],
      },
      {
        currentVersion: 3,
        migrations: [
          { from: 0, migrate: id },
          { from: 2, migrate: id },
        ],
      },
      {
        currentVersion: 3,
        migrations: [
          { from: 0, migrate: id },
          { from: 1, migrate: id },
          { from: 1, migrate: id },
        ],
      },
      { currentVersion: 3, migrations: [{ from: 0, migrate: id }] },
    ]
    for (const plan of plans) await expectCode(() => migrateContent(content, plan), 'INTERNAL')
  })
})
