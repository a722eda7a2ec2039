// IAM counts a policy's size in characters excluding white space (AWS IAM quotas page); callers
// compare the result with the limit of the document's kind (2048 inline user, 6144 managed, ...).

/** Number of UTF-16 code units in `text` that are not white space (space, tab, CR, LF, FF, VT). */
export function policySizeWithoutWhitespace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    n++;
  }
  return n;
}
