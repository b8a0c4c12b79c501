/** Seeds are built once per process and shared by the targets that use them. */
import type { FormatId } from '../../src/core/import/import-result.ts'
import { buildFormatSeeds, type FileSeed } from './format-seeds.ts'
import { buildVaultSeeds, type VaultSeeds } from './vault-seeds.ts'

let formats: Promise<Record<FormatId, FileSeed[]>> | undefined
let vault: Promise<VaultSeeds> | undefined

export const formatSeeds = (): Promise<Record<FormatId, FileSeed[]>> => (formats ??= buildFormatSeeds())
export const vaultSeeds = (): Promise<VaultSeeds> => (vault ??= buildVaultSeeds())
