/**
 * How long a burst of typing in a search box must pause before its text applies: just over the gap
 * between two keystrokes of a fast typist (~60–90 ms). A keystroke after such a pause, a chip, a
 * preset, a suggested query or Enter applies at once (useSettledText). At 150 ms a fast burst's
 * answer came ~220 ms after its last key; a slower typist's keys, each a query at 100 ms, are
 * superseded (an answer to text typed over since is dropped) and cost the store ~40 ms each on
 * 2 M rows. The bench times a burst against it.
 */
export const TYPING_PAUSE_MS = 100;
