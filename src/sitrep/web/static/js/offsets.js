// Evidence offsets come from Python and count code points; JavaScript strings count
// UTF-16 units, so a character outside the BMP ("𝕏", most emoji) is one offset in Python
// and two here. Every offset passes through here before it touches a string.

/** A function from a code-point offset into ``text`` to the UTF-16 index (undefined past the end). */
export function codePointIndexer(text) {
  const units = [0];
  let position = 0;
  for (const character of text) {
    position += character.length;
    units.push(position);
  }
  return (offset) => units[offset];
}

/**
 * The [start, end) UTF-16 range of evidence in ``text``, or null when the offsets do not
 * point at the words the evidence quotes (never highlight the wrong words).
 */
export function evidenceRange(text, indexer, evidence, base = 0) {
  if (!evidence) return null;
  const start = indexer(evidence.start - base);
  const end = indexer(evidence.end - base);
  if (start === undefined || end === undefined || end <= start) return null;
  if (evidence.text !== undefined && text.slice(start, end) !== evidence.text) return null;
  return [start, end];
}
