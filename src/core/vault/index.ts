/** The vault's API for the background; see docs/vault-format.md for the format itself. */
export { generateDeviceKey } from './device-slot.ts'
export type { PasswordSlot, VaultEnvelope } from './envelope.ts'
export { exportMasterKey, importMasterKey } from './master-key.ts'
export { parseEnvelope } from './parse-envelope.ts'
export { passwordStrength } from './password-strength.ts'
export { newPasskeySalt } from './passkey-slot.ts'
export {
  addPasskeySlot,
  addPasswordSlot,
  changePassword,
  passkeySlots,
  removeDeviceSlot,
  removePasskeySlot,
  verifyPassword,
} from './slot-operations.ts'
export { throttleDelay } from './throttle-delay.ts'
export { createVault, openVault, sealVault, unlockWithDeviceKey, unlockWithPasskey, unlockWithPassword } from './vault.ts'
export type { StoredAccount, VaultContent } from './vault-content.ts'
