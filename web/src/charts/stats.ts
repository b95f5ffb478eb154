/** A hue for a Camelot code: neighbours on the wheel get neighbouring colours. */
export function camelotHue(code: string): number {
  const n = parseInt(code, 10);
  return Number.isFinite(n) ? ((n - 1) * 30 + 200) % 360 : 0;
}

/** A stable hue for any label. */
export function labelHue(label: string): number {
  let h = 0;
  for (const c of label) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 360;
}
