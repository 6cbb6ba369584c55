// A signed token with its signature changed for certain: one character inside the last segment (base64url, whose
// every inner character carries six bits of the signature) is replaced by another. Changing the last characters
// instead can leave the signature's bytes as they were (the final character's spare bits), and a test then fails at
// random.
export function tamperSignature(token: string): string {
  const i = token.length - 5;
  return `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
}
