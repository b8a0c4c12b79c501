/** Copies a code for the person; the caller records the use. */
export async function copyCode(code: string): Promise<void> {
  await navigator.clipboard.writeText(code)
}
