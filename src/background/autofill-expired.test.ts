import { describe, expect, it } from 'vitest'
import { Autofill } from './autofill.ts'
import type { Services } from './services.ts'

/** Nothing waits: both refusals come before any tab or vault is asked. */
const autofill = () => new Autofill({ now: () => 1_700_000_000_000 } as unknown as Services)

describe('a fill that waited too long', () => {
  it('says the popup’s go-ahead for a framed fill came too late (FILL_EXPIRED), not that an account is missing', async () => {
    await expect(autofill().confirmFramed(7, 0)).rejects.toMatchObject({ code: 'FILL_EXPIRED' })
  })

  it('says the page picker’s choice came too late (CHOICE_EXPIRED)', async () => {
    await expect(autofill().chosen('gone', 0, 7, 0)).rejects.toMatchObject({ code: 'CHOICE_EXPIRED' })
  })
})
