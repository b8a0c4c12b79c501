/** How an account is named to the person in panels and pickers: "Issuer (account)", or whichever exists. */
export function accountLabel(a: { issuer: string; account: string }): string {
  return a.issuer && a.account ? `${a.issuer} (${a.account})` : a.issuer || a.account
}
