// Free text that applies as the admin types without making each keystroke of a burst a query: a
// keystroke after a pause applies at once (there is nothing to wait for) unless the text is still
// a letter or two, one that follows another closely waits until typing pauses, and Enter or
// clearing the text applies at once.
// The pause is short: it only has to outlast the gap between two keystrokes, and an answer to
// text typed over since is dropped, never shown.
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Text this short matches nearly everything: counting it costs the engine the most and the
 * admin is rarely done typing, so it waits for the pause even after one.
 */
const IMMEDIATE_MIN_CHARS = 3;

/**
 * How long to wait before `text` applies: nothing when it is cleared or when the edit came at
 * least `pauseMs` after the one before (a lone correction, or the word finished after a pause)
 * and the text is long enough to narrow the timeline; else the pause.
 */
export function settleDelay(text: string, now: number, previousEdit: number, pauseMs: number): number {
  if (text === '') return 0;
  return now - previousEdit >= pauseMs && text.trim().length >= IMMEDIATE_MIN_CHARS ? 0 : pauseMs;
}

/** Returns the settled text and a function that settles the current text now. */
export function useSettledText(text: string, pauseMs: number): [string, () => void] {
  const [settled, setSettled] = useState(text);
  // Set while rendering, so Enter pressed right after the last keystroke settles that keystroke too.
  const latest = useRef(text);
  latest.current = text;
  // When the text last changed and when it changed before that, noted once per text: a render
  // repeated for the same text (StrictMode, an interrupted render) sees the same times.
  const edit = useRef({ text, at: Number.NEGATIVE_INFINITY, before: Number.NEGATIVE_INFINITY });
  if (edit.current.text !== text) edit.current = { text, at: performance.now(), before: edit.current.at };
  const delay = text === settled ? null : settleDelay(text, edit.current.at, edit.current.before, pauseMs);
  // An edit that applies at once is settled in the render that sees it: React renders again at
  // once, and the keystroke's commit already asks for the new rows. Settled in an effect, it took
  // a second render in a task of its own (~10–25 ms later in a Chromium trace).
  if (delay === 0) setSettled(text);
  useEffect(() => {
    if (delay === null || delay === 0) return;
    const timer = setTimeout(() => setSettled(text), delay);
    return () => clearTimeout(timer);
  }, [text, delay]);
  const settleNow = useCallback(() => setSettled(latest.current), []);
  return [settled, settleNow];
}
