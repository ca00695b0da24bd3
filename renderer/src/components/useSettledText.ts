// Free text that applies once typing pauses, so each keystroke is not a query — or at once when
// asked (Enter) or when the text is cleared. The pause is short: it only has to outlast the gap
// between two keystrokes, and an answer to text typed over since is dropped, never shown.
import { useCallback, useEffect, useRef, useState } from 'react';

/** Returns the settled text and a function that settles the current text now. */
export function useSettledText(text: string, pauseMs: number): [string, () => void] {
  const [settled, setSettled] = useState(text);
  // Set while rendering, so Enter pressed right after the last keystroke settles that keystroke too.
  const latest = useRef(text);
  latest.current = text;
  useEffect(() => {
    if (text === settled) return;
    const timer = setTimeout(() => setSettled(text), text === '' ? 0 : pauseMs);
    return () => clearTimeout(timer);
  }, [text, settled, pauseMs]);
  const settleNow = useCallback(() => setSettled(latest.current), []);
  return [settled, settleNow];
}
