/**
 * Code page 437 (IBM PC-8), the character set SIE files declare with `#FORMAT PC8`.
 *
 * Exports: encodeCp437, decodeCp437.
 *
 * Why by hand: Node's TextDecoder has no cp437 and the domain takes no dependency for a
 * 128-entry table. The low half is ASCII; the high half below is IBM's published table.
 * Characters cp437 lacks (€, emoji) become "?", the same substitution DOS-era SIE readers
 * show, rather than bytes of another encoding that would corrupt å ä ö around them.
 */
const HIGH_HALF =
  "ÇüéâäàåçêëèïîìÄÅ" +
  "ÉæÆôöòûùÿÖÜ¢£¥₧ƒ" +
  "áíóúñÑªº¿⌐¬½¼¡«»" +
  "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐" +
  "└┴┬├─┼╞╟╚╔╩╦╠═╬╧" +
  "╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" +
  "αßΓπΣσµτΦΘΩδ∞φε∩" +
  "≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

const TO_BYTE = new Map<string, number>([...HIGH_HALF].map((ch, i) => [ch, 0x80 + i]));

const REPLACEMENT = 0x3f; // "?"

export function encodeCp437(text: string): Uint8Array {
  const chars = [...text];
  const out = new Uint8Array(chars.length);
  chars.forEach((ch, i) => {
    const code = ch.codePointAt(0) ?? REPLACEMENT;
    out[i] = code < 0x80 ? code : (TO_BYTE.get(ch) ?? REPLACEMENT);
  });
  return out;
}

export function decodeCp437(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += b < 0x80 ? String.fromCharCode(b) : HIGH_HALF[b - 0x80];
  return text;
}
