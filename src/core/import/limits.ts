/**
 * Bounds on the work a hostile backup can ask for. Every parser checks these
 * before doing the work (reading, allocating, running a KDF), so a crafted file
 * fails fast with INVALID_FILE instead of freezing the service worker.
 */

/** Real exports are a few KiB to a few MiB (icons are the bulk); 20 MiB leaves room. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024
/** Accounts (and lines, items, tokens) per file. */
export const MAX_ENTRIES = 10_000
/** Real formats nest at most ~6 levels; JSON.parse itself would recurse on deep input. */
export const MAX_JSON_DEPTH = 64
/** Password slots or key records per file (Aegis allows several slots; 16 is generous). */
export const MAX_KEY_RECORDS = 16

/**
 * PBKDF2 (andOTP, 2FAS, Bitwarden kdfType 0). Aegis refuses andOTP files above
 * 10,000,000 (backup-formats.md, andOTP); Bitwarden's own maximum is 2,000,000.
 */
export const MAX_PBKDF2_ITERATIONS = 10_000_000

/** scrypt (Aegis: N=2^15, r=8, p=1 = 32 MiB). 128·N·r bytes of memory, p times the work. */
export const MAX_SCRYPT_N = 2 ** 20
export const MAX_SCRYPT_R = 32
export const MAX_SCRYPT_P = 16
export const MAX_SCRYPT_MEMORY_BYTES = 256 * 1024 * 1024
export const MAX_SCRYPT_WORK_BYTES = 1024 * 1024 * 1024

/**
 * Argon2id (Authenticator extension 19 MiB, Bitwarden 64 MiB·4 lanes, Proton
 * 19 MiB, Ente 64 MiB…1 GiB). Ente keeps memory × passes at 1 GiB × 4
 * (libsodium "sensitive"), halving memory and doubling passes on small
 * devices, so the work cap is 4 GiB·passes and passes may reach 256.
 */
export const MAX_ARGON2_MEMORY_KIB = 1024 * 1024
export const MAX_ARGON2_ITERATIONS = 256
export const MAX_ARGON2_PARALLELISM = 16
export const MAX_ARGON2_WORK_KIB = 4 * 1024 * 1024

/**
 * Total key-derivation work one file may ask for, summed over every derivation a
 * wrong password would run (all Aegis password slots, all Authenticator-extension
 * key records), in the units of kdf-work.ts (≈ 1 µs each here): about 8 s. It is
 * twice the largest single derivation allowed above (Argon2 at 4 GiB·passes; PBKDF2
 * at 10,000,000 iterations counts 5,000,000), so a file with one derivation is never
 * refused by it, while 16 Aegis slots at the scrypt caps (2^25 units) are.
 */
export const MAX_KDF_WORK_PER_FILE = 8 * 1024 * 1024

/** Salts in real files: 8 (CryptoJS) to 256 bytes (2FAS). */
export const MAX_SALT_BYTES = 1024
